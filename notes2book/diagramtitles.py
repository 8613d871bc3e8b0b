"""Tooltips of the site's Graphviz drawings (the course map, notes2book.render.coursemap) that say
what a shape is.

Graphviz gives every node, edge and cluster of an SVG a `<title>`, the browser's tooltip, made of
its name in the DOT source (`n3`, `n3->n7`, `cluster_0`). Once the site is written, a shape that
has a tooltip of its own (`tooltip=`: the note's title) gets it as its `<title>`; edges and
clusters lose theirs; the drawing keeps its own (the graph's name: the map's heading).
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

_SVG = "{http://www.w3.org/2000/svg}"
_XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"


def retitle(svg: bytes) -> bytes:
    """`svg` (Graphviz's) with each shape's `<title>` its tooltip, and no name-only titles."""
    root = ET.fromstring(svg)
    for group in root.iter(f"{_SVG}g"):
        title = group.find(f"{_SVG}title")
        if title is None or "graph" in (group.get("class") or "").split():
            continue
        link = next((a for a in group.iter(f"{_SVG}a") if a.get(_XLINK_TITLE)), None)
        if link is None:
            group.remove(title)
        else:
            title.text = link.get(_XLINK_TITLE)
    return ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


_started_ns = 0  # when the current build started


def _started(app: Any) -> None:
    global _started_ns
    _started_ns = time.time_ns()


def _retitle_site(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    # Drawings older than this build were retitled by an earlier one (a second before: file times
    # may lag the clock by a tick; retitling twice changes nothing).
    since = _started_ns - 1_000_000_000
    for path in sorted((Path(app.outdir) / "_images").glob("graphviz-*.svg")):
        if path.stat().st_mtime_ns < since:
            continue
        data = path.read_bytes()
        changed = retitle(data)
        if changed != data:
            path.write_bytes(changed)


def setup(app: Any) -> None:
    """Connect the titles; called by notes2book.sphinxext's own setup."""
    app.connect("builder-inited", _started)
    app.connect("build-finished", _retitle_site)
