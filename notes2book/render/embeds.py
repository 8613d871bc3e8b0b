"""`![[Note]]`, `![[Note#Titre]]`, `![[Note#^bloc]]`: the embedded part of a note, shown in place."""

from __future__ import annotations

from markdown_it.token import Token
from mdformat.renderer import RenderContext, RenderTreeNode

from notes2book.diagnostics import Diagnostic, Severity
from notes2book.parse import Page
from notes2book.render.escape import escape_inline
from notes2book.render.state import embed_of, state_of, write_inside
from notes2book.tokenspans import span_from
from notes2book.words import label

MAX_EMBED_DEPTH = 10


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
    """A note embed alone in its paragraph (render/plan.py): the embedded part in a box."""
    state = state_of(context)
    link, target, line = embed_of(node, state)
    href = state.href(target)
    chain = (*state.embed_chain, state.page.note.path)
    pages = state.index.pages
    if target.path in chain or len(chain) > MAX_EMBED_DEPTH:
        loop = chain[chain.index(target.path):] if target.path in chain else chain
        shown = " → ".join(pages[p].note.stem for p in (*loop, target.path))
        code, why = ("embed-cycle", "comes back to where it started") if target.path in chain else \
            ("embed-too-deep", f"nests embeds more than {MAX_EMBED_DEPTH} deep")
        state.problems.append(Diagnostic(
            code, Severity.WARNING, state.page.note.path, line,
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
