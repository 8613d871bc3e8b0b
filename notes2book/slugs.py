"""Stable ASCII names for pages, headings and files of the book."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "note") -> str:
    """`Réseaux sociaux & musées !` -> `reseaux-sociaux-musees`; never empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or fallback


def unique(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3`… whichever is free; records the choice in `taken`."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate
