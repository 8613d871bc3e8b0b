"""The Sphinx side of notes2book, loaded by Jupyter Book through `_config.yml` (`local_extensions`).

- Scripts the site serves itself (hover previews, formulas, Mermaid diagrams), from this package's
  `static/` folder. Added once Sphinx has its configuration, so that Jupyter Book does not also list
  them on every page. mermaid.js (3.5 MB) is loaded only by the pages that hold a diagram.
- Files the pages reach through raw HTML, which Sphinx does not follow, are copied next to the
  pages: the media of `book/_assets/` (audio and video players), the learner workbooks of
  `book/_workbooks/`, and the PDF dossier when it has been built (`_build/pdf/`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from notes2book.notebooks import WORKBOOKS
from notes2book.pdf.mermaid import MERMAID_VERSION
from notes2book.render.inline import AUDIO_EXTENSIONS, VIDEO_EXTENSIONS

MEDIA = AUDIO_EXTENSIONS | VIDEO_EXTENSIONS
STATIC = Path(__file__).resolve().parent / "static"
MERMAID_JS = f"vendor/mermaid-{MERMAID_VERSION}.min.js"
MERMAID_INIT = "mermaid-init.js"
MERMAID_CSS = "mermaid.css"


def _add_static(app: Any, config: Any) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def _add_mermaid(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """On a page with a diagram (`<pre class="mermaid">`, written by notes2book.render.fences),
    the scripts that draw it and its style; Sphinx adds files given here to this page only."""
    if app.builder.name == "singlehtml" or 'class="mermaid"' not in context.get("body", ""):
        return  # the print build draws its diagrams at build time (notes2book.pdf.diagrams)
    # Deferred: the page's text shows while the library loads; the two still run in this order.
    app.add_js_file(MERMAID_JS, loading_method="defer")
    app.add_js_file(MERMAID_INIT, loading_method="defer")
    app.add_css_file(MERMAID_CSS)


def _copy(source: Path, target: Path) -> None:
    """Copy unless the site already holds these bytes (a rebuild then rewrites nothing)."""
    if not (target.is_file() and target.read_bytes() == source.read_bytes()):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _copy_beside_pages(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return  # the print build has no use for players or downloads
    source, site = Path(app.srcdir), Path(app.outdir)
    wanted = (("**/_assets", lambda p: p.suffix.lower().lstrip(".") in MEDIA),
              (f"*/{WORKBOOKS}", lambda p: True))
    for pattern, keep in wanted:
        for folder in sorted(source.glob(pattern)):
            if "_build" in folder.parts or not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*")):
                if path.is_file() and keep(path):
                    _copy(path, site / path.relative_to(source))
    for pdf in sorted((site.parent / "pdf").glob("*.pdf")):
        _copy(pdf, site / pdf.name)


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _add_static)
    app.connect("html-page-context", _add_mermaid)
    app.connect("build-finished", _copy_beside_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
