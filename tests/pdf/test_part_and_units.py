"""A one-part dossier, and the pieces a user meets without a build: settings, typography, media."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from notes2book import cli
from notes2book.config import ConfigError, Project, load_project
from notes2book.pdf import PartNotFound, build_pdf
from notes2book.pdf.media import replace_media
from notes2book.pdf.typography import apply_french_typography
from notes2book.site import BuildError
from tests.pdf.conftest import build, copy_project, norm, page_title, toc_tree


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(tmp_path_factory.mktemp("course"))


def test_one_part_dossier_holds_that_part_only(course: Project) -> None:
    part = toc_tree(course)["parts"][1]
    built = build(course, part="2")
    assert built.pdf == course.pdf_file("2") and built.pdf.name.endswith("-2.pdf")
    top = [title for depth, title, _ in built.outline() if depth == 0]
    assert top == ["Sommaire", norm(part["caption"]), "Sources"]
    assert norm(part["caption"]) in built.texts[0]  # named on the cover
    # Links to pages of other parts are plain words: no "voir p." pointing outside the dossier.
    for index in range(len(built.texts)):
        for link in built.links(index):
            if "/Dest" in link:
                assert str(link["/Dest"]) in built.reader.named_destinations


def test_unknown_part_says_which_parts_exist(course: Project) -> None:
    with pytest.raises(PartNotFound) as caught:
        build_pdf(course, part="Partie 9")
    assert "Partie 2 — Communiquer" in str(caught.value) and "did you mean" in str(caught.value)


def test_an_unknown_part_is_a_usage_error_and_a_broken_toc_a_failed_build(course: Project, tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["pdf", "--root", str(course.root), "--part", "Partie 9"]) == cli.EXIT_USAGE
    assert "no part named 'Partie 9'" in capsys.readouterr().err
    broken = _project_with(tmp_path, "")()
    broken.toc.write_text("parts: [\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_pdf(broken, part="Partie 9")  # the table of contents is at fault, not the part asked for
    assert not isinstance(caught.value, PartNotFound) and "cannot be read" in str(caught.value)


def _project_with(tmp_path: Path, settings: str) -> Callable[[], Project]:
    (tmp_path / "_config.yml").write_text(f"title: T\nnotes2book:\n{settings}", encoding="utf-8")
    return lambda: load_project(tmp_path)


def test_pdf_settings_are_read_from_the_pdf_mapping(tmp_path: Path) -> None:
    project = _project_with(tmp_path, "  pdf:\n    name: dossier-2026\n    paper: A5\n    duplex: true\n"
                                      "    margins: 15mm 12mm\n    licence: CC BY 4.0\n")()
    assert project.settings.pdf_paper == "A5" and project.settings.pdf_duplex is True
    assert project.pdf_file().name == "dossier-2026.pdf"


def test_pdf_setting_problems_are_all_reported_with_suggestions(tmp_path: Path) -> None:
    load = _project_with(tmp_path, "  pdf:\n    paeper: A4\n    paper: A9\n    margins: wide\n    variant: pdf/a-3\n"
                                   "  vualt: x\n")
    with pytest.raises(ConfigError) as caught:
        load()
    text = "\n".join(caught.value.problems)
    assert "notes2book.pdf.paeper: unknown setting (did you mean 'paper'?)" in text
    assert "notes2book.pdf.paper: expected a page size" in text
    assert "notes2book.pdf.margins: expected 1 to 4 lengths" in text
    assert "notes2book.vualt: unknown setting (did you mean 'vault'?)" in text
    assert "notes2book.pdf.variant: expected one of pdf/ua-1, pdf/a-3b, got 'pdf/a-3' (did you mean 'pdf/a-3b'?)" in text


def test_french_spaces_go_in_prose_not_in_code_or_urls() -> None:
    soup = BeautifulSoup('<p>Pourquoi ? Voici : « oui » ; <code>a ? b : c</code> '
                         '<span class="url">http://x.org/?a=1</span> l\'offre</p>', "html.parser")
    apply_french_typography(soup)
    text = soup.get_text()
    assert "Pourquoi\u202f?" in text and "Voici\u00a0:" in text and "«\u00a0oui\u00a0»" in text
    assert "»\u202f;" in text and "a ? b : c" in text and "http://x.org/?a=1" in text
    assert "l\u2019offre" in text


def test_videos_and_iframes_become_a_caption_a_url_and_a_qr_code() -> None:
    soup = BeautifulSoup('<section><div><iframe src="https://www.youtube.com/embed/abc123" title="Visite">'
                         '</iframe></div><p><img src="https://example.org/x.png" alt="Plan"></p></section>',
                         "html.parser")
    words = {"media_video": "Vidéo", "media_audio": "Audio", "media_image": "Image"}
    assert replace_media(soup, soup.section, words) == 2
    cards = soup.select("figure.media-card")
    assert [c.select_one(".media-caption").get_text() for c in cards] == ["Visite", "Plan"]
    assert cards[0].select_one("a").get_text() == "https://www.youtube.com/watch?v=abc123"
    assert all(c.select_one("img.qr")["src"].startswith("data:image/svg+xml") for c in cards)
    assert soup.find("iframe") is None


def test_formulas_are_drawn_not_left_as_tex() -> None:
    from notes2book.pdf.formulas import set_formulas

    soup = BeautifulSoup('<p>Soit <span class="math">\\(x^2\\)</span>.</p>'
                         '<div class="math">\\[\\frac{a}{b}\\]</div><span class="math">\\(\\nope{\\)</span>', "html.parser")
    assert set_formulas(soup, soup) == 2
    images = soup.find_all("img", class_="formula")
    assert [i["alt"] for i in images] == ["x^2", "\\frac{a}{b}"]
    assert images[0]["src"].startswith("data:image/svg+xml;base64,") and "vertical-align" in images[0]["style"]
    assert "\\nope" in soup.get_text()  # what mathtext cannot set stays as written


def test_a_formula_is_drawn_to_the_same_bytes_at_any_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from notes2book.pdf.formulas import formula_svg

    draw = formula_svg.__wrapped__  # the drawing itself, not the cache in front of it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # matplotlib dates its SVG files
    first = draw("\\frac{a}{b}")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert draw("\\frac{a}{b}") == first


def test_archival_duplex_dossier_carries_the_workbooks_and_opens_chapters_on_the_right(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path / "course")
    config = project.root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  pdf:\n", "  pdf:\n    variant: pdf/a-3b\n    duplex: true\n", 1), encoding="utf-8")
    project = load_project(project.root)
    built = build(project, part="3")
    xmp = built.reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    workbooks = sorted(p.name for p in (project.book / "_workbooks").rglob("*.ipynb"))
    assert workbooks and sorted(built.reader.attachments) == workbooks
    chapters = [chapter["file"] for chapter in toc_tree(project)["parts"][2]["chapters"]]
    for docname in chapters:
        name = "doc-" + re.sub(r"[^\w-]+", "-", docname)
        assert built.dest_page(name) % 2 == 0, f"{docname} opens on p. {built.dest_page(name) + 1}"
    # Facing heads: the part on a left-hand page; the chapter, or the resource open, on a right-hand one.
    part = toc_tree(project)["parts"][2]
    titles = {page_title(project.root / f"{doc}.md") for chapter in part["chapters"]
              for doc in (chapter["file"], *(s["file"] for s in chapter.get("sections", [])))}
    first = min(built.dest_page("doc-" + re.sub(r"[^\w-]+", "-", docname)) for docname in chapters)
    sources = next(i for i, text in enumerate(built.texts) if text.startswith("Sources") or "cité p." in text)
    checked = 0
    for index in range(first + 1, sources):
        text = built.texts[index]
        if not text or f"p. {index + 1} /" not in text:
            continue  # a blank page, left before a chapter that opens on the right
        if index % 2:  # even page number: a left-hand page
            assert norm(part["caption"]) in text, f"p. {index + 1}"
        else:
            assert any(title in text for title in titles), f"p. {index + 1}"
        checked += 1
    assert checked >= 4


def test_a_formula_mathtext_cannot_set_stays_tex_whatever_folder_the_build_runs_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from notes2book.pdf.formulas import formula_svg

    (tmp_path / "bb").mkdir()  # mathtext looks `\mathbb`'s font up as the file `bb` of this folder
    monkeypatch.chdir(tmp_path)
    assert formula_svg.__wrapped__(r"\mathbb{R}") is None
    assert formula_svg.__wrapped__("x^2") is not None
