"""Step 6, after the workbooks: one archive that holds them all, for the home page's download
link, its bytes the same at every build."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from notes2book.notebooks import WORKBOOKS
from notes2book.words import label

# ZIP cannot store dates before 1980; a fixed date keeps the archive's bytes reproducible.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def zip_path(language: str) -> str:
    """Where the archive sits in the book; its name is in the course's language."""
    return f"{WORKBOOKS}/{label(language, 'workbooks_zip')}.zip"


def zip_workbooks(files: Mapping[str, bytes], folder: str) -> bytes:
    """One archive of the workbooks, with fixed dates and modes so that its bytes are reproducible."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED  # compressed bytes would depend on the zlib build
            info.create_system = 3  # Unix, wherever the book is built
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path])
    return buffer.getvalue()


def workbooks_zip(workbooks: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    """Book-relative path -> bytes: the archive of `workbooks` (book-relative paths under
    WORKBOOKS), inside a folder of its own name; nothing when there is no workbook."""
    if not workbooks:
        return {}
    archive = zip_path(language)
    inside = {path[len(WORKBOOKS) + 1:]: data for path, data in workbooks.items()}
    return {archive: zip_workbooks(inside, archive.rsplit("/", 1)[-1][: -len(".zip")])}
