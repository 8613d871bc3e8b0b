"""Pictures of the sample dossier for the README: cover, contents, a chapter spread, the Sources.

    python scripts/dossier_pictures.py [--dpi 60]

Converts the sample course and builds its dossier (with the date fixed, as the tests do), then
draws the pages with poppler's `pdftoppm` into docs/dossier-*.png. The spread is the first
chapter's opening page and the page facing it, side by side.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402  (Pillow comes with matplotlib)
from pypdf import PdfReader  # noqa: E402

from notes2book.config import load_project  # noqa: E402
from notes2book.convert import convert  # noqa: E402
from notes2book.diagnostics import Diagnostics  # noqa: E402
from notes2book.pdf import build_pdf  # noqa: E402
from notes2book.pdf.structure import read_outline  # noqa: E402

DOCS = ROOT / "docs"


def _page(pdf: Path, number: int, dpi: int, work: Path) -> Image.Image:
    """Page `number` (from 1) drawn at `dpi`."""
    prefix = work / f"page-{number}"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", "-f", str(number), "-l", str(number),
                    str(pdf), str(prefix)], check=True)
    return Image.open(f"{prefix}.png").convert("RGB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: the pictures do not change by day
    project = load_project(ROOT)
    convert(project, Diagnostics())
    pdf = build_pdf(project)
    reader = PdfReader(pdf)

    def page_of(anchor: str) -> int:
        return reader.get_destination_page_number(reader.named_destinations[anchor]) + 1

    outline = read_outline(project.toc)
    chapter = page_of("doc-" + re.sub(r"[^\w-]+", "-", outline.parts[0].chapters[0].docname))
    # The chapter's page and the one facing it: a right-hand page (odd) faces the page before it.
    left = chapter - 1 if chapter % 2 else chapter
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pictures = {
            "dossier-cover.png": _page(pdf, 1, args.dpi, work),
            "dossier-contents.png": _page(pdf, page_of("contents"), args.dpi, work),
            "dossier-sources.png": _page(pdf, page_of("sources"), args.dpi, work),
        }
        pages = [_page(pdf, left, args.dpi, work), _page(pdf, left + 1, args.dpi, work)]
        spread = Image.new("RGB", (pages[0].width * 2 + 8, pages[0].height), "#888888")
        spread.paste(pages[0], (0, 0))
        spread.paste(pages[1], (pages[0].width + 8, 0))
        pictures["dossier-chapter.png"] = spread
        for name, image in pictures.items():
            image.save(DOCS / name, optimize=True)
            print(f"docs/{name}: {image.width}x{image.height}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
