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
import stat
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


def _same_file(built: os.DirEntry[str], published: str) -> bool:
    """Whether `published` is a regular file holding the built file's bytes. Published files are
    copied with their modification time, and a build that rewrites a file gives it a later one:
    equal size and time mean the same bytes without reading them."""
    try:
        a, b = built.stat(follow_symlinks=False), os.lstat(published)
        if not stat.S_ISREG(b.st_mode) or a.st_size != b.st_size:
            return False
        if a.st_mtime_ns == b.st_mtime_ns:
            return True
        with open(built.path, "rb") as one, open(published, "rb") as other:
            return one.read() == other.read()
    except OSError:
        return False


def _copy_tree(built: Path, target: Path, previous: Path) -> None:
    """A complete copy of `built` in `target`; unchanged files linked from `previous`. (Directory
    entries and string paths: a rebuild after one edit publishes the whole site, thousands of
    files at 1,000 notes, and most of the time went to stat calls and path objects.)"""
    def copy(folder: str, into: str, before: str) -> None:
        os.makedirs(into, exist_ok=True)
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            destination, earlier = os.path.join(into, entry.name), os.path.join(before, entry.name)
            if entry.is_dir(follow_symlinks=False):
                copy(entry.path, destination, earlier)
            elif entry.is_dir():  # a link to a folder: not followed, as os.walk does not
                continue
            elif not entry.is_symlink() and _same_file(entry, earlier):
                os.link(earlier, destination)
            else:
                shutil.copy2(entry.path, destination, follow_symlinks=False)

    copy(os.fspath(built), os.fspath(target), os.fspath(previous))


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
