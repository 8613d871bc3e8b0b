"""`notes2book new` writes a course project that builds at once, and publishes with the workflows
this repository uses itself; the workflows run the README's commands."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from notes2book.scaffold import PROJECT_FILES, TEMPLATES

from projects import REPO, VAULTS, fingerprint, run_cli

VENV = Path(sys.executable).parent.parent


def _new(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return run_cli("new", *args, cwd=cwd, timeout=300)


def _make(project: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """`make TARGETS` in `project`, with this test run's venv as the project's: its requirements.txt
    is dated back so that make sees them installed (nothing is fetched)."""
    os.utime(project / "requirements.txt", (0, 0))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the project's own notes2book/
    return subprocess.run(["make", *targets, f"VENV={VENV}"], capture_output=True, text=True,
                          cwd=project, env=env, timeout=900)


def test_new_project_with_the_starter_vault_builds(tmp_path: Path) -> None:
    project = tmp_path / "cours"
    done = _new(str(project))
    assert done.returncode == 0, done.stderr
    for rel in ("_config.yml", "Makefile", "requirements.txt", ".gitignore", ".gitlab-ci.yml",
                ".github/workflows/publish.yml", "notes/Accueil.md", "notes2book/cli.py",
                "notes2book/static/vendor/mermaid-11.17.2.min.js"):
        assert (project / rel).is_file(), rel
    built = _make(project, "book")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Mon cours" in (project / "_build/html/book/accueil.html").read_text(encoding="utf-8")
    assert (project / "_build/html/mon-cours.pdf").is_file()  # the dossier, in the site
    assert (project / "_build/pdf/mon-cours.pdf").is_file()
    assert list((project / "_build/html/book").rglob("*.ipynb"))  # and the workbooks

    again = _new(str(project))
    assert again.returncode == 2 and "not an empty folder" in again.stderr  # nothing overwritten


def _debian_packages(folder: Path) -> set[str]:
    """What `make system-packages` would install there, as make reads the Makefile."""
    done = subprocess.run(["make", "-s", "--eval", "show-packages: ; @echo $(DEBIAN_PACKAGES)", "show-packages"],
                          capture_output=True, text=True, cwd=folder, check=True)
    return set(done.stdout.split())


def test_a_new_project_installs_what_its_build_needs() -> None:
    """The packages a build needs (fonts of the dossier among them) are the repository's, less
    those only its tests use."""
    ours = _debian_packages(REPO)
    theirs = _debian_packages(REPO / "notes2book" / "project")
    assert theirs == ours - {"chromium-driver", "poppler-utils"}


def test_new_project_pointing_at_a_vault(tmp_path: Path) -> None:
    vault = tmp_path / "Museums online"
    shutil.copytree(VAULTS / "english", vault)
    before = fingerprint(vault)
    project = tmp_path / "course"
    done = _new(str(project), "--vault", str(vault))
    assert done.returncode == 0, done.stderr
    config = yaml.safe_load((project / "_config.yml").read_text(encoding="utf-8"))
    assert config["title"] == "Museums online"
    assert config["sphinx"]["config"]["language"] == "en"
    assert config["notes2book"]["vault"] == str(vault)
    assert not (project / "notes").exists()
    checked = _make(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no home note named 'Accueil'" in checked.stdout
    assert _make(project, "check", "STRICT=1").returncode != 0  # that warning fails a strict check
    assert fingerprint(vault) == before


def test_the_repository_publishes_with_the_workflows_new_writes() -> None:
    for template, rel in PROJECT_FILES.items():
        if rel.startswith((".github", ".gitlab")):
            assert (REPO / rel).read_bytes() == (TEMPLATES / template).read_bytes(), rel


def _readme_commands() -> set[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands = set()
    for block in text.split("```sh")[1:]:
        for line in block.split("```")[0].splitlines():
            line = line.split("#")[0].strip()
            if line:
                commands.add(line)
    return commands


def _github_commands() -> list[str]:
    workflow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def _gitlab_commands() -> list[str]:
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    return pipeline["pages"]["script"]


def test_workflows_run_the_readme_commands() -> None:
    readme = _readme_commands()
    github = _github_commands()
    assert github == ["make check STRICT=1", "make book"]
    assert set(github) <= readme
    gitlab = _gitlab_commands()
    assert "make book" in gitlab and 'if [ "$NOTES2BOOK_STRICT" = "true" ]; then make check STRICT=1; fi' in gitlab
    assert "make check STRICT=1" in readme
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["pages"]["artifacts"]["paths"] == ["public", "_build/pdf/*.pdf"]


def _actionlint() -> str | None:
    return shutil.which("actionlint") or shutil.which("actionlint", path=str(VENV / "bin"))


@pytest.mark.skipif(_actionlint() is None, reason="actionlint is not installed (requirements.txt has its "
                    "binary wheel for x86_64 only)")
def test_actionlint_passes_on_the_github_workflow() -> None:
    done = subprocess.run([_actionlint(), str(REPO / ".github/workflows/publish.yml")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_steps_build_a_clean_clone(tmp_path: Path) -> None:
    """The GitHub workflow's shell steps, in order (the strict check opted in), on a clean copy of
    the repository (the files git does not ignore): the site with the dossier, and the dossier artefact."""
    clone = tmp_path / "clone"
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           capture_output=True, cwd=REPO, check=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        if (REPO / rel).is_file():
            (clone / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, clone / rel)
    os.utime(clone / "requirements.txt", (0, 0))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for command in _github_commands():
        done = subprocess.run(["bash", "-euc", f"{command} VENV={shlex.quote(str(VENV))}"], capture_output=True,
                              text=True, cwd=clone, env=env, timeout=900)
        assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
    [dossier] = (clone / "_build/pdf").glob("*.pdf")  # the artefact the workflow keeps
    assert (clone / "_build/html" / dossier.name).is_file()  # and the site the Pages action publishes
    assert (clone / "_build/html/index.html").is_file()
