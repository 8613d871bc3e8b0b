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

from projects import FIXTURES, make_project
from notes2book.convert import convert_vault
from notes2book.diagnostics import Diagnostics

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
    from notes2book.render.html import HtmlPolicy

    html = '<div onclick="go()"><iframe src="https://intranet.example/x"></iframe></div>'
    assert HtmlPolicy(trusted=True).clean(html) == html
    assert HtmlPolicy(iframe_hosts=("intranet.example",)).clean(html) == \
        '<div><iframe src="https://intranet.example/x"></iframe></div>'
