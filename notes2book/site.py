"""Step 8a: the course site, built by Jupyter Book (Sphinx) from `book/` and `_toc.yml`.

Jupyter Book works in `_build/.site/` (its doctrees and output, kept so that a rebuild redoes only
what changed); `_build/html/` is replaced by a copy of the result only when the build succeeded
(notes2book.staging), so a failed or interrupted build leaves the last good site in place.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from notes2book.children import ChildTimeout, child_env, run_child
from notes2book.config import Project
from notes2book.staging import publish, staged
from notes2book.write import recover

SITE_TIMEOUT = 30 * 60
STAGE = ".site"


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
    """Run Jupyter Book on the project and publish the site in `_build/html`; with `strict`, any
    Sphinx warning fails the build (and `_build/html` stays as it was)."""
    recover(project.book)  # a `convert` interrupted mid-write is completed before book/ is read
    stage = project.build / STAGE
    command = [*_jupyter_book(), "build", str(project.root), "--path-output", str(stage),
               "--builder", "html", "--keep-going"]
    if strict:
        command += ["-W", "-n"]
    with staged(stage.with_name(f"{STAGE}.unfinished"), stage):
        try:
            done = run_child(command, timeout, cwd=project.root, env=child_env())
        except ChildTimeout as exc:
            raise BuildError(f"Jupyter Book {exc}") from exc
        log = done.stdout + done.stderr
        if done.returncode != 0:
            problems = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
            detail = "\n".join(problems[-20:]) or log[-2000:]
            raise BuildError(f"Jupyter Book failed (exit {done.returncode}):\n{detail}")
    publish(stage / "_build" / "html", project.build / "html")
    return BuildResult(project.build / "html", log)
