"""Step 7: write the book. Only changed files, each atomically; remove only what we generated."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".notes2book-manifest.json"


@dataclass
class BookFiles:
    """Everything a conversion produces: generated text, and vault files to copy."""

    pages: dict[str, bytes] = field(default_factory=dict)  # book-relative path -> content
    copies: dict[str, Path] = field(default_factory=dict)  # book-relative path -> file in the vault
    toc: bytes = b""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def read_manifest(book: Path) -> list[str]:
    try:
        data = json.loads((book / MANIFEST).read_text(encoding="utf-8"))
        return [f for f in data.get("files", []) if isinstance(f, str)]
    except (OSError, ValueError, AttributeError):
        return []


def write_book(book: Path, toc_path: Path, files: BookFiles) -> WriteReport:
    report = WriteReport()
    book.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(book)
    contents: dict[str, bytes | Path] = {**files.pages, **files.copies}
    for rel in sorted(contents):
        target = book / rel
        if not _inside(target, book):
            raise ValueError(f"refusing to write outside the book: {rel}")
        source = contents[rel]
        data = source.read_bytes() if isinstance(source, Path) else source
        if _same(target, data):
            report.unchanged += 1
            continue
        _write_atomic(target, data)
        report.written.append(rel)
    if not _same(toc_path, files.toc):
        _write_atomic(toc_path, files.toc)
        report.written.append(toc_path.name)
    for rel in sorted(set(previous) - set(contents)):
        stale = book / rel
        if _inside(stale, book) and stale.is_file():
            stale.unlink()
            report.removed.append(rel)
            _prune_empty(stale.parent, book)
    manifest = json.dumps({"files": sorted(contents)}, ensure_ascii=False, indent=1).encode() + b"\n"
    if not _same(book / MANIFEST, manifest):
        _write_atomic(book / MANIFEST, manifest)
    return report


def _prune_empty(folder: Path, book: Path) -> None:
    while folder != book and _inside(folder, book) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
