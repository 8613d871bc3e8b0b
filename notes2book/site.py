"""Step 8a: the course site, built by Jupyter Book (Sphinx) from `book/` and `_toc.yml`.

Jupyter Book works in `_build/.site/` (its doctrees and output, kept so that a rebuild redoes only
what changed); `_build/html/` is replaced by a copy of the result only when the build succeeded
(notes2book.staging), so a failed or interrupted build leaves the last good site in place.

The child runs what `jupyter-book build --builder html` runs (Jupyter Book's `build_sphinx`, with
the same settings), but on every core: Jupyter Book's command line has no option for Sphinx's
parallel jobs.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from notes2book.children import ChildTimeout, child_env, python_call, run_child, sphinx_jobs
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


def build_html(project: Project, strict: bool = True, timeout: int = SITE_TIMEOUT) -> BuildResult:
    """Run Jupyter Book on the project and publish the site in `_build/html`; with `strict`, any
    Sphinx warning fails the build (and `_build/html` stays as it was)."""
    recover(project.book)  # a `convert` interrupted mid-write is completed before book/ is read
    stage = project.build / STAGE
    command = python_call("notes2book.site", [str(project.root), str(stage / "_build"), "strict" if strict else ""])
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


def main(argv: list[str]) -> int:
    """The child: build ROOT's site in BUILD/html (Sphinx's environment in BUILD/.doctrees), as
    `jupyter-book build ROOT --path-output BUILD/.. --builder html --keep-going [-W -n]` does."""
    root, build, strict = Path(argv[0]).resolve(), Path(argv[1]).resolve(), argv[2] == "strict"
    from jupyter_book.sphinx import build_sphinx  # imported here: only the child needs Sphinx

    overrides: dict[str, object] = {"external_toc_path": (root / "_toc.yml").as_posix(),
                                    "latex_individualpages": False}
    if strict:
        overrides["nitpicky"] = True
    result = build_sphinx(root, build / "html", noconfig=True, path_config=str(root / "_config.yml"),
                          confoverrides=overrides, builder="html", warningiserror=strict,
                          keep_going=True, jobs=sphinx_jobs())
    return 0 if result == 0 else 1
