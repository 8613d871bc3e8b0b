"""The words around a link, quoted under « Cité dans » on the page it leads to: about
CONTEXT_CHARS of the linking paragraph, cut between words, with its inline code, formulas and
emphasis as the note wrote them. Links, images and footnote calls become their text: the quote
stands on another page, where they would lead elsewhere or nowhere."""

from __future__ import annotations

from markdown_it.token import Token

from notes2book.parse import Page
from notes2book.render.myst import render_tokens
from notes2book.render.state import RenderState
from notes2book.tokenspans import spans

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
    found = 0
    for start, end in spans(children):
        if start <= at < end:
            found = len(units)
        unit = [quotable for child in children[start:end] for quotable in _quotable(child)]
        if unit:
            units.append(unit)
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
    """The units around unit `at` that fit in CONTEXT_CHARS: a third of the room before the link,
    the rest after it; when nothing follows the link, all of it before."""
    room = CONTEXT_CHARS - _length(units[at])
    before = room // 3
    start = _grow(units, at, -1, before)
    end = _grow(units, at, +1, room - _used(units, start, at))
    if end == len(units):
        before = room - _used(units, at + 1, end)
        start = _grow(units, at, -1, before)
    left = room - _used(units, start, end) + _length(units[at])
    head = _trim(units[start - 1], min(left, before - _used(units, start, at)), keep_end=True) if start > 0 else []
    left -= _length(head)
    tail = _trim(units[end], left, keep_end=False) if end < len(units) else []
    if start > 0 and not head:
        head = [_text("… ")]
        first = units[start][0]
        if first.type == "text":  # no stray comma after the ellipsis
            units[start] = [_text(first.content.lstrip(" ,;:.")), *units[start][1:]]
    if end < len(units) and not tail:
        tail = [_text(" …")]
    return [*head, *(token for unit in units[start:end] for token in unit), *tail]


def _used(units: list[list[Token]], start: int, end: int) -> int:
    return sum(_length(unit) for unit in units[start:end])


def _grow(units: list[list[Token]], edge: int, step: int, room: int) -> int:
    """From unit `edge`, how far whole units fit in `room` in direction `step`: the window's new
    start (step -1) or end (step +1)."""
    position = edge
    while 0 <= position + step < len(units) and _length(units[position + step]) <= room:
        position += step
        room -= _length(units[position])
    return position if step < 0 else position + 1


def quote(page: Page, block: int, child: int, state: RenderState) -> str:
    """The words around child `child` of inline token `block` of `page`, as inline MyST."""
    inline = page.tokens[block]
    units, at = _units(inline.children or [], child)
    if not units:
        return ""
    shown = Token("inline", "", 0, children=_window(units, at), content=inline.content)
    text = render_tokens([shown], state.quoting(page), page.env, finalize=False)
    return " ".join(text.split())
