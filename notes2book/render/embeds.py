"""`![[Note]]`, `![[Note#Titre]]`, `![[Note#^bloc]]`: the embedded part of a note, shown in place."""

from __future__ import annotations

from markdown_it.token import Token
from mdformat.renderer import RenderContext, RenderTreeNode

from notes2book.diagnostics import Diagnostic, Severity
from notes2book.parse import Page
from notes2book.render.escape import escape_inline
from notes2book.render.state import state_of, write_inside
from notes2book.tokenspans import span_from
from notes2book.words import label

MAX_EMBED_DEPTH = 10


def mark_block_embeds(page: Page) -> None:
    """A note embed alone in its paragraph is a block, as Obsidian shows it: retype the paragraph.
    So is the embed of a base or a canvas, which becomes a notice (notes2book.render.plugins)."""
    tokens = page.tokens
    for i in range(len(tokens) - 2):
        if tokens[i].type != "paragraph_open" or tokens[i + 1].type != "inline":
            continue
        parts = [c for c in tokens[i + 1].children or []
                 if not (c.type in ("text", "softbreak") and not c.content.strip())]
        if len(parts) != 1 or parts[0].type != "wikilink" or not parts[0].meta["link"].embed:
            continue
        resolution = parts[0].meta.get("resolution")
        kind = resolution.target.kind if resolution is not None and resolution.target is not None else None
        if kind not in ("note", "view"):
            continue
        block = "note_embed" if kind == "note" else "view_embed"
        tokens[i].type, tokens[i + 2].type = f"{block}_open", f"{block}_close"
        tokens[i].meta = {**(tokens[i].meta or {}), **parts[0].meta}


def embedded_tokens(page: Page, start: int | None) -> list[Token]:
    """The tokens of the whole note (less its title), of one section, or of one block."""
    tokens = page.tokens
    if start is None:
        title = page.title_heading.token_index if page.title_heading else -3
        return [t for i, t in enumerate(tokens) if not title <= i < title + 3]
    opening = tokens[start]
    if opening.type == "heading_open":
        end = next((i for i in range(start + 3, len(tokens))
                    if tokens[i].type == "heading_open" and tokens[i].level == opening.level
                    and tokens[i].tag <= opening.tag), len(tokens))
        return tokens[start:end]
    sliced = tokens[slice(*span_from(tokens, start))]
    if opening.type == "list_item_open":
        sliced = [Token("bullet_list_open", "ul", 1, markup="-"), *sliced,
                  Token("bullet_list_close", "ul", -1, markup="-")]
    return sliced


def note_embed(node: RenderTreeNode, context: RenderContext) -> str:
    state = state_of(context)
    meta = node.meta
    link, target = meta["link"], meta["resolution"].target
    href = state.href(target)
    chain = (*state.embed_chain, state.page.note.path)
    pages = state.index.pages
    if target.path in chain or len(chain) > MAX_EMBED_DEPTH:
        loop = chain[chain.index(target.path):] if target.path in chain else chain
        shown = " → ".join(pages[p].note.stem for p in (*loop, target.path))
        code, why = ("embed-cycle", "comes back to where it started") if target.path in chain else \
            ("embed-too-deep", f"nests embeds more than {MAX_EMBED_DEPTH} deep")
        state.problems.append(Diagnostic(
            code, Severity.WARNING, state.page.note.path, meta.get("line"),
            f"the embed {shown} {why}; a link is shown instead", "embed a section, or link to the note instead",
            key=frozenset((code, *loop))))
        text = escape_inline(link.label or link.written())
        return state.offline(target, text) or f"[{text}]({href})"
    page = pages[target.path]
    title = link.label or " > ".join((page.title, *link.headings))
    inner = write_inside(embedded_tokens(page, target.start), context, state.inside(page), page.env)
    text = f"{label(state.language, 'embedded_from')} {escape_inline(page.title)}"
    source = state.offline(target, text) or f"[{text}]({href})"
    return state.box(escape_inline(title), ["embed"], f"{inner.strip()}\n\n{source}")
