"""Helpers for the tests of failed, interrupted and repeated builds: fault points, killed runs."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil

from notes2book.faults import FAULT, READY

from projects import cli_env, start_cli


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


def start_at(root: Path, command: str, fault: str, ready: Path,
              **options: Any) -> subprocess.Popen[str]:
    """Start `python -m notes2book COMMAND` on ROOT with FAULT set; return once a process of the run
    has written its pid to `ready`, at the fault point."""
    ready.unlink(missing_ok=True)
    run = start_cli(command, "--root", str(root), env=cli_env(**{FAULT: fault, READY: str(ready)}), **options)
    deadline = time.monotonic() + 600
    while not (ready.exists() and ready.read_text()):  # a process of the run has reached the fault point
        assert run.poll() is None, f"{command} ended before reaching {fault} (exit {run.returncode})"
        assert time.monotonic() < deadline, f"{command} never reached {fault}"
        time.sleep(0.05)
    return run


def kill_run_at(root: Path, command: str, fault: str, tmp: Path) -> int:
    """Start `python -m notes2book COMMAND` on ROOT, let it reach `hang@FAULT` in one of its
    subprocesses, SIGKILL it there; return the process group of that subprocess."""
    ready = tmp / f"ready-{command}-{fault.replace('#', '-')}"
    run = start_at(root, command, f"hang@{fault}", ready, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pgid = os.getpgid(int(ready.read_text()))
    assert pgid != os.getpgid(0) and group_members(pgid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    return pgid


@contextmanager
def paused_at(root: Path, command: str, point: str, tmp: Path) -> Iterator[subprocess.CompletedProcess[str]]:
    """Run `python -m notes2book COMMAND` on ROOT up to fault point POINT (in the command's own
    process); the `with` body acts on the paused run, which then goes on to its end. The value
    yielded is filled, after the block, with the run's exit code and output."""
    ready = tmp / f"ready-{command}-{point}"
    run = start_at(root, command, f"wait@{point}", ready, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done = subprocess.CompletedProcess(run.args, -1, "", "")
    try:
        yield done
    finally:
        ready.unlink()  # the run goes on
        done.stdout, done.stderr = run.communicate(timeout=600)
        done.returncode = run.returncode
