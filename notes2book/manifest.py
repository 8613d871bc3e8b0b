"""What notes2book owns in a project: the files it wrote, each with the hash of the bytes it wrote.

A file is notes2book's to replace or remove only while the manifest lists it and its bytes still hash
to what was written; anything else is the trainer's. Manifests of earlier versions listed names
without hashes: those files are taken as unchanged, and the next run records their hashes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".notes2book-manifest.json"
TOC = "_toc.yml"  # the one generated file outside book/, recorded under its own key


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Manifest:
    """Project-relative POSIX path -> SHA-256 of the bytes written (None: not known)."""

    files: dict[str, str | None] = field(default_factory=dict)

    def owns(self, key: str) -> bool:
        # _toc.yml is notes2book's output by definition, even before any manifest records it.
        return key == TOC or key in self.files

    def edited(self, key: str, current: bytes) -> bool:
        """Changed by hand since notes2book wrote it (never so when the hash is not known)."""
        recorded = self.files.get(key)
        return recorded is not None and digest(current) != recorded

    def book_files(self, book: str) -> list[str]:
        """The owned files inside `book` (its name in the project), project-relative."""
        return sorted(key for key in self.files if key.startswith(book + "/"))


def to_data(manifest: Manifest, book: str) -> dict:
    """The manifest as stored in book/: book-relative names, the table of contents apart."""
    prefix = book + "/"
    files = {key[len(prefix):]: value for key, value in sorted(manifest.files.items()) if key.startswith(prefix)}
    return {"files": files, "toc": manifest.files.get(TOC)}


def from_data(data: object, book: str) -> Manifest:
    """Read what `to_data` stored, or an earlier version's list of names; anything else is empty."""
    if not isinstance(data, dict):
        return Manifest()
    listed = data.get("files")
    files: dict[str, str | None] = {}
    if isinstance(listed, list):  # earlier versions: names only, and _toc.yml always theirs
        files = {f"{book}/{name}": None for name in listed if isinstance(name, str)}
        files[TOC] = None
    elif isinstance(listed, dict):
        files = {f"{book}/{name}": value if isinstance(value, str) else None
                 for name, value in listed.items() if isinstance(name, str)}
        files[TOC] = data["toc"] if isinstance(data.get("toc"), str) else None
    return Manifest(files)


def to_bytes(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode() + b"\n"


def read_manifest(book: Path) -> Manifest:
    try:
        return from_data(json.loads((book / MANIFEST).read_text(encoding="utf-8")), book.name)
    except (OSError, ValueError):
        return Manifest()
