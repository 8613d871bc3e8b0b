"""The real Jupyter Book builds the course: no warnings, a page per note, no dead internal link."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from projects import VAULTS, build_site, make_project
from notes2book.config import Project
from notes2book.convert import convert
from notes2book.diagnostics import Diagnostics
from notes2book.site import build_html


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
        if tag in ("img", "script", "audio", "video", "source") and values.get("src"):
            self.hrefs.append(values["src"])
        if tag == "link" and values.get("href"):
            self.hrefs.append(values["href"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def dead_links(site: Path) -> list[str]:
    """Every internal href of every page that names a missing file or a missing anchor."""
    pages = {p: _parse(p) for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts}
    problems = []
    for page, parsed in pages.items():
        for href in parsed.hrefs:
            if urlsplit(href).scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            parts = urlsplit(href)
            path_part, fragment = parts.path, parts.fragment
            target = (page.parent / unquote(path_part)).resolve() if path_part else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(site)}: {href} (no such file)")
                continue
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(fragment) not in ids:
                    problems.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return problems


def test_every_note_has_a_page(sample_project: Project, sample_site: Path) -> None:
    notes = [p for p in (sample_project.root / "notes").rglob("*.md")]
    pages = [p for p in (sample_site / "book").rglob("*.html") if "_tags" not in p.parts]
    assert len(pages) == len(notes)
    titles = {re.search(r"<title>(.*?)</title>", p.read_text(encoding="utf-8"), re.S).group(1) for p in pages}
    assert any("Comment définir une stratégie numérique pour un musée" in t for t in titles)


def test_no_internal_link_is_dead(sample_site: Path) -> None:
    assert dead_links(sample_site) == []


def test_wikilinks_become_working_links(sample_site: Path) -> None:
    page = sample_site / "book/questions/quelle-place-pour-la-mediation-numerique-dans-les-musees.html"
    html = page.read_text(encoding="utf-8")
    # The app://obsidian.md link of the reading list, the heading link and the closing "Voir".
    assert 'href="../ressources/definition-de-la-mediation-numerique.html"' in html
    assert 'href="../ressources/l-icom-et-la-nouvelle-definition-du-musee.html#ressources-l-icom-et-la-nouvelle-definition-du-musee-a-retenir"' in html
    assert "[[" not in html and "app://" not in html


def test_resource_page_shows_source_questions_and_citations(sample_site: Path) -> None:
    html = (sample_site / "book/ressources/les-licences-creative-commons.html").read_text(encoding="utf-8")
    assert 'href="https://creativecommons.org/licenses/?lang=fr"' in html
    related = html[html.index("Questions liées"):]
    assert 'href="../questions/comment-mettre-en-ligne-les-collections-d-un-musee.html"' in related
    assert 'href="../questions/pourquoi-ouvrir-les-donnees-et-les-contenus-d-un-musee.html"' in related
    cited = html[html.index("Cité dans"):]
    assert 'href="open-content-au-rijksmuseum.html"' in cited
    assert "conditions décrites dans Les licences Creative Commons" in cited  # the words around the link


def test_question_reading_list_links_each_source(sample_site: Path) -> None:
    html = (sample_site / "book/questions/comment-mettre-en-ligne-les-collections-d-un-musee.html").read_text(encoding="utf-8")
    html = html[html.index("<article"):]  # the page, not the navigation
    item = html[html.index('href="../ressources/la-plateforme-ouverte-du-patrimoine.html"'):][:400]
    assert 'href="https://pop.culture.gouv.fr/"' in item


def test_tag_pages_list_their_notes(sample_site: Path) -> None:
    page = (sample_site / "book/_tags/accessibilite.html").read_text(encoding="utf-8")
    for href in ("../questions/comment-rendre-l-offre-numerique-d-un-musee-accessible.html",
                 "../ressources/audiodescription-et-visites-tactiles.html",
                 "../ressources/le-francais-facile-a-lire-et-a-comprendre-au-musee.html",
                 "../ressources/accessibilite-numerique-et-rgaa.html"):
        assert f'href="{href}"' in page
    nested = (sample_site / "book/_tags/collections.html").read_text(encoding="utf-8")
    assert 'href="collections/en-ligne.html"' in nested
    question = (sample_site / "book/questions/comment-rendre-l-offre-numerique-d-un-musee-accessible.html")
    assert 'href="../_tags/publics/handicap.html"' in question.read_text(encoding="utf-8")  # inline #tag
    assert not (sample_site / "book/_tags/ressource.html").exists()  # classification tags are hidden


def test_site_is_in_french_with_title_and_logo(sample_site: Path) -> None:
    index = (sample_site / "book/accueil.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in index
    assert "Musées et numérique" in index
    assert (sample_site / "_static/logo.svg").exists()
    assert "Partie 1 — Comprendre le numérique au musée" in index
    assert "language: 'fr'" in (sample_site / "_static/documentation_options.js").read_text() or \
        "LANGUAGE: 'fr'" in (sample_site / "_static/documentation_options.js").read_text()


@pytest.mark.parametrize("name", ["seed", "broken", "forms", "odd-names", "plugins"])
def test_fixture_vault_builds_without_warnings(tmp_path: Path, name: str) -> None:
    project = make_project(tmp_path, VAULTS / name)
    convert(project, Diagnostics())
    site = build_site(project)
    assert dead_links(site) == []
    if name == "forms":  # a notebook of the vault that a note links to is a page, not run
        page = (site / "book/carnets/calcul-de-moyenne.html").read_text(encoding="utf-8")
        assert "Un carnet Jupyter du coffre" in page and "moyenne" in page and "14.0" not in page
    if name == "plugins":  # Admonition fences are boxes; what only Obsidian shows is a notice
        board = (site / "book/tableau-de-bord.html").read_text(encoding="utf-8")
        assert board.count('class="note not-reproduced') == 8
        assert "file.mtime" not in board and "dv.list" not in board and "not done" not in board
        assert not [p for p in site.rglob("*") if p.suffix in (".base", ".canvas")]
        question = (site / "book/le-theoreme-de-pythagore.html").read_text(encoding="utf-8")
        assert '<p class="admonition-title">À retenir</p>\n</div>' in question  # a title alone
        assert "callout-theorem" in question and "ad-theorem" not in question and "collapse:" not in question


def test_seed_note_links_all_resolve(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    diags = Diagnostics()
    convert(project, diags)
    assert [d for d in diags.items if d.code.startswith("link")] == []
    site = build_html(project, strict=True).output  # the site alone: no dossier linked from here
    page = _parse(site / "book/comment-penser-le-marketing-et-la-communication-avec-le-numerique.html")
    content_links = [h for h in page.hrefs if h.startswith(("ressources/", "les-outils"))]
    assert len(set(content_links)) == 7
    assert "https://fr.wikipedia.org/wiki/Marketing_%C3%A9lectronique" in page.hrefs
    assert "ressources/definition-de-la-communication-numerique.html" in content_links
