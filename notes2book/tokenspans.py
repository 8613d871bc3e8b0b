"""Blocks of a markdown-it token stream: an opening token with everything up to its closing one,
found by nesting depth. The one walk every step that cuts tokens into blocks uses."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markdown_it.token import Token

Span = tuple[int, int]  # [start, end) of a block in a list of tokens


def spans(tokens: Sequence[Token], start: int = 0, end: int | None = None) -> Iterator[Span]:
    """The top-level blocks between `start` and `end`, in order: each opening token with its
    content and closing token, or a token that opens nothing. A stray closing token is a block of
    its own; a block left open runs to `end`."""
    stop = len(tokens) if end is None else end
    depth, opened = 0, start
    for i in range(start, stop):
        if depth == 0:
            opened = i
        depth += tokens[i].nesting
        if depth <= 0:
            yield opened, i + 1
            depth = 0
    if depth > 0:
        yield opened, stop


def span_from(tokens: Sequence[Token], start: int) -> Span:
    """The block opened by `tokens[start]`."""
    return next(spans(tokens, start))


def span_closed_at(tokens: Sequence[Token], last: int) -> Span | None:
    """The block closed by `tokens[last]`, found walking back to its opening token; None when
    nothing before it opens it."""
    depth = 0
    for i in range(last, -1, -1):
        depth += tokens[i].nesting
        if depth == 0:
            return i, last + 1
    return None
