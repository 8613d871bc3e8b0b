"""Step 8a: the course site, built by Jupyter Book (Sphinx) from `book/` and `_toc.yml`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from notes2book.config import Project

SITE_TIMEOUT = 30 * 60


class BuildError(Exception):
    """A build step failed; the message says which and why."""


@dataclass
class BuildResult:
    output: Path
    log: str


def _jupyter_book() -> list[str]:
    script = Path(sys.executable).with_name("jupyter-book")
    if script.exists():
        return [str(script)]
    found = shutil.which("jupyter-book")
    if found is None:
        raise BuildError("jupyter-book is not installed: run 'make book' or pip install -r requirements.txt")
    return [found]


def build_html(project: Project, strict: bool = True, timeout: int = SITE_TIMEOUT) -> BuildResult:
    """Run Jupyter Book on the project; with `strict`, any Sphinx warning fails the build."""
    command = [*_jupyter_book(), "build", str(project.root), "--builder", "html", "--keep-going"]
    if strict:
        command += ["-W", "-n"]
    # Jupyter Book loads notes2book.sphinxext: make this package importable whatever the project.
    package_parent = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")]))}
    try:
        done = subprocess.run(command, cwd=project.root, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"Jupyter Book did not finish within {timeout} s") from exc
    log = done.stdout + done.stderr
    if done.returncode != 0:
        problems = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
        detail = "\n".join(problems[-20:]) or log[-2000:]
        raise BuildError(f"Jupyter Book failed (exit {done.returncode}):\n{detail}")
    return BuildResult(project.build / "html", log)
