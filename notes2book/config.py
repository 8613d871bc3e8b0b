"""The project's settings: the `notes2book:` key of `_config.yml`, validated as a whole."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml


class ConfigError(Exception):
    """Every problem of a configuration at once; the CLI maps it to exit code 2."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    vault: str = "notes"
    home: str = "Accueil"
    question_tags: tuple[str, ...] = ("question",)
    resource_tags: tuple[str, ...] = ("ressource", "resource")
    exclude: tuple[str, ...] = ()
    include_drafts: bool = False


@dataclass(frozen=True)
class Project:
    """Where things are, and what `_config.yml` says."""

    root: Path
    settings: Settings
    title: str
    author: str
    language: str
    vault_override: Path | None = field(default=None)

    @property
    def vault(self) -> Path:
        if self.vault_override is not None:
            return self.vault_override
        return (self.root / self.settings.vault).resolve()

    @property
    def book(self) -> Path:
        return self.root / "book"

    @property
    def toc(self) -> Path:
        return self.root / "_toc.yml"

    @property
    def build(self) -> Path:
        return self.root / "_build"


_LIST_KEYS = {"question_tags", "resource_tags", "exclude"}


def _check_settings(raw: Any) -> tuple[dict[str, Any], list[str]]:
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [f"notes2book: expected a mapping of settings, got {type(raw).__name__}"]
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in raw.items():
        where = f"notes2book.{key}"
        if key not in known:
            close = difflib.get_close_matches(str(key), list(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(f"{where}: unknown setting{hint}")
            continue
        if key in _LIST_KEYS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{where}: expected a list of strings, got {value!r}")
                continue
            values[key] = tuple(value)
        elif isinstance(known[key].default, bool):
            if not isinstance(value, bool):
                problems.append(f"{where}: expected true or false, got {value!r}")
                continue
            values[key] = value
        else:
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{where}: expected a non-empty string, got {value!r}")
                continue
            values[key] = value
    return values, problems


def load_project(root: Path, vault: Path | None = None) -> Project:
    """Read `_config.yml` in `root`; raise ConfigError listing every problem found."""
    config_path = root / "_config.yml"
    if not config_path.is_file():
        raise ConfigError([f"{config_path}: no _config.yml here (use --root to name the project)"])
    try:
        data = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{config_path}: cannot be read: {exc}"]) from exc
    if not isinstance(data, dict):
        raise ConfigError([f"{config_path}: expected a mapping at the top level"])
    values, problems = _check_settings(data.get("notes2book"))
    sphinx_config = (data.get("sphinx") or {}).get("config") or {}
    language = sphinx_config.get("language", "fr") if isinstance(sphinx_config, dict) else "fr"
    if language not in ("fr", "en"):
        problems.append(f"sphinx.config.language: expected 'fr' or 'en', got {language!r}")
    if problems:
        raise ConfigError([f"{config_path}: {p}" for p in problems])
    settings = Settings(**values)
    vault_path = vault.resolve() if vault is not None else None
    return Project(
        root=root.resolve(),
        settings=settings,
        title=str(data.get("title") or ""),
        author=str(data.get("author") or ""),
        language=language,
        vault_override=vault_path,
    )
