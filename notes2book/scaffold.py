"""`notes2book new DIR`: a course project laid out as this repository is, that builds at once.

It holds a `_config.yml` filled in from the vault (or a starter vault in `notes/`), this copy of the
notes2book package (so the project builds with exactly the converter it was made with, on a
trainer's machine and in CI alike), a `requirements.txt` pinning what that package runs with here,
the Makefile of `make book`, and the workflows that publish the course on GitHub or GitLab Pages.
"""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from notes2book.defaults import PROJECT_EXCLUDES, config_yaml, vault_facts
from notes2book.errors import OutputError

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "project"
# Template file in the package -> its place in the project (dot files are not package data).
PROJECT_FILES = {
    "Makefile": "Makefile",
    "gitignore": ".gitignore",
    "publish.yml": ".github/workflows/publish.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}
STARTER_TITLES = {"fr": "Mon cours", "en": "My course"}
STARTER_HOMES = {"fr": "", "en": "Home"}  # "" is the default home note, Accueil
# The settings a trainer fills in next (all are listed in notes2book's README, under Settings).
_SETTINGS_HINT = """\
  # pdf:
  #   subtitle: Dossier de lecture
  #   version: Édition 2026
  #   licence: CC BY-SA 4.0
"""


def _direct_requirements() -> list[str]:
    """notes2book's own dependencies: from its installed metadata, else from the pyproject.toml
    beside this source checkout."""
    try:
        return list(metadata.requires("notes2book") or [])
    except metadata.PackageNotFoundError:
        with (PACKAGE.parent / "pyproject.toml").open("rb") as file:
            return list(tomllib.load(file)["project"]["dependencies"])


def pinned_requirements() -> str:
    """A requirements.txt pinning notes2book's dependencies, and theirs, at the versions installed
    here: the project then builds with what this run was made with, byte for byte."""
    pins: dict[str, str] = {}
    queue = _direct_requirements()
    while queue:
        requirement = Requirement(queue.pop())
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue  # an optional extra, or another platform's
        name = canonicalize_name(requirement.name)
        if name in pins:
            continue
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            continue  # not needed here (a marker-less optional dependency): nothing to pin
        pins[name] = f"{distribution.metadata['Name']}=={distribution.version}"
        queue += distribution.requires or []
    lines = sorted(pins.values(), key=str.casefold)
    return ("# What notes2book/ runs with, pinned: the same notes give the same site and dossier.\n"
            + "\n".join(lines) + "\n")


def new_project(target: Path, vault: Path | None = None, language: str | None = None) -> list[str]:
    """Write the project in `target` (absent or empty); return the paths written, from `target`.
    `vault`: the trainer's vault, which the project points at; None: a starter vault in notes/."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(f"{target}: already exists and is not an empty folder; "
                          "notes2book new writes a new project only (choose another folder)")
    if vault is not None and not vault.is_dir():
        raise OutputError(f"{vault}: no such vault folder")
    written: list[str] = []

    def write(rel: str, data: str | bytes) -> None:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        written.append(rel)

    if vault is not None:
        facts = vault_facts(vault)
        language = language or facts.language
        # Absolute: the vault lies outside the new project (which was absent or empty).
        title, settings = facts.title, f"  vault: {json.dumps(str(vault.resolve()), ensure_ascii=False)}\n"
    else:
        language = language or "fr"
        title, settings = STARTER_TITLES[language], "  vault: notes\n"
        if STARTER_HOMES[language]:
            settings += f"  home: {STARTER_HOMES[language]}\n"
        for note in sorted((TEMPLATES / "notes" / language).iterdir()):
            write(f"notes/{note.name}", note.read_bytes())
    settings += _SETTINGS_HINT
    write("_config.yml", config_yaml(title=title, language=language, settings=settings,
                                     exclude=(*PROJECT_EXCLUDES, "notes2book")))
    for template, rel in PROJECT_FILES.items():
        write(rel, (TEMPLATES / template).read_bytes())
    write("requirements.txt", pinned_requirements())
    for source in sorted(PACKAGE.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts and source.suffix != ".pyc":
            write(f"notes2book/{source.relative_to(PACKAGE).as_posix()}", source.read_bytes())
            if os.access(source, os.X_OK):
                shutil.copymode(source, target / written[-1])
    return written
