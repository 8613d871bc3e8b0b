"""French typography on the text of the dossier: non-breaking spaces where French puts them.

Applied to text nodes only, so code, URLs and attributes are never touched.
"""

from __future__ import annotations

from bs4 import NavigableString, Tag
from bs4.element import Comment

from notes2book.typography import french_spacing

# Text inside these is verbatim: code keeps its spaces, a URL is never a sentence.
_VERBATIM = {"code", "pre", "kbd", "samp", "tt", "script", "style", "math", "svg"}
_VERBATIM_CLASSES = {"url", "footnote-url", "math", "highlight"}


def _verbatim(node: NavigableString) -> bool:
    for parent in node.parents:
        if parent.name in _VERBATIM:
            return True
        if _VERBATIM_CLASSES.intersection(parent.get("class") or ()):
            return True
    return False


def apply_french_typography(soup: Tag) -> None:
    for node in list(soup.find_all(string=True)):
        if isinstance(node, Comment) or _verbatim(node):
            continue
        new = french_spacing(str(node))
        if new != node:
            node.replace_with(NavigableString(new))
