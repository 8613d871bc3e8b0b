"""Stable ASCII names for pages, headings and files of the book."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
# Letters that do not decompose into a Latin letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O",
                            "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH"})


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    # Accents go; any other non-ASCII character (’ « … ) separates words.
    return "".join(c if c.isascii() else ("" if unicodedata.combining(c) else "-") for c in decomposed)


def slugify(text: str, fallback: str = "note") -> str:
    """`Qu’est-ce qu’un musée ?` -> `qu-est-ce-qu-un-musee`; never empty."""
    slug = _NON_WORD.sub("-", _ascii(text).lower()).strip("-")
    return slug[:80].rstrip("-") or fallback


def unique(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3`… whichever is free; records the choice in `taken`."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate
