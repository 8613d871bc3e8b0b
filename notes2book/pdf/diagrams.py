"""The print build's Mermaid diagrams (`<pre class="mermaid">`, as the site has them) made into
pictures for paper: SVG files beside the dossier, drawn by `notes2book.pdf.mermaid`, kept in a
cache by content hash. A diagram that cannot be drawn is printed as its source, as code, and
reported.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from notes2book.pdf.mermaid import ChromiumError, Drawing, diagram_key, draw_timeout, draw_with_chromium

FOLDER = "_diagrams"  # in the print build, where WeasyPrint may read files
# Mermaid draws 16px labels; shrunk to 3/4 they print at 9pt, beside 10.5pt text.
SCALE = 0.75
_VIEWBOX = re.compile(r'viewBox="[-\d.e]+ [-\d.e]+ ([\d.e]+) ([\d.e]+)"')


@dataclass(frozen=True)
class DiagramProblem:
    """A diagram printed as its source (`drawn` False) or with labels missing; `docname` is the
    print build's document holding it."""

    docname: str
    message: str
    drawn: bool = False


def _source(pre: Tag) -> str:
    # The page writes the source between a newline after <pre> and one before </pre>.
    return pre.get_text().strip("\n")


def _docname(pre: Tag, root: str) -> str:
    """singlehtml marks where each document starts; the root document comes before any mark."""
    mark = pre.find_previous("span", id=re.compile(r"^document-"))
    return str(mark["id"])[len("document-"):] if mark is not None else root


def _cached(cache: Path, key: str) -> Drawing | None:
    svg, error = cache / f"{key}.svg", cache / f"{key}.error"
    if svg.is_file():
        return Drawing(svg=svg.read_text(encoding="utf-8"))
    if error.is_file():
        return Drawing(error=error.read_text(encoding="utf-8"))
    return None


def _store(cache: Path, key: str, drawing: Drawing) -> None:
    """Written whole or not at all, since two builds may share the cache. A Mermaid error is kept
    too: the same source fails the same way, and a rebuild need not start Chromium for it."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / (f"{key}.svg" if drawing.svg else f"{key}.error")
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    partial.write_text(drawing.svg or drawing.error, encoding="utf-8")
    partial.replace(target)


def drawings(sources: list[str], cache: Path, timeout: float | None = None) -> tuple[dict[str, Drawing], str]:
    """Each source's drawing by key, from the cache or one Chromium run for those missing; and,
    when Chromium could not run, why (those diagrams then have no drawing). `timeout` caps the
    time the run is given for that many diagrams."""
    found: dict[str, Drawing] = {}
    missing: list[str] = []
    for source in dict.fromkeys(sources):
        cached = _cached(cache, diagram_key(source))
        if cached is None:
            missing.append(source)
        else:
            found[diagram_key(source)] = cached
    if not missing:
        return found, ""
    try:
        limit = draw_timeout(len(missing))
        drawn = draw_with_chromium(missing, limit if timeout is None else min(timeout, limit))
    except ChromiumError as exc:
        return found, str(exc)
    for key, drawing in drawn.items():
        _store(cache, key, drawing)
    return found | drawn, ""


def _sized(svg: str) -> tuple[str, float]:
    """The SVG with its drawn size as its own (Mermaid writes width="100%"), and that width in CSS px."""
    root_end = svg.index(">")
    match = _VIEWBOX.search(svg, 0, root_end)  # the drawing's own, not a marker's
    if match is None:
        return svg, 0.0
    width, height = float(match.group(1)), float(match.group(2))
    root = re.sub(r'\s(?:width|height)="[^"]*"', "", svg[:root_end])
    root = re.sub(r"max-width:\s*[\d.]+px;?\s*", "", root)
    return f'{root} width="{width:g}" height="{height:g}"{svg[root_end:]}', width


def _picture(soup: BeautifulSoup, key: str, width: float, source: str) -> Tag:
    figure = soup.new_tag("figure", attrs={"class": "diagram"})
    style = f"width: {width * SCALE:.2f}px" if width else ""
    figure.append(soup.new_tag("img", attrs={"class": "diagram", "src": f"{FOLDER}/{key}.svg",
                                             "alt": source, "style": style}))
    return figure


def set_diagrams(page_html: str, work: Path, cache: Path, root: str, printed: Collection[str],
                 timeout: float | None = None) -> tuple[str, list[DiagramProblem]]:
    """The print build's page with the Mermaid diagrams of the `printed` documents drawn (SVG
    files in `work/_diagrams/`), and the problems met. `root` is the document singlehtml starts with."""
    if 'class="mermaid"' not in page_html:
        return page_html, []
    soup = BeautifulSoup(page_html, "html.parser")
    # Only what the dossier prints: a one-part dossier draws only that part's diagrams.
    blocks = [(pre, docname) for pre in soup.select("pre.mermaid")
              if (docname := _docname(pre, root)) in printed]
    if not blocks:
        return page_html, []
    drawn, failure = drawings([_source(pre) for pre, _ in blocks], cache, timeout)
    folder = work / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.svg"):
        stale.unlink()
    problems: list[DiagramProblem] = []
    for pre, docname in blocks:
        source = _source(pre)
        key = diagram_key(source)
        drawing = drawn.get(key, Drawing(error=failure))
        if not drawing.svg:
            # Printed as code: the source the trainer wrote, in the dossier's code style.
            pre["class"] = "diagram-source"
            problems.append(DiagramProblem(docname, _one_line(drawing.error)))
            continue
        svg, width = _sized(drawing.svg)
        (folder / f"{key}.svg").write_text(svg, encoding="utf-8")
        if "<foreignObject" in svg:
            problems.append(DiagramProblem(docname, "this kind of diagram has HTML labels, which paper "
                                           "cannot show", drawn=True))
        pre.replace_with(_picture(soup, key, width, source))
    return str(soup), problems


def _one_line(error: str) -> str:
    """Mermaid's parse errors span lines (the line, a caret, what was expected): the first and the
    last say it."""
    lines = [line.strip() for line in error.splitlines() if line.strip()]
    if len(lines) <= 1:
        return lines[0] if lines else "not drawn"
    return f"{lines[0]} {lines[-1]}"
