"""The Sphinx side of notes2book, loaded by Jupyter Book through `_config.yml` (`local_extensions`).

Audio and video players are raw HTML, which Sphinx does not follow: copy the media files of
`book/_assets/` next to the pages that play them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from notes2book.render.inline import AUDIO_EXTENSIONS, VIDEO_EXTENSIONS

MEDIA = AUDIO_EXTENSIONS | VIDEO_EXTENSIONS


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


def setup(app: Any) -> dict[str, Any]:
    app.connect("build-finished", _copy_media)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
