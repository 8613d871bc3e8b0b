"""The project lock as a library: what `serve` and the commands share."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from notes2book import lock
from notes2book.errors import OutputError
from notes2book.lock import LOCK_FILE, Holder, ProjectLock


def test_held_for_the_block_and_removed_after_it_even_on_failure(tmp_path: Path) -> None:
    with pytest.raises(ValueError), ProjectLock(tmp_path, "serve") as held:
        assert held.held
        holder = Holder.read(tmp_path / LOCK_FILE)
        assert (holder.pid, holder.command) == (os.getpid(), "serve") and holder.started
        raise ValueError
    assert not held.held and not (tmp_path / LOCK_FILE).exists()


def test_acquire_and_release_for_a_long_lived_holder(tmp_path: Path) -> None:
    project_lock = ProjectLock(tmp_path, "serve")
    for _ in range(2):  # a server locks around each rebuild
        project_lock.acquire()
        assert (tmp_path / LOCK_FILE).exists()
        project_lock.release()
        assert not (tmp_path / LOCK_FILE).exists()
    project_lock.release()  # releasing what is not held is harmless


def test_not_reentrant_said_at_once_rather_than_waited_for(tmp_path: Path) -> None:
    with ProjectLock(tmp_path, "serve"), pytest.raises(RuntimeError, match="already held by this process"):
        ProjectLock(tmp_path, "convert", wait=3600).acquire()


def test_a_lock_file_removed_between_open_and_lock_is_not_trusted(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / LOCK_FILE
    path.write_text("", encoding="utf-8")  # the file of a run that is ending
    locked: list[int] = []
    real_flock = fcntl.flock

    def flock(fd: int, operation: int) -> None:
        if not locked:
            path.unlink()  # that run's release, between our open and our lock
        locked.append(os.fstat(fd).st_ino)
        real_flock(fd, operation)

    monkeypatch.setattr(lock.fcntl, "flock", flock)
    with ProjectLock(tmp_path, "convert", wait=0):
        assert len(locked) == 2  # the orphaned file was locked, found out, and the lock taken again
        assert locked[-1] == path.stat().st_ino and Holder.read(path).pid == os.getpid()


def test_an_unwritable_project_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot create the lock file"):
        ProjectLock(tmp_path / "nowhere", "convert").acquire()


def test_what_a_holder_says_with_what_is_known() -> None:
    assert Holder(12, "pdf", "hier").describe() == "another notes2book run (pid 12, `pdf`, started at hier)"
    assert Holder().describe() == "another notes2book run"
