"""The project's settings: the `notes2book:` key of `_config.yml`, validated as a whole."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from notes2book.slugs import slugify

# Video hosts whose embedded players notes may show (<iframe src="https://…">).
DEFAULT_IFRAME_HOSTS = (
    "www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "player.vimeo.com",
    "www.dailymotion.com", "geo.dailymotion.com", "www.canal-u.tv",
)


class ConfigError(Exception):
    """Every problem of a configuration at once; the CLI maps it to exit code 2."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def did_you_mean(names: Sequence[str]) -> str:
    """` (did you mean 'a' or 'b'?)` for the names close to a misspelt one, or ""."""
    return " (did you mean " + " or ".join(f"'{n}'" for n in names) + "?)" if names else ""


def _close(word: str, candidates: Sequence[str]) -> list[str]:
    return difflib.get_close_matches(word, list(candidates), n=1)


# The home note looked for when `home` is not set; a `home` set in _config.yml must name a note.
DEFAULT_HOME = "Accueil"


@dataclass(frozen=True)
class Settings:
    vault: str = "notes"
    home: str = ""  # "" when not set: DEFAULT_HOME, if the vault has it
    question_tags: tuple[str, ...] = ("question",)
    resource_tags: tuple[str, ...] = ("ressource", "resource")
    exclude: tuple[str, ...] = ()
    include_drafts: bool = False
    hide_classification_tags: bool = True  # no tag page for question / ressource tags
    # Learner workbooks: callouts followed by an answer cell, and the kernel their code fences run in.
    answer_callouts: tuple[str, ...] = ("question", "exercise")
    notebook_language: str = "python"  # one of NOTEBOOK_LANGUAGES
    trust_html: bool = False  # publish the notes' raw HTML unsanitized (only for trusted vaults)
    iframe_hosts: tuple[str, ...] = DEFAULT_IFRAME_HOSTS
    # The PDF dossier, written under `pdf:` in _config.yml (notes2book.pdf.name -> pdf_name).
    pdf_name: str = ""  # _build/pdf/<name>.pdf; "" means a slug of the course title
    pdf_paper: str = "A4"  # a CSS page size: A4, A5, letter... or "170mm 240mm"
    # CSS margin shorthand, 1 to 4 lengths; the default leaves a measure of ~65 characters on A4
    # and a wide outer margin for notes. In duplex the left margin is the inner one, mirrored.
    pdf_margins: str = "22mm 56mm 25mm 36mm"
    pdf_duplex: bool = False  # chapters open on a right-hand page, for two-sided printing
    pdf_variant: str = "pdf/ua-1"  # tagged and accessible; "pdf/a-3b" archives it, workbooks attached
    pdf_subtitle: str = ""
    pdf_version: str = ""  # printed on the cover, e.g. "Édition 2026"
    pdf_licence: str = ""
    pdf_repository: str = ""


# Where things are in a project; the Sphinx extension, which has no Project, reads them too.
BOOK_FOLDER = "book"
BUILD_FOLDER = "_build"
PDF_FOLDER = f"{BUILD_FOLDER}/pdf"


@dataclass(frozen=True)
class Project:
    """Where things are, and what `_config.yml` says."""

    root: Path
    settings: Settings
    title: str
    author: str
    language: str
    vault_override: Path | None = field(default=None)
    logo: str = ""  # `logo` of _config.yml, relative to the project
    # A vault built without a _config.yml (notes2book.defaults): the outputs' folder, and the
    # _config.yml written for Jupyter Book into `root`, which is then a folder of the outputs'.
    build_override: Path | None = None
    config_text: str = ""
    site_url: str = ""  # `html.baseurl` of _config.yml: where the site is published, when known

    @property
    def vault(self) -> Path:
        if self.vault_override is not None:
            return self.vault_override
        return (self.root / self.settings.vault).resolve()

    @property
    def hidden_tags(self) -> set[str]:
        if not self.settings.hide_classification_tags:
            return set()
        return {t.casefold() for t in (*self.settings.question_tags, *self.settings.resource_tags)}

    @property
    def book(self) -> Path:
        return self.root / BOOK_FOLDER

    @property
    def toc(self) -> Path:
        return self.root / "_toc.yml"

    @property
    def build(self) -> Path:
        return self.build_override if self.build_override is not None else self.root / BUILD_FOLDER

    def pdf_file(self, part: str | None = None) -> Path:
        """`_build/pdf/<name>.pdf`, `<name>-<part>.pdf` for one part; the name from `notes2book.pdf.name`."""
        name = self.settings.pdf_name or slugify(self.title, "") or "dossier"
        if part:
            name += "-" + slugify(part, "partie")
        return self.build / "pdf" / f"{name}.pdf"


_LIST_KEYS = {"question_tags", "resource_tags", "exclude", "iframe_hosts", "answer_callouts"}
# The kernels notes2book.notebooks.KERNELS knows; kept here so that loading settings needs no nbformat.
NOTEBOOK_LANGUAGES = ("python", "r")
_PDF_PREFIX = "pdf_"
_PAPER_NAMES = {"a3", "a4", "a5", "b4", "b5", "jis-b4", "jis-b5", "letter", "legal", "ledger"}
_LENGTH = r"(?:0|\d+(?:\.\d+)?(?:mm|cm|in|pt|pc|px))"
_PAPER = re.compile(rf"^(?:(?:{'|'.join(sorted(_PAPER_NAMES))})(?:\s+(?:portrait|landscape))?|{_LENGTH}\s+{_LENGTH})$",
                    re.IGNORECASE)
_MARGINS = re.compile(rf"^{_LENGTH}(?:\s+{_LENGTH}){{0,3}}$")
_PDF_NAME = re.compile(r"^[\w.-]+$")


def _entries(raw: dict[str, Any], problems: list[str]) -> list[tuple[str, str, Any]]:
    """(where, field name, value) for each setting; the `pdf:` sub-mapping maps to `pdf_*` fields."""
    entries = []
    for key, value in raw.items():
        if key == "pdf" and isinstance(value, dict):
            entries += [(f"notes2book.pdf.{sub}", f"{_PDF_PREFIX}{sub}", v) for sub, v in value.items()]
        elif key == "pdf":
            problems.append(f"notes2book.pdf: expected a mapping of settings, got {value!r}")
        elif str(key).startswith(_PDF_PREFIX):
            # pdf_* are field names, not keys: the file says `pdf: {name: ...}`.
            problems.append(f"notes2book.{key}: unknown setting (did you mean 'pdf: {{{key[4:]}: ...}}'?)")
        else:
            entries.append((f"notes2book.{key}", str(key), value))
    return entries


def _unknown(where: str, key: str, known: set[str]) -> str:
    if key.startswith(_PDF_PREFIX):
        candidates = [k[len(_PDF_PREFIX):] for k in known if k.startswith(_PDF_PREFIX)]
        key = key[len(_PDF_PREFIX):]
    else:
        candidates = [k for k in known if not k.startswith(_PDF_PREFIX)] + ["pdf"]
    return f"{where}: unknown setting{did_you_mean(_close(key, candidates))}"


# WeasyPrint's variants the dossier is made as: accessible (tagged), or archival with its workbooks.
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b")


def _pdf_value_problem(key: str, value: str) -> str | None:
    """The PDF settings whose strings end up in CSS or a file name: checked here, not by WeasyPrint."""
    if key == "pdf_paper" and not _PAPER.match(value.strip()):
        return f"expected a page size such as A4, A5, letter or '170mm 240mm', got {value!r}"
    if key == "pdf_margins" and not _MARGINS.match(value.strip()):
        return f"expected 1 to 4 lengths such as '20mm 18mm', got {value!r}"
    if key == "pdf_variant" and value not in PDF_VARIANTS:
        return f"expected one of {', '.join(PDF_VARIANTS)}, got {value!r}{did_you_mean(_close(value.casefold(), PDF_VARIANTS))}"
    if key == "pdf_name" and not _PDF_NAME.match(value):
        return f"expected a file name without '/' or spaces, got {value!r}"
    return None


def _notebook_value_problem(key: str, value: str) -> str | None:
    if key == "notebook_language" and value not in NOTEBOOK_LANGUAGES:
        hint = did_you_mean(_close(value.casefold(), NOTEBOOK_LANGUAGES))
        return f"expected one of {', '.join(NOTEBOOK_LANGUAGES)}, got {value!r}{hint}"
    return None


def _check_settings(raw: Any) -> tuple[dict[str, Any], list[str]]:
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [f"notes2book: expected a mapping of settings, got {type(raw).__name__}"]
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    problems: list[str] = []
    for where, key, value in _entries(raw, problems):
        if key not in known:
            problems.append(_unknown(where, key, set(known)))
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
            if (problem := _pdf_value_problem(key, value) or _notebook_value_problem(key, value)) is not None:
                problems.append(f"{where}: {problem}")
                continue
            values[key] = value
    return values, problems


def _logo_problem(root: Path, logo: Any) -> str | None:
    """Jupyter Book fails on a `logo` that is not there, late and with a traceback: say it first."""
    if logo is None or logo == "":
        return None
    if not isinstance(logo, str):
        return f"logo: expected a file path, got {logo!r}"
    if "://" in logo:
        return None  # an address, which Sphinx links as it is
    path = root / logo
    if path.is_file():
        return None
    try:
        siblings = [p.name for p in path.parent.iterdir() if p.is_file()]
    except OSError:
        siblings = []
    close = [(Path(logo).parent / name).as_posix() for name in _close(path.name, siblings)]
    return f"logo: no file {logo!r} in the project{did_you_mean(close)}"


def load_project(root: Path, vault: Path | None = None) -> Project:
    """Read `_config.yml` in `root`; raise ConfigError listing every problem found."""
    config_path = root / "_config.yml"
    if not config_path.is_file():
        raise ConfigError([f"{config_path}: no _config.yml here (use --root to name the project, "
                           "or --vault DIR to build a vault with settings taken from it)"])
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
    if (problem := _logo_problem(root, data.get("logo"))) is not None:
        problems.append(problem)
    html = data["html"] if isinstance(data.get("html"), dict) else {}
    site_url = html.get("baseurl") or ""
    if not isinstance(site_url, str) or (site_url and not site_url.startswith(("https://", "http://"))):
        problems.append(f"html.baseurl: expected the site's address (https://…), got {site_url!r}")
        site_url = ""
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
        logo=data["logo"] if isinstance(data.get("logo"), str) else "",
        site_url=site_url,
    )
