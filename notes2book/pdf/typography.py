"""French typography on the text of the dossier: non-breaking spaces where French puts them.

Applied to text nodes only, so code, URLs and attributes are never touched.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: French "espace fine"
# Text inside these is verbatim: code keeps its spaces, a URL is never a sentence.
_VERBATIM = {"code", "pre", "kbd", "samp", "tt", "script", "style", "math", "svg"}
_VERBATIM_CLASSES = {"url", "footnote-url", "math", "highlight"}

_BEFORE_HIGH = re.compile(r"[ \t\n]+([;!?])")  # fine space before ; ! ?
_BEFORE_COLON = re.compile(r"[ \t\n]+(:|»)")  # full no-break space before : and »
_AFTER_GUILLEMET = re.compile(r"«[ \t\n]+")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def french_spacing(text: str) -> str:
    """Replace an ordinary space next to French high punctuation with a non-breaking one.

    Only spaces already there are replaced: adding one where there was none would break "10:30"
    or "http://" that slipped through as plain text.
    """
    text = _APOSTROPHE.sub("’", text)  # the typographic apostrophe Sphinx gives body text
    text = _BEFORE_HIGH.sub(NNBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + r"\1", text)
    return _AFTER_GUILLEMET.sub("«" + NBSP, text)


def _verbatim(node: NavigableString) -> bool:
    for parent in node.parents:
        if parent.name in _VERBATIM:
            return True
        if _VERBATIM_CLASSES.intersection(parent.get("class") or ()):
            return True
    return False


def apply_french_typography(soup: BeautifulSoup) -> None:
    for node in list(soup.find_all(string=True)):
        if isinstance(node, Comment) or _verbatim(node):
            continue
        new = french_spacing(str(node))
        if new != node:
            node.replace_with(NavigableString(new))
