"""`pip install .` gives a working `notes2book` command: the wheel carries every file the package
needs (Sphinx extension, templates, vendored scripts), the command, and the pinned dependencies."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from projects import REPO


def _package_files() -> set[str]:
    return {p.relative_to(REPO).as_posix() for p in (REPO / "notes2book").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


def _pin(requirement: str) -> tuple[str, str]:
    name, _, version = requirement.strip().partition("==")
    return canonicalize_name(name), version


@pytest.mark.slow  # builds the wheel with pip in a subprocess
def test_the_wheel_carries_the_package_its_command_and_its_pins(tmp_path: Path) -> None:
    source = tmp_path / "src"  # built from a copy: a build writes build/ and *.egg-info beside the sources
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "notes2book", source / "notes2book",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                           "--quiet", str(source), "--wheel-dir", str(tmp_path / "dist")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    [wheel] = (tmp_path / "dist").glob("notes2book-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        metadata = archive.read(f"{info}/METADATA").decode()
    assert {n for n in names if not n.startswith(info)} == _package_files()
    assert "notes2book = notes2book.cli:main" in entry_points
    requires = {_pin(line.split(":", 1)[1]) for line in metadata.splitlines() if line.startswith("Requires-Dist:")}
    pinned = {_pin(line) for line in (REPO / "requirements.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")}
    assert requires and requires <= pinned, requires - pinned  # the same versions as `make` installs
