"""`==surligné==` as `mark` tokens."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline


def _highlight(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("==", pos) or src.startswith("===", pos):
        return False
    start = pos + 2
    close = src.find("==", start)
    if close <= start or src[start].isspace() or src[close - 1].isspace():
        return False
    if not silent:
        state.push("mark_open", "mark", 1)
        old_max = state.posMax
        state.pos, state.posMax = start, close
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("mark_close", "mark", -1)
    state.pos = close + 2
    return True


def highlights_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("emphasis", "mark", _highlight)
