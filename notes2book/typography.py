"""French typography: non-breaking spaces where French puts them, in text a reader sees."""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: French "espace fine"

_BEFORE_HIGH = re.compile(r"[ \t\n]+([;!?])")  # fine space before ; ! ?
_BEFORE_COLON = re.compile(r"[ \t\n]+(:|»)")  # full no-break space before : and »
_AFTER_GUILLEMET = re.compile(r"«[ \t\n]+")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def french_spacing(text: str, apostrophes: bool = True) -> str:
    """Replace an ordinary space next to French high punctuation with a non-breaking one.

    Only spaces already there are replaced: adding one where there was none would break "10:30"
    or "http://" that slipped through as plain text. With `apostrophes`, the typographic
    apostrophe too (the site keeps the notes' own, as Obsidian shows them).
    """
    if apostrophes:
        text = _APOSTROPHE.sub("’", text)  # the typographic apostrophe Sphinx gives body text
    text = _BEFORE_HIGH.sub(NNBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + r"\1", text)
    return _AFTER_GUILLEMET.sub("«" + NBSP, text)
