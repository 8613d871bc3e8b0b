"""Helpers for the tests of failed, interrupted and repeated builds: fault points, killed runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from projects import REPO
from notes2book.faults import FAULT, READY


def group_members(pgid: int) -> list[psutil.Process]:
    """The live processes of a process group (zombies have ended: they only wait to be reaped)."""
    members = []
    for process in psutil.process_iter(["status"]):
        try:
            if os.getpgid(process.pid) == pgid and process.info["status"] != psutil.STATUS_ZOMBIE:
                members.append(process)
        except (ProcessLookupError, psutil.Error):
            continue
    return members


def wait_until_gone(pgid: int, seconds: float = 30) -> list[psutil.Process]:
    """Wait for the group's last process to end; what is left after `seconds`."""
    deadline = time.monotonic() + seconds
    while (left := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def kill_run_at(root: Path, command: str, fault: str, tmp: Path) -> int:
    """Start `python -m notes2book COMMAND` on ROOT, let it reach `hang@FAULT` in one of its
    subprocesses, SIGKILL it there; return the process group of that subprocess."""
    ready = tmp / f"ready-{command}-{fault.replace('#', '-')}"
    ready.unlink(missing_ok=True)
    env = {**os.environ, FAULT: f"hang@{fault}", READY: str(ready)}
    run = subprocess.Popen([sys.executable, "-m", "notes2book", command, "--root", str(root)], cwd=REPO,
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while not (ready.exists() and ready.read_text()):  # the subprocess has reached the fault point
        assert run.poll() is None, f"{command} ended before reaching {fault} (exit {run.returncode})"
        assert time.monotonic() < deadline, f"{command} never reached {fault}"
        time.sleep(0.05)
    pgid = os.getpgid(int(ready.read_text()))
    assert pgid != os.getpgid(0) and group_members(pgid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    return pgid
