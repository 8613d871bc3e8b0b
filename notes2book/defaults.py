"""A course project's `_config.yml`, written from one template, and the settings of a vault that has
none: its title from the home note (else the vault folder's name), its language from the notes.

The same template gives the `_config.yml` of `notes2book new` and the one a vault without settings
is built with (in `<out>/.project/`, beside the `book/` and `_toc.yml` generated from it), so both
build the way this repository's own course does.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from string import Template

from notes2book.config import DEFAULT_HOME, ConfigError, Project, Settings, load_project
from notes2book.diagnostics import Diagnostics
from notes2book.vault import nfc, read_note
from notes2book.write import write_if_changed

OUTPUT_FOLDER = "_build"  # where a vault without _config.yml is built, unless --out says
PROJECT_FOLDER = ".project"  # in the output folder: the generated _config.yml, _toc.yml and book/
LANGUAGES = ("fr", "en")

# The Jupyter Book part is the same for every course; only the first lines and `notes2book:` vary.
_TEMPLATE = Template("""\
# Jupyter Book settings for the course site; notes2book's own settings are under `notes2book:`.
title: $title
author: $author
${copyright}${logo}only_build_toc_files: true
exclude_patterns: $exclude

execute:
  execute_notebooks: "off"

parse:
  myst_enable_extensions:
    - attrs_inline
    - colon_fence
    - deflist
    - dollarmath
    - tasklist

html:
  use_repository_button: false
  use_issues_button: false
  use_edit_page_button: false
  home_page_in_navbar: true

sphinx:
  local_extensions:
    notes2book.sphinxext: ./
  extra_extensions:
    - sphinx.ext.graphviz
    - sphinx_tippy
  config:
    language: $language
    html_show_copyright: $show_copyright
    smartquotes: false  # show the text exactly as the notes write it, as Obsidian does
    myst_footnote_transition: false  # a note may end on an empty heading: no rule before footnotes
    # Previews on hover, from the built pages themselves; the scripts are served by the site
    # (_static/vendor), and nothing is fetched from the network at build time.
    tippy_js: [vendor/popper-2.11.8.min.js, vendor/tippy-bundle-6.3.7.umd.min.js]
    tippy_enable_wikitips: false
    tippy_enable_doitips: false
    tippy_props: {placement: auto-start, maxWidth: 500, interactive: false, delay: [300, 100]}
    graphviz_output_format: svg
    # MathJax served by the site too, so formulas show without the network.
    mathjax_path: vendor/mathjax/tex-chtml.js
${pdf_folder}${settings}""")

# Folders of a course project that are not pages (only_build_toc_files already keeps them out).
PROJECT_EXCLUDES = ("_build", "notes", "README.md", ".*", "**/.*")


def _flow_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def config_yaml(*, title: str, language: str, author: str = "",
                copyright: str = "", logo: str = "",  # noqa: A002 - `copyright`: the _config.yml key it fills
                exclude: tuple[str, ...] = PROJECT_EXCLUDES, settings: str = "", pdf_folder: str = "") -> str:
    """A `_config.yml`: `settings` is the body of its `notes2book:` key (indented YAML lines), and
    `pdf_folder` where the dossier is built, relative to the project, when not `_build/pdf`."""
    return _TEMPLATE.substitute(
        title=json.dumps(title, ensure_ascii=False), author=json.dumps(author, ensure_ascii=False),
        copyright=f"copyright: {json.dumps(copyright)}\n" if copyright else "",
        logo=f"logo: {logo}\n" if logo else "",
        exclude=_flow_list(exclude), language=language, show_copyright="true" if copyright else "false",
        pdf_folder=f"    notes2book_pdf_folder: {pdf_folder}  # the dossier, linked from the site\n"
        if pdf_folder else "",
        settings=f"\nnotes2book:\n{settings}" if settings else "",
    )


@dataclass(frozen=True)
class VaultFacts:
    """What a vault says of itself, for the settings it has not been given."""

    title: str
    language: str


def _markdown_files(vault: Path) -> Iterator[str]:
    """The vault's notes, as paths from its root, in a stable order; `.obsidian/`, `.trash/` and
    other hidden folders left out, as the vault reader leaves them."""
    for folder, dirs, files in os.walk(vault):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder).relative_to(vault)
        for name in sorted(files):
            if name.lower().endswith(".md") and not name.startswith("."):
                yield (base / name).as_posix()


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_FRENCH = frozenset("le la les des du un une est et dans pour que qui sur pas au aux avec ce cette ces "
                    "sont par ou il elle nous vous mais comme leur leurs être été".split())
_ENGLISH = frozenset("the and of to is in that for with are on this it as be by from an or was were "
                     "have has which their not but can".split())
_SAMPLE_NOTES, _SAMPLE_BYTES = 60, 4000  # enough words to tell, read in a moment whatever the vault's size


def detect_language(texts: list[str]) -> str:
    """`en` when the texts use more common English words than French ones, else `fr` (the default)."""
    french = english = 0
    for text in texts:
        for word in _WORD.findall(text.casefold()):
            french += word in _FRENCH
            english += word in _ENGLISH
    return "en" if english > french else "fr"


def _home_title(vault: Path, paths: list[str]) -> str:
    """The title heading of the home note (named as Obsidian resolves a bare name: anywhere,
    case-insensitive, the shortest path first); "" when there is none or it has no `# ` title."""
    from notes2book.parse import parse_note  # markdown-it: only once a home note is found

    wanted = nfc(DEFAULT_HOME).casefold()
    found = sorted((p for p in paths if nfc(Path(p).stem).casefold() == wanted), key=lambda p: (p.count("/"), p))
    if not found:
        return ""
    note = read_note(vault / found[0], found[0], Settings(), Diagnostics())
    if note is None:
        return ""
    page = parse_note(note)
    return page.title_heading.text if page.title_heading else ""


def vault_facts(vault: Path) -> VaultFacts:
    """The title and language of a vault that has no settings. Reads the home note and a sample of
    the notes, not the whole vault: the conversion reads it anyway."""
    paths = list(_markdown_files(vault))
    title = _home_title(vault, paths)
    texts = []
    for path in paths[:_SAMPLE_NOTES]:
        try:
            with (vault / path).open("rb") as file:
                texts.append(file.read(_SAMPLE_BYTES).decode("utf-8", errors="replace"))
        except OSError:
            continue  # the conversion reports it, with its path
    return VaultFacts(title or vault.resolve().name, detect_language(texts))


def vault_project(vault: Path, out: Path, language: str | None = None) -> Project:
    """The project of a vault built without a _config.yml: its book and settings in `<out>/.project`,
    its site and dossier in `<out>/html` and `<out>/pdf`."""
    facts = vault_facts(vault)
    language = language or facts.language
    out = out.resolve()
    root = out / PROJECT_FOLDER
    text = config_yaml(title=facts.title, language=language, exclude=(OUTPUT_FOLDER, ".*", "**/.*"),
                       pdf_folder="../pdf")
    return Project(root=root, settings=Settings(), title=facts.title, author="", language=language,
                   vault_override=vault.resolve(), build_override=out, config_text=text)


def load_any(root: Path, vault: Path | None, out: Path | None = None, language: str | None = None) -> Project:
    """The project whose `_config.yml` is in `root`; with none there and a vault named, the vault's
    own project, with the settings it implies."""
    if (root / "_config.yml").is_file() or vault is None:
        given = [name for name, value in (("--out", out), ("--language", language)) if value is not None]
        if given and (root / "_config.yml").is_file():
            raise ConfigError([f"{' and '.join(given)}: only for a vault built without a _config.yml; "
                               f"this project's settings are in {root / '_config.yml'}"])
        return load_project(root, vault)
    out = (out if out is not None else root / OUTPUT_FOLDER).resolve()
    if out.is_relative_to(vault.resolve()):
        raise ConfigError([f"--out: the output folder {out} is inside the vault {vault.resolve()}, which is "
                           "never written to; give --out a folder outside it"])
    return vault_project(vault, out, language)


def write_config(project: Project) -> None:
    """Write a generated project's `_config.yml` (unless it already holds these bytes: Sphinx then
    sees no change and rebuilds nothing)."""
    if project.config_text:
        write_if_changed(project.root / "_config.yml", project.config_text.encode("utf-8"))
