"""No more than two hyphenated lines in a row, decided while WeasyPrint sets each paragraph.

Books limit consecutive hyphenated lines (CSS Text 4 `hyphenate-limit-lines: 2`); WeasyPrint 70
(pinned) does not implement it. `hyphenate-limit-zone` cannot stand in: it forbids hyphenation only
when the line is nearly full, and a run of hyphenations comes from lines where a long word left a
wide gap (measured on the sample dossier: 3 runs of three at 0 and 8 %, 1 at 12 %, with a looser
text). WeasyPrint sets a paragraph line by line, greedily, in one generator
(`layout.inline.iter_line_boxes`), each line's text broken by `split_first_line`; so the limit
costs no second layout: after two lines ending in a hyphenation, the next line of the same
paragraph is broken with `hyphens: none`.

A run is counted within one paragraph on one page: a paragraph going on overleaf starts a new
run (WeasyPrint starts it afresh there, and the reader has turned the page).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

LIMIT_LINES = 2  # hyphenated lines in a row, as in most book typography

# One entry per paragraph being set (an inline-block's paragraphs nest inside a line): whether its
# next line may not be hyphenated.
_held: list[bool] = []


def _ends_hyphenated(box: Any) -> bool:
    """Whether the line's last piece of text ends with the hyphen WeasyPrint adds (U+2010 by
    default), not with a hyphen of the text (U+002D)."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        hyphen = box.style["hyphenate_character"]
        return bool(hyphen) and box.text.endswith(hyphen)
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in reversed(box.children):
            if isinstance(child, boxes.TextBox) and not child.text.strip():
                continue  # a trailing space
            return _ends_hyphenated(child)
    return False


def install() -> None:
    """Make this process's WeasyPrint hold hyphenation after LIMIT_LINES hyphenated lines.
    For the layout subprocess only (notes2book.pdf.render): it changes WeasyPrint's functions."""
    from weasyprint.layout import block, inline
    lines_of = inline.iter_line_boxes
    split = inline.split_first_line

    def iter_line_boxes(*args: Any, **kwargs: Any) -> Iterator[tuple[Any, Any]]:
        lines = lines_of(*args, **kwargs)
        run = 0
        while True:
            _held.append(run >= LIMIT_LINES)
            try:
                line, resume_at = next(lines)
            except StopIteration:
                return
            finally:
                _held.pop()
            yield line, resume_at
            run = run + 1 if _ends_hyphenated(line) else 0

    def split_first_line(text: str, style: Any, *args: Any, **kwargs: Any) -> Any:
        if _held and _held[-1] and style["hyphens"] != "none":
            style = style.copy()
            style["hyphens"] = "none"
        return split(text, style, *args, **kwargs)

    inline.iter_line_boxes = block.iter_line_boxes = iter_line_boxes
    inline.split_first_line = split_first_line
