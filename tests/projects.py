"""Helpers shared by the tests: a throwaway course project around a fixture vault, its outputs, and
the command line run on it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notes2book.config import Project, load_project
from notes2book.diagnostics import Diagnostics

if TYPE_CHECKING:
    from notes2book.convert import Conversion

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VAULTS = FIXTURES / "vaults"


def make_project_folder(tmp: Path, vault: Path, config_extra: str = "") -> Path:
    """A project folder in `tmp` with the repository's settings and a copy of `vault` as notes/."""
    tmp.mkdir(parents=True, exist_ok=True)
    config = (REPO / "_config.yml").read_text(encoding="utf-8") + config_extra
    (tmp / "_config.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "_static", tmp / "_static", dirs_exist_ok=True)
    shutil.copytree(vault, tmp / "notes", symlinks=True, dirs_exist_ok=True)
    return tmp


def make_project(tmp: Path, vault: Path, config_extra: str = "") -> Project:
    return load_project(make_project_folder(tmp, vault, config_extra))


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder`: its content hash and modification time."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            result[path.relative_to(folder).as_posix()] = (
                hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns)
    return result


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def outputs(root: Path) -> dict[str, bytes]:
    """What `convert` writes in the project `root`: book/'s files and _toc.yml, by project-relative path."""
    return {**{f"book/{k}": v for k, v in tree_bytes(root / "book").items()}, "_toc.yml": (root / "_toc.yml").read_bytes()}


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a `python -m notes2book` run: this repository's package, from any folder."""
    return {**os.environ, "PYTHONPATH": str(REPO), **extra}


def run_cli(*args: str, cwd: Path = REPO, timeout: float = 600, env: dict[str, str] | None = None,
            **options: Any) -> subprocess.CompletedProcess[str]:
    """`python -m notes2book ARGS` run from `cwd` to its end, its output captured as text."""
    return subprocess.run([sys.executable, "-m", "notes2book", *args], capture_output=True, text=True, cwd=cwd,
                          env=env or cli_env(), timeout=timeout, **options)


def start_cli(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None,
              **options: Any) -> subprocess.Popen[str]:
    """`python -m notes2book ARGS` started from `cwd`; `options` as subprocess.Popen's (stdout...)."""
    return subprocess.Popen([sys.executable, "-m", "notes2book", *args], cwd=cwd, env=env or cli_env(), text=True,
                            **options)


def updating_snapshots() -> bool:
    return os.environ.get("UPDATE_SNAPSHOTS") == "1"


def conversion_of(root: Path, files: dict[str, bytes]) -> tuple[Diagnostics, Conversion]:
    """Convert, without writing, a project in `root` whose vault holds `files` (path -> bytes)."""
    from notes2book.convert import convert_vault

    vault = root / "notes"
    vault.mkdir(parents=True)
    (root / "_config.yml").write_text("title: Test\n", encoding="utf-8")
    for name, data in files.items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_bytes(data)
    diags = Diagnostics()
    return diags, convert_vault(load_project(root), diags)


def convert_files(root: Path, files: dict[str, bytes]) -> tuple[Diagnostics, dict[str, bytes]]:
    """The pages of `conversion_of`."""
    diags, conversion = conversion_of(root, files)
    return diags, conversion.files.pages
