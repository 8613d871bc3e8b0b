"""Step 8a: the course site, built by Jupyter Book (Sphinx) from `book/` and `_toc.yml`.

Jupyter Book works in `_build/.site/` (its doctrees and output, kept so that a rebuild redoes only
what changed); `_build/html/` is replaced by a copy of the result only when the build succeeded
(notes2book.staging), so a failed or interrupted build leaves the last good site in place.

The child runs what `jupyter-book build --builder html` runs (Jupyter Book's `build_sphinx`, with
the same settings), but on every core: Jupyter Book's command line has no option for Sphinx's
parallel jobs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from notes2book.children import ChildTimeout, child_env, python_call, run_child, sphinx_jobs
from notes2book.config import Project
from notes2book.garbage import build_collection
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


def build_html(project: Project, strict: bool = True, timeout: int = SITE_TIMEOUT,
               in_process: bool = False) -> BuildResult:
    """Run Jupyter Book on the project and publish the site in `_build/html`; with `strict`, any
    Sphinx warning fails the build (and `_build/html` stays as it was).

    `in_process` runs Sphinx in this process, its warnings on stderr: for a process made for this
    one build (`serve`'s rebuilds, forked from a process that has Sphinx imported already), which
    Sphinx's changes to docutils' global state do not outlive."""
    recover(project.book)  # a `convert` interrupted mid-write is completed before book/ is read
    stage = project.build / STAGE
    with staged(stage.with_name(f"{STAGE}.unfinished"), stage):
        if in_process:
            if sphinx_build(project.root, stage / "_build", strict, quiet=True) != 0:
                raise BuildError("Jupyter Book failed: see the warnings above")
            log = ""
        else:
            log = _build_in_child(project, stage, strict, timeout)
    publish(stage / "_build" / "html", project.build / "html")
    return BuildResult(project.build / "html", log)


def _build_in_child(project: Project, stage: Path, strict: bool, timeout: int) -> str:
    command = python_call("notes2book.site", [str(project.root), str(stage / "_build"), "strict" if strict else ""])
    try:
        done = run_child(command, timeout, cwd=project.root, env=child_env())
    except ChildTimeout as exc:
        raise BuildError(f"Jupyter Book {exc}") from exc
    log = done.stdout + done.stderr
    if done.returncode != 0:
        problems = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
        detail = "\n".join(problems[-20:]) or log[-2000:]
        raise BuildError(f"Jupyter Book failed (exit {done.returncode}):\n{detail}")
    return log


def sphinx_build(root: Path, build: Path, strict: bool, quiet: bool = False) -> int:
    """Build ROOT's site in BUILD/html (Sphinx's environment in BUILD/.doctrees), as
    `jupyter-book build ROOT --path-output BUILD/.. --builder html --keep-going [-W -n]` does."""
    from jupyter_book.sphinx import build_sphinx  # imported here: only the builds need Sphinx

    root = root.resolve()
    # `use_multitoc_numbering` only tells Jupyter Book to look for a `numbered` entry in the course
    # tree, by writing the whole tree as YAML at every build (a tenth of a one-page rebuild): the
    # `_toc.yml` notes2book writes has none, and the extension stays loaded either way.
    overrides: dict[str, object] = {"external_toc_path": (root / "_toc.yml").as_posix(),
                                    "latex_individualpages": False, "use_multitoc_numbering": False}
    if strict:
        overrides["nitpicky"] = True
    with build_collection():
        result = build_sphinx(root, build.resolve() / "html", noconfig=True, path_config=str(root / "_config.yml"),
                              confoverrides=overrides, builder="html", warningiserror=strict,
                              keep_going=True, jobs=sphinx_jobs(), quiet=quiet)
    return 0 if result == 0 else 1


def main(argv: list[str]) -> int:
    """The child: `sphinx_build(ROOT, BUILD, strict)`."""
    return sphinx_build(Path(argv[0]), Path(argv[1]), argv[2] == "strict")
