"""The Sphinx side of notes2book, loaded by Jupyter Book through `_config.yml` (`local_extensions`).

Audio and video players are raw HTML, which Sphinx does not follow: copy the media files of
`book/_assets/` next to the pages that play them. Learner workbooks (`book/_workbooks/`) are
not pages either: copy them into the site as they are.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from notes2book.notebooks import WORKBOOKS
from notes2book.render.inline import AUDIO_EXTENSIONS, VIDEO_EXTENSIONS

MEDIA = AUDIO_EXTENSIONS | VIDEO_EXTENSIONS
STATIC = Path(__file__).resolve().parent / "static"


def _add_static(app: Any, config: Any) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def _copy_media(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir)
    for assets in source.glob("**/_assets"):
        if "_build" in assets.parts or not assets.is_dir():
            continue
        for path in sorted(assets.rglob("*")):
            if path.is_file() and path.suffix.lower().lstrip(".") in MEDIA:
                target = Path(app.outdir) / path.relative_to(source)
                if not target.exists() or target.stat().st_size != path.stat().st_size:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)


def _copy_workbooks(app: Any, exception: Exception | None) -> None:
    """Workbooks are downloads, not pages: Sphinx never reads them (they are outside the toc),
    so copy `book/_workbooks/` to the same place in the site, byte for byte."""
    if exception is not None or app.builder.name != "html":
        return
    source = Path(app.srcdir)
    for folder in source.glob(f"*/{WORKBOOKS}"):
        if "_build" in folder.parts or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            target = Path(app.outdir) / path.relative_to(source)
            if path.is_file() and not (target.is_file() and target.read_bytes() == path.read_bytes()):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


def _copy_dossiers(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for pdf in sorted((Path(app.outdir).parent / "pdf").glob("*.pdf")):
        shutil.copyfile(pdf, Path(app.outdir) / pdf.name)


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _add_static)
    app.connect("build-finished", _copy_media)
    app.connect("build-finished", _copy_dossiers)
    app.connect("build-finished", _copy_workbooks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
