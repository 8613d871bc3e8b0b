"""Images: the alt text and size an embed gives, the caption under it, and how sharp it prints.

Obsidian writes an image's alt text and width after bars: `![[img.png|Texte]]`, `![[img.png|300]]`,
`![[img.png|Texte|300]]`, `![Texte|300x200](img.png)`; a last part that is a size (`300`,
`300x200`) is the size, the rest the alt text.

A caption is the line right under an image, wholly in italics, in the same paragraph:

    ![[cycle.png|Le cycle en quatre étapes]]
    *Le cycle d'une stratégie numérique*

Such a paragraph is a figure (render/plan.py decides which are): on the site, a `figure` with its caption; in the dossier, a figure
numbered per chapter, captioned by that line, else by the alt text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from notes2book.diagnostics import Diagnostic, Severity
from notes2book.filetypes import RASTER_EXTENSIONS, extension
from notes2book.printsize import CSS_PX_PER_INCH, PRINT_PPI
from notes2book.render.escape import escape_inline
from notes2book.render.state import RenderState

SIZE = re.compile(r"^(\d+)(?:x(\d+))?$")


def split_spec(spec: str) -> tuple[str, str | None]:
    """`Texte|300` into the alt text and the size; either may be missing."""
    parts = spec.split("|")
    size = None
    if SIZE.match(parts[-1].strip()):
        size = parts.pop().strip()
    return " ".join("|".join(parts).split()), size


def size_attrs(size: str | None) -> str:
    match = SIZE.match(size or "")
    if not match:
        return ""
    width, height = match.groups()
    return f"{{width={width}px" + (f" height={height}px" if height else "") + "}"


@dataclass(frozen=True)
class Picture:
    """An image as the page writes it."""

    alt: str
    src: str
    size: str | None
    line: int | None
    file: str | None = None  # vault path of the image, when it is one of the vault's files


def check(state: RenderState, picture: Picture) -> None:
    """An image without alt text, or printed below PRINT_PPI: a problem naming its note and line."""
    name = (picture.file or picture.src).rsplit("/", 1)[-1]
    note = state.page.note.path
    if not picture.alt:
        state.problems.append(Diagnostic(
            "image-no-alt", Severity.WARNING, note, picture.line,
            f"the image {name} has no alt text: screen readers and the tagged PDF cannot say what it shows",
            f"describe it after a bar: ![[{name}|what the image shows]], or ![what the image shows]({name})"))
    if picture.file is None or state.printing is None or extension(picture.file) not in RASTER_EXTENSIONS:
        return
    size = SIZE.match(picture.size) if picture.size else None
    ppi = state.printing.ppi(picture.file, int(size.group(1)) if size else None)
    pixels = state.printing.pixels(picture.file)
    if ppi is not None and ppi < PRINT_PPI and pixels is not None:
        state.problems.append(Diagnostic(
            "image-low-resolution", Severity.WARNING, note, picture.line,
            f"the image {name} ({pixels[0]}×{pixels[1]} pixels) prints at {ppi:.0f} ppi in the dossier, "
            f"below {PRINT_PPI}: it will look blurred on paper",
            f"use a larger image, or ask for a smaller width (at most {pixels[0] * CSS_PX_PER_INCH // PRINT_PPI}"
            f" for this one: ![[{name}|…|{pixels[0] * CSS_PX_PER_INCH // PRINT_PPI}]])"))


def image_markup(state: RenderState, picture: Picture) -> str:
    """The image as MyST (or Markdown in a workbook), its problems reported."""
    check(state, picture)
    return f"![{escape_inline(picture.alt)}]({picture.src})" + (size_attrs(picture.size) if state.myst else "")
