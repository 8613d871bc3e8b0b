"""A note is data: whatever it contains, the generated pages hold only the MyST notes2book writes
itself (read by myst-parser, against an allowlist), the site and the dossier build without a
warning, and no file outside the vault reaches them."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notes2book.build import Step, run_build
from notes2book.convert import Conversion, convert_vault
from notes2book.diagnostics import Diagnostics

from myst_allowlist import foreign_syntax
from projects import VAULTS, conversion_of, make_project


def _labels(conversion: Conversion) -> set[str]:
    """The targets notes2book gives the vault's headings and blocks."""
    index = conversion.index
    return {label for labels in index.heading_labels.values() for label in labels.values()} | \
        {label for labels in index.block_labels.values() for label in labels.values()}


def _foreign(conversion: Conversion) -> dict[str, list[str]]:
    labels = _labels(conversion)
    found = {}
    for name, data in sorted(conversion.files.pages.items()):
        if name.endswith(".md"):
            problems = foreign_syntax(data.decode(), labels)
            if problems:
                found[name] = problems
    return found


@pytest.mark.parametrize("name", sorted(p.name for p in VAULTS.iterdir()))
def test_pages_of_every_fixture_vault_hold_only_our_own_myst(tmp_path: Path, name: str) -> None:
    conversion = convert_vault(make_project(tmp_path, VAULTS / name), Diagnostics())
    assert _foreign(conversion) == {}


def test_the_checker_sees_what_myst_would_run() -> None:
    """The allowlist is not blind: the forms a note must never pass to MyST are caught."""
    for text in ("```{include} x\n```\n", ":::{raw} html\n:::\n", "{eval-rst}`x`\n", "(cible)=\n# T\n",
                 "% commentaire\n", "+++\n", "`x`{.python}\n", "[a]{.classe}\n", "$$\nx\n$$ (eq)\n",
                 ":::{admonition} T\n:class: note\n\n```{include} x\n```\n:::\n", "<script>x</script>\n",
                 '<img src="x" onerror="y">\n'):
        assert foreign_syntax(text, labels=set()), text
    assert foreign_syntax(":::{admonition} T\n:class: note callout\n\nTexte.\n:::\n") == []


# Everything MyST or docutils would read as its own, in every spelling a note might use.
HOSTILE = st.sampled_from([
    "```{include} ../../secret.txt", "~~~{raw} html", "```{eval-rst}", "```{figure} x.png", "````{code-cell}",
    "```{literalinclude} /etc/passwd", "``` {include} x", "```{toctree}", "```mermaid", "```python", "```",
    "~~~", ":::{note}", "::::{raw} html", ":::", "::: {include} x", "{download}`x`", "{raw}`<b>x</b>`",
    "{eval-rst}`x`", "{ref}`cible`", "(cible)=", "(x-y)=", "% commentaire", "+++", "+++ {\"a\": 1}",
    "{.classe}", "{#ident}", "*em*{.c}", "[span]{.c}", "`code`{.python}", "[lien](https://example.org){onclick=x}",
    "{{ substitution }}", "$$", "$$ (eq)", "$x$", "\\(x\\)", "<script>alert(1)</script>", "<b onclick=x>b</b>",
    "[[Autre]]", "[[Autre#Titre]]", "![[Autre]]", "[[Autre#^bloc]]", "> [!note] Titre", "> [!faq]-", "---", "***",
    "- ", "1. ", "> ", "    ", "# ", "## ", "| a | b |", "|---|---|", "[^1]", "[^1]: note", "Terme", ": définition",
    "mot", "deux mots", "{", "}", "`", "``", ":", "=", "^bloc", "%%", "==surligné==", "#étiquette",
    '![alt " :class: x\\|300](https://example.org/i.png)', "![](https://example.org/i.png)", "*légende*", "_légende_",
])
SEPARATORS = st.sampled_from([" ", "", "\n", "\n\n", "\n> ", "\n- ", "\n  ", "\n    "])


@st.composite
def hostile_notes(draw: st.DrawFn) -> str:
    parts = [draw(HOSTILE) + draw(SEPARATORS) for _ in range(draw(st.integers(1, 25)))]
    return "".join(parts) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_notes())
@example("$$ $$ (eq) $$\n")  # a formula holding `$$` once ended early and let a label through
def test_no_note_reaches_myst_as_myst(text: str) -> None:
    files = {"Note.md": text.encode(), "Autre.md": b"# Autre\n\n## Titre\n\nUn bloc ^bloc\n\nVoir [[Note]].\n"}
    with tempfile.TemporaryDirectory() as tmp:
        _, conversion = conversion_of(Path(tmp), files)
    assert _foreign(conversion) == {}, text


SECRET = "SECRET-7c1e9a-ne-doit-jamais-sortir"


def _os_release_line() -> str:
    path = Path("/etc/os-release")
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return next((line for line in lines if line.startswith("PRETTY_NAME=")), "")


@pytest.mark.slow
def test_a_note_cannot_publish_files_or_scripts(tmp_path: Path) -> None:
    """Notes try {include}, {literalinclude}, {raw}, {eval-rst}, {figure}, roles and colon fences
    towards files outside the vault: the real site and dossier carry no byte of them, and no script."""
    root = tmp_path / "projet"
    project = make_project(root, VAULTS / "hostile")
    for place in (tmp_path, root):  # what `../secret.txt` and `../../secret.txt` reach from book/
        (place / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    diags = Diagnostics()
    site = run_build(project, diags=diags).site
    assert not diags.has_errors(), [d.format() for d in diags.unique()]
    assert "WARNING" not in site.log
    pretty = _os_release_line()
    for folder in (project.book, project.build):
        for path in folder.rglob("*"):
            if not path.is_file():
                continue
            data = path.read_bytes()
            assert SECRET.encode() not in data, path
            assert not pretty or pretty.encode() not in data, path
            if path.suffix == ".html":
                assert b"<script>window.__pwned" not in data, path
                assert b"onerror=" not in data, path
    page = (project.build / "html" / "book" / "directives.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page  # shown as the code it is


@pytest.mark.slow
def test_rough_notes_build_a_site_without_a_warning(tmp_path: Path) -> None:
    """Forms seen in real vaults that Sphinx refuses as written (rules opening a section or side
    by side, empty callouts, headings in lists and quotes, fences in unknown languages or that do
    not lex, broken tables, raw HTML of every kind): the site builds, warnings as errors."""
    project = make_project(tmp_path, VAULTS / "rough")
    diags = Diagnostics()
    site = run_build(project, (Step.CONVERT, Step.HTML), diags).site
    assert "WARNING" not in site.log
    page = (site.output / "book" / "regles-et-titres.html").read_text(encoding="utf-8")
    assert page.count('<hr class="rule"') == 8  # every rule the note draws
    code = re.sub(r"<[^>]+>", "", (site.output / "book" / "blocs-de-code.html").read_text(encoding="utf-8"))
    assert "int main() {}" in code and '{ "a": 1,, }' in code and "def f(:" in code
    unknown = {(d.file, d.line) for d in diags.unique() if d.code == "fence-language-unknown"}
    assert ("Blocs de code.md", 16) in unknown
