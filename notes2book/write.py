"""Step 7: write the book. Only changed files; all of them or none; remove only what we generated.

A run first writes every changed file beside its target under a temporary name, then records the
moves to make in a journal, then makes them (renames are atomic), removes what an earlier run
generated and no longer wants, writes the manifest, and deletes the journal. A run that is
interrupted before the journal exists leaves the book as it was (its temporary files are removed
by the next run); one interrupted after is completed by the next run before anything else. Either
way, no file is ever half written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".notes2book-manifest.json"
JOURNAL = ".notes2book-journal.json"
TEMP_PREFIX = ".notes2book-tmp-"


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


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # No fsync: a rename over the target is what protects against an interrupted process, and
    # syncing every page would make a first conversion of a large vault several times slower.
    with open(path, "wb") as handle:
        handle.write(data)


def _write_atomic(path: Path, data: bytes) -> None:
    temp = path.with_name(TEMP_PREFIX + path.name)
    _write_file(temp, data)
    os.replace(temp, path)


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


def _finish(book: Path, journal: dict) -> None:
    """Make the moves and removals a journal records; safe to repeat after an interruption."""
    root = book.parent
    for temp, target in journal["moves"]:
        if (root / temp).exists():
            os.replace(root / temp, root / target)
    for rel in journal["remove"]:
        stale = book / rel
        if _inside(stale, book) and stale.is_file():
            stale.unlink()
            _prune_empty(stale.parent, book)
    manifest = json.dumps({"files": journal["manifest"]}, ensure_ascii=False, indent=1).encode() + b"\n"
    if not _same(book / MANIFEST, manifest):
        _write_atomic(book / MANIFEST, manifest)
    (book / JOURNAL).unlink()


def recover(book: Path) -> None:
    """Complete a run that was interrupted after its journal, or clear one interrupted before."""
    journal_path = book / JOURNAL
    if journal_path.exists():
        try:
            journal = json.loads(journal_path.read_text(encoding="utf-8"))
        except ValueError:
            journal_path.unlink()  # the journal itself was being written: nothing was moved yet
        else:
            _finish(book, journal)
    for temp in book.parent.glob(TEMP_PREFIX + "*"):
        temp.unlink()
    if book.is_dir():
        for temp in book.rglob(TEMP_PREFIX + "*"):
            temp.unlink()


def write_book(book: Path, toc_path: Path, files: BookFiles) -> WriteReport:
    book.mkdir(parents=True, exist_ok=True)
    recover(book)
    root = book.parent
    report = WriteReport()
    contents: dict[str, bytes | Path] = {**files.pages, **files.copies}
    targets: dict[Path, bytes | Path] = {book / rel: source for rel, source in contents.items()}
    targets[toc_path] = files.toc
    moves: list[tuple[str, str]] = []
    for target in sorted(targets):
        if not _inside(target, root):
            raise ValueError(f"refusing to write outside the project: {target}")
        source = targets[target]
        data = source.read_bytes() if isinstance(source, Path) else source
        if _same(target, data):
            report.unchanged += 1
            continue
        temp = target.with_name(TEMP_PREFIX + target.name)
        _write_file(temp, data)
        moves.append((temp.relative_to(root).as_posix(), target.relative_to(root).as_posix()))
        report.written.append(target.relative_to(book).as_posix() if target != toc_path else toc_path.name)
    stale = sorted(set(read_manifest(book)) - set(contents))
    report.removed = [rel for rel in stale if (book / rel).is_file()]
    journal = {"moves": moves, "remove": stale, "manifest": sorted(contents)}
    _write_atomic(book / JOURNAL, json.dumps(journal, ensure_ascii=False).encode())
    _finish(book, journal)
    return report


def _prune_empty(folder: Path, book: Path) -> None:
    while folder != book and _inside(folder, book) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
