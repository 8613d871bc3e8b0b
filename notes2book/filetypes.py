"""What kind of file an attachment is, from its extension: the one table the index, the page
renderers and the workbooks consult (step 2 onward)."""

from __future__ import annotations

# Images a page shows and a workbook carries inside itself, with the media type Jupyter stores.
IMAGE_TYPES = {
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
    "svg": "image/svg+xml", "webp": "image/webp", "bmp": "image/bmp", "avif": "image/avif",
}
IMAGE_EXTENSIONS = frozenset(IMAGE_TYPES)
RASTER_EXTENSIONS = IMAGE_EXTENSIONS - {"svg"}  # images with pixels: how sharp they print is checked
AUDIO_EXTENSIONS = frozenset({"mp3", "wav", "m4a", "ogg", "flac", "webm", "3gp"})
VIDEO_EXTENSIONS = frozenset({"mp4", "mkv", "mov", "ogv"})
# Files only Obsidian displays (Bases, canvases): never published, a notice or text in their place.
VIEW_EXTENSIONS = frozenset({"base", "canvas"})
PAGE_EXTENSIONS = frozenset({"ipynb", "md", "rst", "myst"})  # files Jupyter Book reads as pages


def extension(path: str) -> str:
    """The extension of `path`, lower case, without its dot ("" when it has none)."""
    return path.rsplit(".", 1)[-1].lower() if "." in path else ""
