"""Text that must reach the reader exactly as written, whatever MyST would make of it."""

from __future__ import annotations

import re

_INLINE_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>{}$&~=|#"})
# Lines that MyST (not CommonMark) reads as syntax: targets, comments, block breaks,
# colon fences, block attributes and display math.
_MYST_LINE_START = re.compile(r"^(\([^)\n]*\)=|%|\+\+\+|:::|\{|\$\$)")


def escape_inline(text: str) -> str:
    """Plain text (a name, a title) as inline Markdown that shows exactly that text."""
    return " ".join(text.split()).translate(_INLINE_SPECIAL)


def escape_line_starts(text: str) -> str:
    """Escape the first character of each line MyST would read as one of its own constructs."""
    return "\n".join(
        "\\" + line if _MYST_LINE_START.match(line) else line for line in text.split("\n")
    )


_OPENERS = str.maketrans({"{": "\\{", "$": "\\$"})


def escape_openers(text: str) -> str:
    """Text that MyST would open its own syntax with: a brace opens roles (`{name}` before code),
    inline attributes (`{.class}` after an element or a `[span]`) and substitutions (`{{name}}`);
    a dollar opens a formula under MyST's looser rules (`$2 … $3` in a shell line). Formulas the
    note wrote are math tokens by now, never text: escape every one."""
    return text.translate(_OPENERS)
