"""How notes2book runs its subprocesses (Jupyter Book, Sphinx, WeasyPrint, Chromium): one place,
so that none of them, nor anything they start, outlives the run that started it.

Each command runs under a small guard process, in a session of its own, so that its whole
process group (Chromium's helpers, Graphviz under Sphinx) can be killed at once, and the
terminal's Ctrl-C reaches only this process, which then ends the group itself. The group is
killed when this process is interrupted (KeyboardInterrupt, or any exception raised by a signal
handler, e.g. for SIGTERM), when the command runs past its time limit, and after it exits, in
case it left helpers behind. When this process dies without a chance to clean up (SIGKILL), the
kernel tells the guard (notes2book/guard.py) and the guard kills the group: the kernel only
tells a direct child, which is why the guard sits between us and the command.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)


class ChildTimeout(Exception):
    """The child ran past its time limit; its process group has been killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"did not finish within {seconds:g} s")
        self.seconds = seconds


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str


def child_env() -> dict[str, str]:
    """This environment, with this copy of notes2book importable: children run in the project
    folder, where it may not be (Jupyter Book loads notes2book.sphinxext from there)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_PARENT, env.get("PYTHONPATH", "")) if p)
    return env


JOBS_VARIABLE = "NOTES2BOOK_SPHINX_JOBS"


def sphinx_jobs() -> int:
    """How many processes Sphinx may read and write pages with: one per core this process may use
    (Sphinx's `-j auto`). Every extension of the builds declares itself parallel-safe, and Sphinx
    would say otherwise as a warning, which -W makes an error. NOTES2BOOK_SPHINX_JOBS=N sets
    another number (benchmarks compare with 1)."""
    if os.environ.get(JOBS_VARIABLE, "").isdigit() and int(os.environ[JOBS_VARIABLE]) > 0:
        return int(os.environ[JOBS_VARIABLE])
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def python_call(module: str, args: list[str]) -> list[str]:
    """The command running `module.main(args)` with this interpreter.

    `-c` rather than `-m`: the modules are imported by their package's `__init__`, and runpy warns
    when a module already imported is run as `__main__`.
    """
    code = f"import sys; from {module} import main; sys.exit(main(sys.argv[1:]))"
    return [sys.executable, "-c", code, *args]


_GUARD = str(Path(__file__).resolve().with_name("guard.py"))


def kill_group(pgid: int) -> None:
    """SIGKILL every process of the group; it may already be gone."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def run_child(command: list[str], timeout: float, cwd: Path | None = None,
              env: dict[str, str] | None = None) -> Finished:
    """Run `command` to its end and return its exit code and output (decoded as UTF-8).

    Raises ChildTimeout after `timeout` seconds; any exception while waiting (Ctrl-C...) kills
    the child's group before it propagates. Either way no process of the group survives.
    """
    guarded = [sys.executable, "-I", "-S", _GUARD, str(os.getpid()), *command]
    process = subprocess.Popen(guarded, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process.pid)
        process.communicate()
        raise ChildTimeout(timeout) from None
    except BaseException:
        kill_group(process.pid)
        process.kill()
        process.wait()
        raise
    kill_group(process.pid)  # helpers the child left behind, still writing
    return Finished(process.returncode, stdout.decode("utf-8", errors="replace"),
                    stderr.decode("utf-8", errors="replace"))
