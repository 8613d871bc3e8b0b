"""Each Obsidian form, written in a note, becomes the MyST that shows the reader what Obsidian shows.

Cases live in fixtures/syntax/*.md as blocks: a title line, then `.`, the note's text, `.`,
the expected MyST body, `.`. They are rendered in the context of fixtures/context/, a small
vault holding the notes, headings, blocks and files the cases link to.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from notes2book.config import load_project
from notes2book.convert import convert_vault
from notes2book.diagnostics import Diagnostics

from projects import FIXTURES, make_project, make_project_folder

CASES = [
    pytest.param(path, title, source, expected, id=f"{path.stem}:{line}:{title}")
    for path in sorted((FIXTURES / "syntax").glob("*.md"))
    for line, title, source, expected in read_fixture_file(path)
]


def render_snippet(tmp_path: Path, source: str) -> tuple[str, Diagnostics]:
    vault = tmp_path / "vault"
    shutil.copytree(FIXTURES / "context", vault)
    (vault / "Test.md").write_text(source, encoding="utf-8")
    project = make_project(tmp_path / "project", vault)
    diags = Diagnostics()
    conversion = convert_vault(project, diags)
    page = conversion.files.pages["test.md"].decode()
    title_end = page.index("\n", page.index("\n# ") + 1)
    return page[title_end + 2:], diags


@pytest.mark.parametrize(("path", "title", "source", "expected"), CASES)
def test_form_renders_as_expected(tmp_path: Path, path: Path, title: str, source: str, expected: str) -> None:
    rendered, _ = render_snippet(tmp_path, source)
    assert rendered == expected


def test_trusted_vault_keeps_its_html(tmp_path: Path) -> None:
    from notes2book.render.sanitize import HtmlPolicy

    html = '<div onclick="go()"><iframe src="https://intranet.example/x"></iframe></div>'
    assert HtmlPolicy(trusted=True).clean(html) == html
    assert HtmlPolicy(iframe_hosts=("intranet.example",)).clean(html) == \
        '<div><iframe src="https://intranet.example/x"></iframe></div>'


def test_unpublished_notes_are_left_out_and_links_to_them_are_text(tmp_path: Path) -> None:
    source = "Voir [[Brouillon]] et [[Cible]].\n"
    vault = tmp_path / "vault"
    shutil.copytree(FIXTURES / "context", vault)
    (vault / "Test.md").write_text(source, encoding="utf-8")
    (vault / "Brouillon.md").write_text("---\npublish: false\n---\n# Pas prêt\n", encoding="utf-8")
    (vault / "Ébauche.md").write_text("---\ndraft: true\n---\n# Ébauche\n", encoding="utf-8")
    project = make_project(tmp_path / "project", vault)
    diags = Diagnostics()
    pages = convert_vault(project, diags).files.pages
    assert "brouillon.md" not in pages and "ebauche.md" not in pages
    assert "Voir [Brouillon]{.broken-link} et [Cible](cible.md)." in pages["test.md"].decode()
    assert [d.code for d in diags.unique() if d.file == "Test.md" and d.code.startswith("link")] == ["link-unpublished"]


def test_english_course_gets_english_words(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(FIXTURES / "context", vault)
    (vault / "Test.md").write_text("---\ntags: question\n---\n> [!tip]\n> Text.\n\n[[Cible]]\n", encoding="utf-8")
    root = make_project_folder(tmp_path / "project", vault)
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    pages = convert_vault(load_project(root), Diagnostics()).files.pages
    test, target = pages["test.md"].decode(), pages["cible.md"].decode()
    assert ":::{admonition} Tip" in test and "Download the workbook (.ipynb)" in test
    assert "## Cited in" in target and "Cité dans" not in target
    assert "_workbooks/workbooks.zip" in pages
    assert "Other notes" in pages["index.md"].decode()  # no home note: a generated home page


def test_obsidian_blocks_and_links_inside_admonitions_are_reported_at_their_line(tmp_path: Path) -> None:
    source = (
        "---\ntags: [essai]\n---\n"      # lines 1-3: the body starts on line 4
        "````ad-note\n"                  # 4
        "title: Voir [[Absente]]\n"      # 5
        "collapse: open\n"               # 6
        "\n"                             # 7
        "Texte et [[Manquante]].\n"      # 8
        "> [!tip] Dedans\n"              # 9
        "> Encore [[Perdue]].\n"         # 10
        "```ad-tip\n"                    # 11
        "Au fond, [[Introuvable]].\n"    # 12
        "```\n"                          # 13
        "````\n"                         # 14
        "```dataview\nLIST\n```\n"       # 15-17
        "![[Carte.canvas]]\n\n"          # 18
        "Un [[Projets.base]] ici.\n"     # 20
        "```tasks\nnot done\n```\n"      # 21-23
    )
    _, diags = render_snippet(tmp_path, source)
    found = sorted((d.code, d.severity.value, d.line, d.message.split("'")[1] if "'" in d.message else "")
                   for d in diags.unique() if d.file == "Test.md" and d.code != "orphan")
    assert found == [
        ("link-unresolved", "warning", 5, "Absente"),
        ("link-unresolved", "warning", 8, "Manquante"),
        ("link-unresolved", "warning", 10, "Perdue"),
        ("link-unresolved", "warning", 12, "Introuvable"),
        ("obsidian-block", "info", 15, ""),
        ("obsidian-block", "info", 21, ""),
        ("obsidian-view", "info", 18, "Carte.canvas"),
        ("obsidian-view", "info", 20, "Projets.base"),
    ]
    messages = {d.line: d.message for d in diags.unique() if d.code == "obsidian-block"}
    assert "Dataview query" in messages[15] and "Tasks query" in messages[21]


def test_bases_and_canvases_are_never_published(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(FIXTURES / "context", vault)
    (vault / "Test.md").write_text("![[Carte.canvas]]\n\n[[Projets.base]]\n", encoding="utf-8")
    conversion = convert_vault(make_project(tmp_path / "project", vault), Diagnostics())
    assert not [path for path in conversion.files.copies if path.endswith((".canvas", ".base"))]
    assert conversion.graph.attachments == set()


def test_english_notices(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(FIXTURES / "context", vault)
    (vault / "Test.md").write_text("```dataview\nLIST\n```\n\n![[Carte.canvas]]\n\n```ad-seealso\n```\n",
                                   encoding="utf-8")
    root = make_project_folder(tmp_path / "project", vault)
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    test = convert_vault(load_project(root), Diagnostics()).files.pages["test.md"].decode()
    assert ":::{admonition} Dataview query\n" in test
    assert "This block is computed by Obsidian and is not reproduced here." in test
    assert ":::{admonition} Obsidian canvas: Carte\n" in test
    assert "This canvas is displayed by Obsidian and is not reproduced here." in test
    assert ":::{admonition} See also\n" in test


def test_obsidian_commands_and_raw_html_leaving_the_vault_are_reported_where_written(tmp_path: Path) -> None:
    source = ("Texte\n\n[chercher](obsidian://search?query=mus%C3%A9e)\n\n"
              '<p>\nUne image <img src="../dehors.png">\n</p>\n\nEt <img src="/images/absente.png"> ici.\n')
    (tmp_path / "dehors.png").write_bytes(b"outside")
    _, diags = render_snippet(tmp_path, source)
    found = [(d.code, d.file, d.line) for d in diags.unique() if d.file == "Test.md" and d.code != "orphan"]
    assert found == [("link-app-command", "Test.md", 3), ("outside-vault", "Test.md", 6),
                     ("attachment-missing", "Test.md", 9)]


def test_trusted_vault_html_still_leads_to_the_book_copies(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(FIXTURES / "context", vault)
    (vault / "Test.md").write_text('<figure onclick="zoom()"><img src="/images/image.png"></figure>\n', encoding="utf-8")
    project = make_project(tmp_path / "project", vault, "  trust_html: true\n")
    page = convert_vault(project, Diagnostics()).files.pages["test.md"].decode()
    assert '<figure onclick="zoom()"><img src="_assets/images/image.png"></figure>' in page
