"""Step 4, before a page is written: its plan, decided once from its parsed tokens and resolved
links — each heading's level and target in the book, and which paragraphs are written as a block
embed or a figure. A value the renderers read; the tokens stay as parsing made them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from markdown_it.token import Token

from notes2book.filetypes import IMAGE_EXTENSIONS, extension
from notes2book.index import Index
from notes2book.linkgraph import PageLinks
from notes2book.parse import Page
from notes2book.tokenmap import TokenMap


@dataclass(frozen=True)
class HeadingPlan:
    """How a heading of the note is written in the book."""

    is_title: bool = False  # the note's title: the page's one H1, written apart
    level: int | None = None  # its level in the book: one H1, no level skipped below it
    label: str | None = None  # its MyST target, which links to the heading lead to


class BlockForm(StrEnum):
    """What a paragraph is written as, when not as a paragraph."""

    NOTE_EMBED = "note_embed"  # `![[Note]]` alone: the note's part, shown in place (render/embeds.py)
    VIEW_EMBED = "view_embed"  # `![[Projets.base]]` alone: a notice (render/plugins.py)
    FIGURE = "figure"  # one image, with or without its caption line (render/images.py)


@dataclass(frozen=True)
class BlockPlan:
    form: BlockForm
    subject: Token  # the embed's wikilink, the figure's image
    captioned: bool = False  # a figure whose image a caption line follows


@dataclass(frozen=True)
class PagePlan:
    """How a page's headings and paragraphs are written, asked by their parsed tokens."""

    _headings: TokenMap[HeadingPlan] = field(default_factory=TokenMap)  # by heading_open
    _blocks: TokenMap[BlockPlan] = field(default_factory=TokenMap)  # by the paragraph's inline token
    # The paragraph_open and paragraph_close tokens of those blocks, with the type they are written as.
    _written_as: TokenMap[str] = field(default_factory=TokenMap)

    def heading(self, opening: Token | None) -> HeadingPlan | None:
        return self._headings.get(opening)

    def block(self, inline: Token | None) -> BlockPlan | None:
        """The plan of the paragraph whose content is `inline`, when it is not written as one."""
        return self._blocks.get(inline)

    def written(self, tokens: Sequence[Token]) -> list[Token]:
        """`tokens` as the renderers take them: each block embed's or figure's paragraph tokens
        replaced by copies of its form's type (`figure_open`…), so that mdformat dispatches them to
        their renderer by type and applies no paragraph postprocessor to them; the parsed tokens
        are left as they are."""
        if not self._written_as:
            return list(tokens)
        return [token.copy(type=kind) if (kind := self._written_as.get(token)) else token for token in tokens]


NO_PLAN = PagePlan()


def plan_page(page: Page, index: Index, links: PageLinks) -> PagePlan:
    """The plan of `page`, whose links resolved as `links` say."""
    blocks: list[tuple[Token, BlockPlan]] = []
    written_as: list[tuple[Token, str]] = []
    for opening, inline, closing, plan in _paragraph_plans(page.tokens, links):
        blocks.append((inline, plan))
        written_as += [(opening, f"{plan.form}_open"), (closing, f"{plan.form}_close")]
    return PagePlan(TokenMap(_outline(page, index)), TokenMap(blocks), TokenMap(written_as))


def _outline(page: Page, index: Index) -> Iterator[tuple[Token, HeadingPlan]]:
    """One H1 (the title), and no level jumps below it, so Sphinx sees a clean outline."""
    labels = index.heading_labels.get(page.note.path, {})
    stack: list[tuple[int, int]] = []  # (level in the note, level in the book)
    for heading in page.headings:
        opening = page.tokens[heading.token_index]
        if heading is page.title_heading:
            yield opening, HeadingPlan(is_title=True)
            continue
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        level = min(stack[-1][1] + 1 if stack else 2, 6)
        stack.append((heading.level, level))
        yield opening, HeadingPlan(level=level, label=labels.get(heading.token_index))


def _paragraph_plans(tokens: list[Token], links: PageLinks) -> Iterator[tuple[Token, Token, Token, BlockPlan]]:
    """Each paragraph written otherwise, with its opening, inline and closing tokens."""
    for i in range(len(tokens) - 2):
        opening, inline, closing = tokens[i], tokens[i + 1], tokens[i + 2]
        if opening.type != "paragraph_open" or inline.type != "inline":
            continue
        plan = _block_embed(inline, links) or _figure(opening, inline, links)
        if plan is not None:
            yield opening, inline, closing, plan


def _block_embed(inline: Token, links: PageLinks) -> BlockPlan | None:
    """A note embed alone in its paragraph is a block, as Obsidian shows it; so is the embed of a
    base or a canvas, which becomes a notice."""
    parts = [c for c in inline.children or [] if not (c.type in ("text", "softbreak") and not c.content.strip())]
    if len(parts) != 1 or parts[0].type != "wikilink" or not parts[0].meta["link"].embed:
        return None
    resolution = links.resolution(parts[0])
    kind = resolution.target.kind if resolution is not None and resolution.target is not None else None
    if kind == "note":
        return BlockPlan(BlockForm.NOTE_EMBED, parts[0])
    if kind == "view":
        return BlockPlan(BlockForm.VIEW_EMBED, parts[0])
    return None


def _figure(opening: Token, inline: Token, links: PageLinks) -> BlockPlan | None:
    """A paragraph holding one image, alone or with its caption line, is a figure."""
    if opening.hidden:
        return None
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    if not children or not _is_image(children[0], links):
        return None
    if len(children) == 1 or _caption_follows(children):
        return BlockPlan(BlockForm.FIGURE, children[0], captioned=len(children) > 1)
    return None


def _is_image(token: Token, links: PageLinks) -> bool:
    if token.type == "image":
        return True
    if token.type != "wikilink" or not token.meta["link"].embed:
        return False
    resolution = links.resolution(token)
    target = resolution.target if resolution is not None else None
    return target is not None and target.kind == "attachment" and extension(target.path) in IMAGE_EXTENSIONS


def _caption_follows(children: list[Token]) -> bool:
    """[image, line break, *…*]: the rest of the paragraph is one italic line."""
    if len(children) < 4 or children[1].type not in ("softbreak", "hardbreak") \
            or children[2].type != "em_open" or children[-1].type != "em_close":
        return False
    level = children[2].level
    return all(child.level > level for child in children[3:-1]) \
        and not any(child.type in ("softbreak", "hardbreak") for child in children[3:-1])
