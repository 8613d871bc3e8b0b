"""Builds made beside what is published, and published whole or not at all.

A build works in a staging folder kept between runs (Sphinx's doctrees and output, so that a
rebuild redoes only what changed). A marker file exists while a build runs; a staging folder
whose marker is still there at the next start belongs to a build that failed or was killed,
and is discarded rather than trusted: Sphinx would skip the pages it had already read (hiding
their warnings) and keep whatever half-written files it left.

A finished build is published by renames: a complete copy of its output is made beside the
published folder, then the two are swapped, so readers see the old site or the new one, never a
mixture. Files that did not change are hard links to the previous published copy (published
copies are never written to, while Sphinx rewrites its own output in place).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextlib.contextmanager
def staged(marker: Path, *folders: Path) -> Iterator[None]:
    """Run a build in `folders`, discarding them first if the last build there did not finish.

    The marker is removed only when the body completes: an exception, Ctrl-C or a kill leaves it.
    """
    if marker.exists():
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    yield
    marker.unlink()


def _sibling(published: Path, role: str) -> Path:
    return published.with_name(f".{published.name}.{role}")


def recover_published(published: Path) -> None:
    """Undo what an interrupted `publish` left: restore the old copy if it was moved aside and
    the new one never took its place, and remove the copies beside it."""
    old, new = _sibling(published, "old"), _sibling(published, "new")
    if old.is_dir() and not published.exists():
        old.rename(published)
    for leftover in (old, new):
        if leftover.exists():
            shutil.rmtree(leftover)


def _same_file(built: Path, published: Path) -> bool:
    """Whether the published file holds the built file's bytes. Published files are copied with
    their modification time, and a build that rewrites a file gives it a later one: equal size and
    time mean the same bytes without reading them."""
    try:
        a, b = built.stat(), published.stat()
        if a.st_size != b.st_size:
            return False
        return a.st_mtime_ns == b.st_mtime_ns or built.read_bytes() == published.read_bytes()
    except OSError:
        return False


def _copy_tree(built: Path, target: Path, previous: Path) -> None:
    """A complete copy of `built` in `target`; unchanged files linked from `previous`."""
    for folder, dirs, files in os.walk(built):
        dirs.sort()
        rel = Path(folder).relative_to(built)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in sorted(files):
            source, before = Path(folder) / name, previous / rel / name
            if not source.is_symlink() and before.is_file() and not before.is_symlink() \
                    and _same_file(source, before):
                os.link(before, target / rel / name)
            else:
                shutil.copy2(source, target / rel / name, follow_symlinks=False)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    # Fails e.g. on a file system without RENAME_EXCHANGE: the caller falls back on two renames.
    return bool(renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0)


def publish(built: Path, published: Path) -> None:
    """Make `published` a copy of `built`, replacing what was there in one step."""
    recover_published(published)
    new, old = _sibling(published, "new"), _sibling(published, "old")
    _copy_tree(built, new, published)
    if published.is_dir() and _exchange(new, published):
        shutil.rmtree(new)  # now the previous copy
        return
    if published.exists():
        published.rename(old)
    new.rename(published)
    if old.exists():
        shutil.rmtree(old)
