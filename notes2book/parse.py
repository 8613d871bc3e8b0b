"""Parse each note once into tokens, and read off its outline (title, headings, block ids)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdformat._util import build_mdit
from mdformat.renderer import MDRenderer
from mdit_py_plugins.dollarmath.index import math_inline_dollar

from notes2book.syntax.admonitions import admonitions_plugin
from notes2book.syntax.blockids import block_ids_plugin
from notes2book.syntax.callouts import callouts_plugin
from notes2book.syntax.comments import comments_plugin
from notes2book.syntax.highlights import highlights_plugin
from notes2book.syntax.tags import tags_plugin
from notes2book.syntax.tasklists import tasklists_plugin
from notes2book.syntax.wikilinks import wikilinks_plugin
from notes2book.vault import Note

# mdformat's own parser extensions: their tokens are what its renderer knows how to write back.
MDFORMAT_EXTENSIONS = ("tables", "footnote", "gfm", "deflist", "dollarmath")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # plain text, as a reader sees it
    raw: str  # as written in the note
    line: int  # line in the note file
    token_index: int


@dataclass
class Page:
    note: Note
    tokens: list[Token]
    env: dict[str, Any]
    headings: list[Heading]
    title_heading: Heading | None
    block_ids: dict[str, int] = field(default_factory=dict)  # id -> index of the token it marks

    @property
    def title(self) -> str:
        return self.title_heading.text if self.title_heading else self.note.stem

    @property
    def source_url(self) -> str | None:
        """The source a resource note summarizes: its title's link, else `source:`/`url:` in front matter."""
        if self.title_heading is not None:
            for child in self.tokens[self.title_heading.token_index + 1].children or []:
                href = str(child.attrs.get("href", "")) if child.type == "link_open" else ""
                if href.startswith(("http://", "https://")):
                    return href
        for key in ("source", "url", "lien"):
            value = self.note.meta.get(key)
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                return value
        return None

    def line_of(self, token: Token, offset: int = 0) -> int:
        start = token.map[0] if token.map else 0
        return self.note.body_line + start + offset


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    # mdformat's own parser set-up (its plugins need their options in place); a private helper,
    # which is why mdformat's version is pinned.
    md = build_mdit(MDRenderer, mdformat_opts={"number": True}, extensions=MDFORMAT_EXTENSIONS)
    # admonitions_plugin places its rule before the callouts' one: it comes after it here.
    for plugin in (comments_plugin, wikilinks_plugin, highlights_plugin, tags_plugin, callouts_plugin,
                   admonitions_plugin, block_ids_plugin, tasklists_plugin):
        md.use(plugin)
    # Formulas as Obsidian reads them: `$` then no space, no space then `$`, and no digit after the
    # closing one, so that `$2 and $3` in a shell line or "$5 to $10" stay text.
    md.inline.ruler.at("math_inline", math_inline_dollar(allow_space=False, allow_digits=False, allow_double=True))
    return md


def plain_text(inline: Token, upto: Token | None = None) -> str:
    """What a reader sees of an inline token (up to one of its children): markup dropped,
    wikilinks shown as their text."""
    parts: list[str] = []
    for child in inline.children or []:
        if child is upto:
            break
        if child.type in ("text", "code_inline", "math_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "wikilink":
            link = child.meta["link"]
            parts.append(link.label or link.written())
        elif child.type in ("image", "tag"):
            parts.append(child.content)
    return " ".join("".join(parts).split())


def parse_note(note: Note) -> Page:
    env: dict[str, Any] = {}
    tokens = markdown().parse(note.body, env)
    headings: list[Heading] = []
    block_ids: dict[str, int] = {}
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            line = note.body_line + (token.map[0] if token.map else 0)
            headings.append(Heading(int(token.tag[1]), plain_text(inline), inline.content.strip(), line, index))
        block_id = (token.meta or {}).get("block_id") if token.nesting == 1 else None
        if block_id and block_id not in block_ids:
            block_ids[block_id] = index
    title = next((h for h in headings if h.level == 1 and h.text), None)
    return Page(note, tokens, env, headings, title, block_ids)
