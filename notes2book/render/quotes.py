"""The words around a link, quoted under « Cité dans » on the page it leads to: about
CONTEXT_CHARS of the linking paragraph, cut between words, with its inline code, formulas and
emphasis as the note wrote them. Links, images and footnote calls become their text: the quote
stands on another page, where they would lead elsewhere or nowhere."""

from __future__ import annotations

from dataclasses import replace

from markdown_it.token import Token

from notes2book.parse import Page
from notes2book.render.myst import render_tokens
from notes2book.render.state import RenderState

CONTEXT_CHARS = 220
_KEPT = frozenset({"text", "code_inline", "math_inline", "em_open", "em_close", "strong_open", "strong_close",
                   "mark_open", "mark_close", "s_open", "s_close"})


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _quotable(token: Token) -> list[Token]:
    """What of an inline token a quote keeps."""
    if token.type in _KEPT:
        return [token]
    if token.type in ("softbreak", "hardbreak"):
        return [_text(" ")]
    if token.type == "wikilink":
        link = token.meta["link"]
        return [_text(link.label or link.written())]
    if token.type in ("image", "tag"):
        return [_text(token.content)] if token.content else []
    return []  # link_open/close (their text stays), footnote calls, raw HTML


def _units(children: list[Token], at: int) -> tuple[list[list[Token]], int]:
    """The quotable tokens in units that never part an opening token from its closing one, and the
    unit holding child `at`."""
    units: list[list[Token]] = []
    current: list[Token] = []
    depth, found = 0, 0
    for position, child in enumerate(children):
        if position == at:
            found = len(units)
        depth += child.nesting
        current += _quotable(child)
        if depth <= 0:
            if current:
                units.append(current)
            current, depth = [], 0
    if current:
        units.append(current)
    return units, min(found, max(len(units) - 1, 0))


def _length(unit: list[Token]) -> int:
    return sum(len(token.content) for token in unit)


def _trim(unit: list[Token], budget: int, keep_end: bool) -> list[Token]:
    """A text unit cut to `budget` characters between words, from its end or its start."""
    if len(unit) != 1 or unit[0].type != "text" or budget < 20:
        return []
    words = unit[0].content.split(" ")
    kept: list[str] = []
    for word in (reversed(words) if keep_end else words):
        if sum(len(w) + 1 for w in kept) + len(word) > budget:
            break
        kept.append(word)
    if keep_end:
        return [_text("… " + " ".join(reversed(kept)).lstrip())]
    return [_text(" ".join(kept).rstrip() + " …")]


def _window(units: list[list[Token]], at: int) -> list[Token]:
    start, end = at, at + 1
    used = _length(units[at])
    before = CONTEXT_CHARS // 3
    while start > 0 and used + _length(units[start - 1]) <= CONTEXT_CHARS and \
            (end == len(units) or _length(units[start - 1]) <= before):
        start -= 1
        used += _length(units[start])
        before -= _length(units[start])
    while end < len(units) and used + _length(units[end]) <= CONTEXT_CHARS:
        used += _length(units[end])
        end += 1
    head = _trim(units[start - 1], min(before, CONTEXT_CHARS - used), keep_end=True) if start > 0 else []
    used += _length(head)
    tail = _trim(units[end], CONTEXT_CHARS - used, keep_end=False) if end < len(units) else []
    if start > 0 and not head:
        head = [_text("… ")]
        first = units[start][0]
        if first.type == "text":  # no stray comma after the ellipsis
            units[start] = [_text(first.content.lstrip(" ,;:.")), *units[start][1:]]
    if end < len(units) and not tail:
        tail = [_text(" …")]
    return [*head, *(token for unit in units[start:end] for token in unit), *tail]


def quote(page: Page, block: int, child: int, state: RenderState) -> str:
    """The words around child `child` of inline token `block` of `page`, as inline MyST."""
    inline = page.tokens[block]
    units, at = _units(inline.children or [], child)
    if not units:
        return ""
    shown = Token("inline", "", 0, children=_window(units, at), content=inline.content)
    text = render_tokens([shown], replace(state, page=page), page.env, finalize=False)
    return " ".join(text.split())
