"""One run at a time per project: a lock every command that writes takes for its whole run.

    with ProjectLock(project.root, "convert"):
        ...  # no other notes2book run writes this project meanwhile

The lock is `fcntl.flock` on `.notes2book.lock` in the project folder. The kernel releases it when
its holder ends, however it ends, so a lock file left behind by a killed run is simply taken over:
there is no staleness to guess from pids or ages. The file also says who holds it (pid, command,
start time), for the message a second run prints. It is removed on release.

The lock is not reentrant: a process that holds it and asks again is told so at once (RuntimeError)
rather than waiting for itself.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from notes2book.errors import OutputError

LOCK_FILE = ".notes2book.lock"
DEFAULT_WAIT = 5.0  # seconds a second run waits for the first before giving up
_POLL = 0.1  # seconds between attempts while waiting


@dataclass(frozen=True)
class Holder:
    """Who holds a project's lock, as its lock file says."""

    pid: int | None = None
    command: str = ""
    started: str = ""

    def describe(self) -> str:
        """`another notes2book run (pid 12, `convert`, started at …)`, with what is known."""
        details = [f"pid {self.pid}" if self.pid is not None else "",
                   f"`{self.command}`" if self.command else "",
                   f"started at {self.started}" if self.started else ""]
        known = ", ".join(d for d in details if d)
        return f"another notes2book run ({known})" if known else "another notes2book run"

    @classmethod
    def read(cls, path: Path) -> Holder:
        """The holder a lock file names; an empty Holder when it is unreadable or being written."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        pid = data.get("pid")
        return cls(pid if isinstance(pid, int) else None, str(data.get("command") or ""),
                   str(data.get("started") or ""))


class ProjectBusy(OutputError):
    """Another run held the project's lock for longer than this one would wait."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(f"{holder.describe()} is using this project")
        self.holder = holder


class ProjectLock:
    """The project's lock, as a context manager (or `acquire()` / `release()` for a long-lived
    holder such as a server that locks around each rebuild).

    `wait` is how long to wait for another run before raising ProjectBusy; `on_wait`, called once
    when waiting starts, lets the caller say that it waits and for whom."""

    def __init__(self, root: Path, command: str, wait: float = DEFAULT_WAIT,
                 on_wait: Callable[[Holder], None] | None = None) -> None:
        self.path = root / LOCK_FILE
        self.command = command
        self.wait = wait
        self.on_wait = on_wait
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            raise RuntimeError(f"{self.path} is already held by this lock")
        deadline = time.monotonic() + self.wait
        announced = False
        while True:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
            except BaseException:
                os.close(fd)
                raise
            else:
                if self._still_the_lock_file(fd):
                    self._fd = fd  # from here on, release() undoes everything
                    try:
                        self._write_holder(fd)
                    except BaseException:
                        self.release()
                        raise
                    return
                # The holder removed the file between our open and our lock: this inode guards
                # nothing any more; start again on whatever file is there now.
                os.close(fd)
                continue
            holder = Holder.read(self.path)
            if holder.pid == os.getpid():
                raise RuntimeError(f"{self.path} is already held by this process")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ProjectBusy(holder)
            if not announced and self.on_wait is not None:
                self.on_wait(holder)
                announced = True
            time.sleep(min(_POLL, remaining))

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            # Removed while still locked, so that a run that opened this file meanwhile finds,
            # once it gets the lock, that it is no longer the lock file (see acquire).
            self.path.unlink(missing_ok=True)
        finally:
            os.close(fd)

    def __enter__(self) -> ProjectLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.release()

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot create the lock file {self.path}: {exc.strerror}") from exc

    def _still_the_lock_file(self, fd: int) -> bool:
        try:
            on_disk = os.stat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)

    def _write_holder(self, fd: int) -> None:
        started = datetime.now().astimezone().isoformat(timespec="seconds")
        data = json.dumps({"pid": os.getpid(), "command": self.command, "started": started}).encode()
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, data + b"\n", 0)
        except OSError as exc:
            raise OutputError(f"cannot write the lock file {self.path}: {exc.strerror}") from exc
