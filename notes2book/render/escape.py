"""Text that must reach the reader exactly as written, whatever MyST would make of it."""

from __future__ import annotations

import re

_INLINE_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>{}$&~=|#"})
# Lines that MyST (not CommonMark) reads as syntax: targets, comments, block breaks,
# colon fences, block attributes and display math.
_MYST_LINE_START = re.compile(r"^(\([^)\n]*\)=|%|\+\+\+|:::|\{|\$\$)")
_ROLE_BEFORE_CODE = re.compile(r"\{([A-Za-z0-9_:+.-]+)\}$")


def escape_inline(text: str) -> str:
    """Plain text (a name, a title) as inline Markdown that shows exactly that text."""
    return " ".join(text.split()).translate(_INLINE_SPECIAL)


def escape_line_starts(text: str) -> str:
    """Escape the first character of each line MyST would read as one of its own constructs."""
    return "\n".join(
        "\\" + line if _MYST_LINE_START.match(line) else line for line in text.split("\n")
    )


def escape_role_prefix(text: str) -> str:
    """`{name}` right before a code span would become a MyST role: escape its brace."""
    return _ROLE_BEFORE_CODE.sub(r"\\{\1}", text)
