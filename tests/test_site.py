"""The real Jupyter Book builds the course: no warnings, a page per note, no dead internal link."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from notes2book.build import Step, run_build
from notes2book.config import Project
from notes2book.diagnostics import Diagnostics

from projects import VAULTS, make_project, tree_bytes

SITE_ALONE = (Step.CONVERT, Step.HTML)  # no dossier: the site links to none


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
        if tag == "video" and values.get("poster"):
            self.hrefs.append(values["poster"])
        if tag == "object" and values.get("data"):
            self.hrefs.append(values["data"])
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


# What Sphinx and its extensions write into every site, whatever the pages say.
_SPHINX_OWN = {".buildinfo", "searchindex.js", "objects.inv", "genindex.html", "search.html",
               "tippy_doi_cache.json", "tippy_rtd_cache.json", "tippy_wiki_cache.json"}


def _internal(page: Path, href: str) -> Path | None:
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//") or not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def unreferenced_files(site: Path) -> list[str]:
    """Files of the site that are neither a page, nor Sphinx's own, nor reached by a page."""
    site = site.resolve()
    reached = {target for page in site.rglob("*.html") for href in _parse(page).hrefs
               if (target := _internal(page, href)) is not None}
    files = [p for p in site.rglob("*") if p.is_file()]
    own = [p for p in files if p.relative_to(site).parts[0] in ("_static", "_sources")
           or p.relative_to(site).as_posix() in _SPHINX_OWN]
    return sorted(p.relative_to(site).as_posix() for p in files
                  if p not in reached and p not in own and p.suffix != ".html")


def _dossier_links(site: Path) -> list[str]:
    page = (site / "book/accueil.html").read_text(encoding="utf-8")
    return re.findall(r'<a class="download dossier[^"]*" href="([^"]+)"', page)


def test_site_holds_the_course_and_the_dossier_only_once_built(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "raw-html")
    # A repository-like project: media of the tests and a file beside the vault, which no page uses.
    stray = tmp_path / "tests/fixtures/x/_assets/film.mp4"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"not course media")
    (tmp_path / "secret.png").write_bytes(b"SECRET OUTSIDE THE VAULT")
    site = run_build(project, SITE_ALONE).site.output  # no dossier yet
    assert not any(b"SECRET" in data for data in tree_bytes(project.book).values())

    assert _dossier_links(site) == []
    assert dead_links(site) == []
    assert unreferenced_files(site) == []
    names = {p.name for p in site.rglob("*") if p.is_file()}
    assert not names & {"film.mp4", "ancien.mp4", "brouillon.mp4", "secret.png"}
    assert {"logo.svg", "a.png", "fiche.pdf", "clip.mp4", "son.mp3", "lecon.ipynb", "cahiers.zip"} <= names
    lecon = _parse(site / "book/cours/lecon.html")
    for href in ("../_assets/images/logo.svg", "../_assets/img/a.png", "../_assets/cours/docs/fiche.pdf",
                 "../autre.html#autre-plus-loin", "../_assets/media/clip.mp4"):
        assert href in lecon.hrefs

    site = run_build(project, (Step.PDF, Step.HTML)).site.output  # the home page is read again: the dossier exists
    assert _dossier_links(site) == [f"../{project.pdf_file().name}"]
    assert (site / project.pdf_file().name).read_bytes() == project.pdf_file().read_bytes()
    assert dead_links(site) == []
    assert unreferenced_files(site) == []


def test_every_note_has_a_page(sample_project: Project, sample_site: Path) -> None:
    notes = list((sample_project.root / "notes").rglob("*.md"))
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


@pytest.mark.parametrize("name", ["seed", "broken", "forms", "odd-names", "plugins", "figures"])
def test_fixture_vault_builds_without_warnings(tmp_path: Path, name: str) -> None:
    project = make_project(tmp_path, VAULTS / name)
    site = run_build(project).site.output
    assert dead_links(site) == []
    if name == "forms":  # a notebook of the vault that a note links to is a page, not run
        page = (site / "book/carnets/calcul-de-moyenne.html").read_text(encoding="utf-8")
        assert "Un carnet Jupyter du coffre" in page and "moyenne" in page and "14.0" not in page
    if name == "plugins":  # Admonition fences are boxes; what only Obsidian shows is a notice
        board = (site / "book/tableau-de-bord.html").read_text(encoding="utf-8")
        assert board.count('class="note not-reproduced') == 9  # 8 blocks and views, an Excalidraw drawing
        assert "file.mtime" not in board and "dv.list" not in board and "not done" not in board
        assert "compressed-json" not in board and "Excalidraw Data" not in board
        assert '<img alt="" src="../_images/' in board  # its exported picture, not described: no alt text
        assert not [p for p in site.rglob("*") if p.suffix in (".base", ".canvas") or (".excalidraw" in p.name
                    and p.suffix in (".md", ".html"))]
        question = (site / "book/le-theoreme-de-pythagore.html").read_text(encoding="utf-8")
        assert '<p class="admonition-title">À retenir</p>\n</div>' in question  # a title alone
        assert "callout-theorem" in question and "ad-theorem" not in question and "collapse:" not in question
    if name == "figures":  # alt text from the note, never the file name; a caption makes a figure
        page = BeautifulSoup((site / "book/pictures-of-the-museum.html").read_text(encoding="utf-8"), "html.parser")
        images = page.select("article img") or page.select("main img")
        alts = [str(image.get("alt")) for image in images if "_images/" in str(image.get("src"))]
        assert alts == ["Floor plan of the ground floor, the entrance on the left", "The same plan, smaller",
                        "Entrance hall seen from the street", "", "A tiny icon, asked to print large", "icon"]
        figure = images[0].find_parent("figure")
        assert figure is not None and "The ground floor" in figure.find("figcaption").get_text()
        assert images[1].find_parent("figure") is None  # no caption line: an image, not a figure


def test_seed_note_links_all_resolve(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    diags = Diagnostics()
    site = run_build(project, SITE_ALONE, diags).site.output
    assert [d for d in diags.unique() if d.code.startswith("link")] == []
    page = _parse(site / "book/comment-penser-le-marketing-et-la-communication-avec-le-numerique.html")
    content_links = [h for h in page.hrefs if h.startswith(("ressources/", "les-outils"))]
    assert len(set(content_links)) == 7
    assert "https://fr.wikipedia.org/wiki/Marketing_%C3%A9lectronique" in page.hrefs
    assert "ressources/definition-de-la-communication-numerique.html" in content_links


def test_the_navigation_is_written_once_not_in_every_page(tmp_path: Path) -> None:
    """The course tree is one script the whole site shares (notes2book.navigation): a page carries
    only the sidebar's frame, whatever the number of pages, and with JavaScript off it still offers
    the contents (the home page), previous and next."""
    from scripts.bench_convert import generate

    generate(tmp_path / "vault", 200)
    project = make_project(tmp_path / "project", tmp_path / "vault")
    site = run_build(project, SITE_ALONE).site.output
    [script] = (site / "_static").glob("notes2book-nav.*.js")
    tree = script.read_text(encoding="utf-8")
    pages = sorted(p for p in (site / "book").rglob("*.html") if "_tags" not in p.parts)
    assert len(pages) == 200
    for page in pages:  # every page of the course is in the tree once, the home page above it
        link = f'href=\\"{page.relative_to(site).as_posix()}\\"'
        assert page.name == "accueil.html" or tree.count(link) == 1, page
    for page in pages:
        html = page.read_text(encoding="utf-8")
        nav = html[html.index('<nav class="bd-links bd-docs-nav"'):]
        nav = nav[:nav.index("</nav>")]
        # (the logo, a link home, is in the navigation's frame: notes2book.siteui)
        assert len(nav.encode()) < 1_500 and script.name in nav and "toctree-l2" not in nav, page
        if page.name == "accueil.html":  # it lists and maps the course: it grows with it
            assert 'aria-current="page"' in nav
        else:
            assert re.search(r'href="(\.\./)*accueil\.html"', nav), page  # the contents
            assert len(html.encode()) < 40_000, page
            assert '<a class="left-prev"' in html, page
    assert sum('<a class="right-next"' in p.read_text(encoding="utf-8") for p in pages) == len(pages) - 1


def test_tag_counts_include_nested_tags_and_tag_pages_are_off_the_reading_chain(sample_site: Path) -> None:
    import re

    index = (sample_site / "book/_tags/index.html").read_text(encoding="utf-8")
    counts = dict(re.findall(r'href="([\w/-]+)\.html"><span[^>]*>#[^<]*</span></a> \((\d+)\)', index))
    assert counts["collections"] == "3"  # no note carries #collections itself: 2 #collections/en-ligne, 1 #…/numérisation
    assert all(int(n) > 0 for n in counts.values()), counts
    for page in ("book/_tags/index.html", "book/_tags/collections.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        assert 'class="left-prev"' not in html and 'class="right-next"' not in html, page
    pages = [p for p in (sample_site / "book").rglob("*.html") if "_tags" not in p.parts]
    assert len(pages) > 20
    assert not [p for p in pages if re.search(r'class="(left-prev|right-next)"[^>]*href="[^"]*_tags/',
                                              p.read_text(encoding="utf-8"))]
