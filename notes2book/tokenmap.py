"""What later steps learn about a page's parsed tokens, kept beside them rather than written into
them (steps 2 and 4: a link's resolution, a heading's level): a token means what parsing made it,
whichever functions ran before."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from markdown_it.token import Token

V = TypeVar("V")


class TokenMap(Generic[V]):
    """Values looked up by the token they are about.

    markdown-it's tokens are mutable dataclasses, so unhashable, and two tokens written alike (the
    same link twice) are equal yet distinct: the key is the token's identity, `id(token)`. Each entry
    holds its token, which keeps it alive (its id cannot name another token) and lets a lookup
    check that the token asked about is that one.
    """

    __slots__ = ("_entries",)

    def __init__(self, items: Iterable[tuple[Token, V]] = ()) -> None:
        self._entries: dict[int, tuple[Token, V]] = {id(token): (token, value) for token, value in items}

    def get(self, token: Token | None) -> V | None:
        entry = self._entries.get(id(token)) if token is not None else None
        return entry[1] if entry is not None and entry[0] is token else None

    def values(self) -> list[V]:
        """The values, in the order their tokens were given."""
        return [value for _, value in self._entries.values()]

    def __len__(self) -> int:
        return len(self._entries)
