"""The dossier's page as lengths: paper size and margins (CSS values of the settings) in millimetres,
so that the conversion can tell how wide an image prints without laying the dossier out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_UNIT_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6, "px": 25.4 / 96}
# CSS Paged Media's named sizes (width x height, portrait), as WeasyPrint knows them.
PAPER_MM = {"a3": (297.0, 420.0), "a4": (210.0, 297.0), "a5": (148.0, 210.0), "b4": (250.0, 353.0),
            "b5": (176.0, 250.0), "jis-b4": (257.0, 364.0), "jis-b5": (182.0, 257.0),
            "letter": (215.9, 279.4), "legal": (215.9, 355.6), "ledger": (279.4, 431.8)}
# Below this, a printed image looks soft. The dossier prints an image at this resolution unless the
# note asks for a width (its print stylesheet sets `image-resolution`), never wider than the text.
PRINT_PPI = 150
CSS_PX_PER_INCH = 96
_LENGTH = re.compile(r"^(\d+(?:\.\d+)?)(mm|cm|in|pt|pc|px)?$")


def length_mm(value: str) -> float:
    """A CSS length of the settings (`22mm`, `1in`, `0`) in millimetres."""
    match = _LENGTH.match(value.strip().lower())
    if match is None:
        raise ValueError(f"not a length: {value!r}")
    return float(match.group(1)) * _UNIT_MM[match.group(2) or "mm"]


def margin_sides(margins: str) -> tuple[str, str, str, str]:
    """The CSS margin shorthand (1 to 4 values) as top, right, bottom, left."""
    values = margins.split()
    top = values[0]
    right = values[1] if len(values) > 1 else top
    bottom = values[2] if len(values) > 2 else top
    left = values[3] if len(values) > 3 else right
    return top, right, bottom, left


def paper_mm(paper: str) -> tuple[float, float]:
    """A page size setting (`A4`, `A5 landscape`, `170mm 240mm`) as width and height."""
    words = paper.lower().split()
    if words and words[0] in PAPER_MM:
        width, height = PAPER_MM[words[0]]
        return (height, width) if words[1:] == ["landscape"] else (width, height)
    return length_mm(words[0]), length_mm(words[1])


def text_width_mm(paper: str, margins: str) -> float:
    """The width of the dossier's text block: the page less its left and right margins (mirrored
    in duplex, which changes neither)."""
    _, right, _, left = margin_sides(margins)
    return paper_mm(paper)[0] - length_mm(left) - length_mm(right)


@dataclass
class PrintCheck:
    """What tells how sharp an image prints: the dossier's text width, and the images' pixels."""

    text_width_in: float
    disk_path: Callable[[str], Path]
    _pixels: dict[str, tuple[int, int] | None] = field(default_factory=dict)

    def pixels(self, path: str) -> tuple[int, int] | None:
        """An image file's width and height in pixels (its header only is read), or None."""
        if path not in self._pixels:
            from PIL import Image, UnidentifiedImageError  # Pillow comes with WeasyPrint

            try:
                with Image.open(self.disk_path(path)) as image:
                    self._pixels[path] = image.size
            except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
                self._pixels[path] = None
        return self._pixels[path]

    def ppi(self, path: str, width: int | None) -> float | None:
        """The resolution an image prints at in the body text: its pixels over its printed width,
        the width the note asks for (CSS pixels) or its pixels at PRINT_PPI, at most the text's."""
        pixels = self.pixels(path)
        if pixels is None or pixels[0] == 0:
            return None
        wanted = width / CSS_PX_PER_INCH if width else pixels[0] / PRINT_PPI
        return pixels[0] / min(wanted, self.text_width_in)
