"""The built site in a real headless Chromium, as a learner uses it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from browsing import at_width, hover, serve, shown


def _served_vault(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[str]:
    """A fixture vault converted, built as `build` does, and served."""
    from notes2book.build import run_build

    from projects import VAULTS, make_project

    project = make_project(tmp_path_factory.mktemp(name), VAULTS / name)
    with serve(run_build(project).site.output) as url:
        yield url


@pytest.fixture(scope="module")
def diagrams_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _served_vault(tmp_path_factory, "diagrams")


def test_home_page_shows_the_course_in_its_parts(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}/")
    WebDriverWait(browser, 10).until(ec.url_contains("book/accueil.html"))
    assert "Musées et numérique" in browser.title
    captions = WebDriverWait(browser, 10).until(lambda d: [
        e.text for e in d.find_elements(By.CSS_SELECTOR, "nav.bd-links p.caption") if e.text])
    assert captions == ["Partie 1 — Comprendre le numérique au musée",
                        "Partie 2 — Communiquer et partager en ligne",
                        "Partie 3 — Concevoir pour tous les publics et évaluer",
                        "Étiquettes"]


def test_following_wikilinks_reaches_the_notes(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}/book/accueil.html")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Quelle place pour la médiation numérique dans les musées").click()
    WebDriverWait(browser, 10).until(ec.url_contains("quelle-place-pour-la-mediation"))
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text.startswith("Quelle place pour la médiation numérique")
    # The reading-list item written as an app://obsidian.md link.
    browser.find_element(By.LINK_TEXT, "Définition de la médiation numérique").click()
    WebDriverWait(browser, 10).until(ec.url_contains("definition-de-la-mediation-numerique"))
    assert "À retenir" in browser.find_element(By.TAG_NAME, "main").text
    browser.back()
    # A heading link lands on that heading.
    browser.find_element(By.LINK_TEXT, "L'ICOM et la nouvelle définition du musée > À retenir").click()
    WebDriverWait(browser, 10).until(ec.url_contains("#ressources-l-icom"))
    anchor = browser.current_url.split("#", 1)[1]
    heading = browser.execute_script(
        "return document.getElementById(arguments[0]).closest('section').querySelector('h2').textContent", anchor)
    assert heading.startswith("À retenir")


def test_french_search_finds_accented_words(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}/search.html?q=accessibilit%C3%A9")
    results = WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results ul.search li"))
    titles = " ".join(r.text for r in results)
    assert "Comment rendre l'offre numérique d'un musée accessible" in titles


_MEDIATION = "book/questions/quelle-place-pour-la-mediation-numerique-dans-les-musees.html"


def test_hovering_an_internal_link_shows_a_preview(browser: webdriver.Chrome, site_url: str) -> None:
    _, preview = hover(browser, f"{site_url}/{_MEDIATION}", By.LINK_TEXT, "Définition de la médiation numérique")
    assert "médiation numérique" in preview.lower()


def test_home_page_map_and_pdf_download(browser: webdriver.Chrome, site_url: str) -> None:
    import io
    import urllib.request

    from pypdf import PdfReader

    browser.get(f"{site_url}/book/accueil.html")
    graph = browser.find_element(By.CSS_SELECTOR, "object.graphviz")
    assert graph.size["width"] > 300 and graph.size["height"] > 300  # the map is drawn
    svg = urllib.request.urlopen(graph.get_attribute("data"), timeout=10).read().decode()
    import re

    assert len(re.findall(r"<(?:\w+:)?a\b", svg)) >= 1 + 7 + 18  # home, questions, resources: each a link
    link = browser.find_element(By.LINK_TEXT, "Télécharger le dossier PDF")
    data = urllib.request.urlopen(link.get_attribute("href"), timeout=10).read()
    assert len(PdfReader(io.BytesIO(data)).pages) > 10


def test_workbook_downloads_are_valid_notebooks(browser: webdriver.Chrome, site_url: str) -> None:
    import io
    import urllib.request
    import zipfile

    import nbformat

    browser.get(f"{site_url}/book/questions/comment-evaluer-les-actions-numeriques-d-un-musee.html")
    link = browser.find_element(By.LINK_TEXT, "Télécharger le cahier (.ipynb)")
    notebook = nbformat.reads(urllib.request.urlopen(link.get_attribute("href"), timeout=10).read().decode(),
                              as_version=4)
    nbformat.validate(notebook)
    assert notebook.cells[0].source.startswith("# Comment évaluer les actions numériques")
    browser.get(f"{site_url}/book/accueil.html")
    link = browser.find_element(By.LINK_TEXT, "Télécharger tous les cahiers (.zip)")
    archive = zipfile.ZipFile(io.BytesIO(urllib.request.urlopen(link.get_attribute("href"), timeout=10).read()))
    assert len([n for n in archive.namelist() if n.endswith(".ipynb")]) == 7


@pytest.mark.parametrize("page", [
    "book/accueil.html",
    "book/questions/comment-rendre-l-offre-numerique-d-un-musee-accessible.html",
    "book/ressources/les-licences-creative-commons.html",
])
def test_following_every_link_of_a_page_never_reaches_a_missing_page(
        browser: webdriver.Chrome, site_url: str, page: str) -> None:
    browser.get(f"{site_url}/{page}")
    hrefs = sorted({a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a[href]")
                    if (a.get_attribute("href") or "").startswith(site_url)})
    assert len(hrefs) > 20
    for href in hrefs:
        browser.get(href)
        assert "404" not in browser.title and "Error response" not in browser.page_source[:500], href
        fragment = href.split("#", 1)[1] if "#" in href else ""
        if fragment and href.split("#")[0].endswith(".html"):
            assert browser.execute_script("return document.getElementById(arguments[0]) !== null", fragment), href


def test_formulas_are_typeset_with_no_network(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}/book/ressources/mesurer-la-frequentation-en-ligne.html")
    formula = WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "mjx-container"))
    assert formula[0].size["width"] > 100  # MathJax, served by the site, drew it


def _fetched(browser: webdriver.Chrome) -> list[str]:
    """Every address the page fetched, itself included (the Resource Timing API)."""
    return browser.execute_script(
        "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))")


def test_mermaid_diagrams_are_drawn_by_the_site_itself_with_no_network(
        browser: webdriver.Chrome, diagrams_site_url: str) -> None:
    browser.get(f"{diagrams_site_url}/book/comment-guider-la-visite.html")
    drawings = WebDriverWait(browser, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "article pre.mermaid svg") or None)
    assert len(drawings) == 2
    texts = [browser.execute_script("return arguments[0].textContent", svg) for svg in drawings]
    assert "Par la galerie des moulages" in texts[0] and "Atelier pédagogique" in texts[1]
    assert all(svg.size["width"] > 200 and svg.size["height"] > 150 for svg in drawings)
    fetched = _fetched(browser)
    assert any("/_static/vendor/mermaid-11." in url for url in fetched)
    outside = [url for url in fetched if url.startswith(("http:", "https:")) and not url.startswith(diagrams_site_url)]
    assert outside == []
    # A page without a diagram does not load the library (3.5 MB).
    browser.get(f"{diagrams_site_url}/book/plan-des-salles.html")
    assert not [url for url in _fetched(browser) if "mermaid" in url]


def test_a_broken_mermaid_diagram_shows_mermaids_error(browser: webdriver.Chrome, diagrams_site_url: str) -> None:
    browser.get(f"{diagrams_site_url}/book/schema-en-chantier.html")
    drawing = WebDriverWait(browser, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "article pre.mermaid svg") or None)[0]
    assert "Syntax error" in browser.execute_script("return arguments[0].textContent", drawing)


def test_mermaid_diagrams_follow_the_dark_mode(browser: webdriver.Chrome, diagrams_site_url: str) -> None:
    browser.get(f"{diagrams_site_url}/book/accueil.html")
    wait = WebDriverWait(browser, 20)
    light = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "article pre.mermaid svg") or None)[0]
    light_id = light.get_attribute("id")
    assert "#ECECFF" in browser.execute_script("return arguments[0].querySelector('style').textContent", light)
    browser.execute_script("document.documentElement.dataset.theme = 'dark'")
    dark = wait.until(lambda d: [svg for svg in d.find_elements(By.CSS_SELECTOR, "article pre.mermaid svg")
                                 if svg.get_attribute("id") != light_id] or None)[0]
    assert "Salle des collections" in browser.execute_script("return arguments[0].textContent", dark)
    style = browser.execute_script("return arguments[0].querySelector('style').textContent", dark)
    assert "#ECECFF" not in style  # the light theme's node colour is gone


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _served_vault(tmp_path_factory, "hostile")


@pytest.mark.parametrize("page", ["book/directives.html", "book/roles-et-cibles.html",
                                  "book/conteneurs/dans-les-conteneurs.html"])
def test_no_note_runs_a_script_in_the_learners_browser(browser: webdriver.Chrome, hostile_site_url: str,
                                                       page: str) -> None:
    """Scripts, event handlers and formulas with `\\href{javascript:…}` written in notes: once the
    page and its formulas are drawn, nothing ran and nothing can be clicked into running."""
    browser.get(f"{hostile_site_url}/{page}")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
    if page.endswith("roles-et-cibles.html"):
        WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "mjx-container"))
        WebDriverWait(browser, 15).until(lambda d: d.execute_script(
            "return window.MathJax && MathJax.startup && MathJax.startup.promise"
            " && MathJax.startup.promise.then(() => true)"))
    assert browser.execute_script("return window.__pwned === undefined")
    # In the page's text, the theme's own buttons aside.
    scripted = browser.execute_script(
        "return [...document.querySelectorAll('article *')]"
        ".filter(e => /javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')"
        " || [...e.attributes].some(a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 120))")
    assert scripted == []


# (page, how the entries marked current begin, from the part down to the page)
_NAVIGATION_PAGES = [
    ("book/accueil.html", ["Musées et numérique : un parcours de formation"]),
    ("book/questions/comment-rendre-l-offre-numerique-d-un-musee-accessible.html",
     ["Comment rendre l'offre numérique d'un musée accessible"]),
    ("book/ressources/les-licences-creative-commons.html",
     ["Comment mettre en ligne les collections d'un musée", "À propos des licences Creative Commons"]),
]


@pytest.mark.parametrize(("page", "trail"), _NAVIGATION_PAGES)
def test_the_navigation_marks_the_current_page_and_opens_its_part_from_file(
        browser: webdriver.Chrome, sample_site: Path, page: str, trail: list[str]) -> None:
    """The course tree comes from one script the whole site shares (notes2book.navigation): each
    page, opened from the disk, still shows it with its own entry marked and its part open."""
    browser.get((sample_site / page).as_uri())
    nav = browser.find_element(By.CSS_SELECTOR, "nav.bd-docs-nav")
    captions = [e.text for e in nav.find_elements(By.CSS_SELECTOR, "p.caption") if e.text]
    assert captions[0] == "Partie 1 — Comprendre le numérique au musée" and len(captions) == 4
    marked = nav.find_elements(By.CSS_SELECTOR, "li.current.active")
    texts = [li.find_element(By.CSS_SELECTOR, ":scope > a").text for li in marked]
    assert len(texts) == len(trail) and all(text.startswith(start) for text, start in zip(texts, trail, strict=True))
    current = nav.find_element(By.CSS_SELECTOR, "a[aria-current='page']")
    assert current.text == texts[-1] and current.is_displayed()  # its part is open
    assert current.find_element(By.XPATH, "./ancestor::li[1]") == marked[-1]
    for li in marked:  # every toggle above the page, and the page's own, is open
        for details in li.find_elements(By.CSS_SELECTOR, ":scope > details"):
            assert details.get_attribute("open") is not None
    # The theme's look: its classes, its toggles; links and toggles reachable by the keyboard.
    assert nav.find_elements(By.CSS_SELECTOR, "ul.nav.bd-sidenav > li.toctree-l1 > details > summary")
    assert browser.execute_script(
        "return [...arguments[0].querySelectorAll('a, summary')].every(e => e.tabIndex === 0)", nav)
    # Every other entry links to an existing page, written from this page.
    hrefs = [a.get_attribute("href") for a in nav.find_elements(By.CSS_SELECTOR, "a.reference.internal")]
    assert len(hrefs) > 25
    missing = [h for h in hrefs if not Path(unquote(urlsplit(h).path)).is_file()]
    assert missing == []


def test_a_toggle_of_the_navigation_opens_with_the_keyboard(browser: webdriver.Chrome, sample_site: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get((sample_site / "book/accueil.html").as_uri())
    details = browser.find_elements(By.CSS_SELECTOR, "nav.bd-docs-nav li.toctree-l1 > details")[0]
    assert details.get_attribute("open") is None
    details.find_element(By.TAG_NAME, "summary").send_keys(Keys.ENTER)
    assert details.get_attribute("open") is not None
    assert details.find_element(By.CSS_SELECTOR, "a.reference.internal").is_displayed()


_QUESTION = "book/questions/comment-rendre-l-offre-numerique-d-un-musee-accessible.html"


@pytest.mark.parametrize("width", [390, 800, 1366])
def test_the_menu_opens_and_closes_and_leads_to_another_page(browser: webdriver.Chrome, site_url: str,
                                                           width: int) -> None:
    from selenium.webdriver.common.keys import Keys

    with at_width(browser, width):
        browser.get(f"{site_url}/{_QUESTION}")
        wait = WebDriverWait(browser, 10)
        (button,) = shown(browser, ".primary-toggle")
        assert button.get_attribute("aria-label") == "Menu du cours"
        target = "Comment mettre en ligne les collections"  # a question of another part
        if width < 992:  # the menu is a panel over the page, closed at first
            assert not shown(browser, "nav.bd-docs-nav a.reference.internal")
            assert button.get_attribute("aria-expanded") == "false"
            button.send_keys(Keys.ENTER)  # by the keyboard
            wait.until(lambda d: len(shown(d, "nav.bd-docs-nav a.reference.internal")) > 5)
            assert button.get_attribute("aria-expanded") == "true"
            browser.switch_to.active_element.send_keys(Keys.ESCAPE)
            wait.until(lambda d: not shown(d, "nav.bd-docs-nav a.reference.internal"))
            assert button.get_attribute("aria-expanded") == "false"
            assert browser.switch_to.active_element == button  # the focus back where it was
            button.click()  # and by a click
            wait.until(lambda d: len(shown(d, "nav.bd-docs-nav a.reference.internal")) > 5)
        else:  # beside the page: the button hides it and shows it again
            assert len(shown(browser, "nav.bd-docs-nav a.reference.internal")) > 5
            button.click()
            wait.until(lambda d: not shown(d, "nav.bd-docs-nav a.reference.internal"))
            assert button.get_attribute("aria-expanded") == "false"
            button.send_keys(Keys.ENTER)
            wait.until(lambda d: len(shown(d, "nav.bd-docs-nav a.reference.internal")) > 5)
            assert button.get_attribute("aria-expanded") == "true"
        link = next(a for a in shown(browser, "nav.bd-docs-nav a.reference.internal") if target in a.text)
        href = link.get_attribute("href")
        link.click()
        wait.until(ec.url_to_be(href))
        assert browser.find_element(By.CSS_SELECTOR, "article h1").text.startswith(target)


@pytest.mark.parametrize("width", [390, 800, 1366])
def test_the_contents_of_the_page_can_be_opened(browser: webdriver.Chrome, site_url: str, width: int) -> None:
    with at_width(browser, width):
        browser.get(f"{site_url}/{_QUESTION}")
        buttons = shown(browser, ".secondary-toggle")
        if width < 1200:  # a panel over the page
            (button,) = buttons
            assert button.get_attribute("aria-label") == "Sommaire de cette page"
            assert not shown(browser, "nav.page-toc a")
            button.click()
            WebDriverWait(browser, 10).until(lambda d: shown(d, "#pst-secondary-sidebar-modal nav.page-toc a"))
            assert button.get_attribute("aria-expanded") == "true"
        else:  # beside the page, always open
            assert buttons == []
        assert "Cité dans" in [a.text for a in shown(browser, "nav.page-toc a")]


def test_the_menu_button_shows_where_the_keyboard_is(browser: webdriver.Chrome, site_url: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    with at_width(browser, 390):
        browser.get(f"{site_url}/{_QUESTION}")
        (button,) = shown(browser, ".primary-toggle")
        for _ in range(10):  # from the top of the page, by the keyboard alone
            ActionChains(browser).send_keys(Keys.TAB).perform()
            if browser.switch_to.active_element == button:
                break
        assert browser.switch_to.active_element == button
        style, width = browser.execute_script(
            "const s = getComputedStyle(arguments[0]); return [s.outlineStyle, parseFloat(s.outlineWidth)]", button)
        assert style != "none" and width >= 2


@pytest.mark.parametrize(("typed", "page", "word"), [
    ("accessibilite", "Comment rendre l'offre numérique d'un musée accessible", "accessibilité"),
    ("evaluation", "Comment évaluer les actions numériques d'un musée", "évaluation"),
    ("reseaux", "Comment utiliser les réseaux sociaux pour faire connaître un musée", "réseaux"),
])
def test_search_finds_words_typed_without_accents_as_they_are_typed(
        browser: webdriver.Chrome, site_url: str, typed: str, page: str, word: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(f"{site_url}/book/questions/comment-definir-une-strategie-numerique-pour-un-musee.html")
    (button,) = shown(browser, ".search-button__button")  # one search field
    button.click()
    field = browser.switch_to.active_element
    assert field.get_attribute("name") == "q"
    assert field.get_attribute("placeholder") == "Rechercher dans le cours…"
    for letter in typed:  # no Enter: the results come while typing
        ActionChains(browser).send_keys(letter).pause(0.05).perform()
    results = WebDriverWait(browser, 15).until(lambda d: [
        r for r in d.find_elements(By.CSS_SELECTOR, "#pst-search-dialog #search-results ul.search li")
        if r.find_elements(By.CSS_SELECTOR, "p.context")] or None)
    titles = [r.find_element(By.TAG_NAME, "a").text for r in results]
    assert any(title.startswith(page) for title in titles[:3]), titles
    assert not any("/_tags/" in r.find_element(By.TAG_NAME, "a").get_attribute("href") for r in results[:3])
    extracts = " ".join(r.find_element(By.CSS_SELECTOR, "p.context").text for r in results)
    assert word in extracts.lower()  # the accented word, marked in the page's own text
    marked = [m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, "#search-results p.context .highlighted")]
    assert word in marked
    assert ".md" not in extracts and ".ipynb" not in extracts and "digraph" not in extracts


_ENGLISH = re.compile(r"\b(search|toggle|home|main|skip|download|contents|previous|next|light|dark|settings|"
                      r"fullscreen|sidebar|this|book|results|the)\b", re.IGNORECASE)


@pytest.mark.parametrize("page", ["book/accueil.html", _QUESTION, "book/ressources/les-licences-creative-commons.html",
                                  "book/_tags/accessibilite.html", "search.html?q=musee"])
def test_a_french_page_speaks_french(browser: webdriver.Chrome, site_url: str, page: str) -> None:
    """Every word of the interface around the notes (buttons, their labels and tooltips, the
    logo's text, the search field) is French; the notes' own text may be in any language."""
    browser.get(f"{site_url}/{page}")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
    words = browser.execute_script("""
        const article = document.querySelector('article.bd-article');
        const outside = e => !(article && article.contains(e)) || e.closest('.downloads');
        const names = ['title', 'aria-label', 'alt', 'placeholder', 'data-bs-title'];
        const attributes = [...document.querySelectorAll('*')].filter(outside)
            .flatMap(e => names.map(n => e.getAttribute(n)).filter(Boolean));
        const clone = document.body.cloneNode(true);
        clone.querySelectorAll('article.bd-article > :not(.downloads), script, style, noscript')
            .forEach(e => e.remove());
        return attributes.concat([clone.textContent, document.title]);""")
    english = sorted({m.group(0) for text in words for m in _ENGLISH.finditer(text)})
    assert english == [], english


def test_french_spacing_on_the_site_keeps_a_question_mark_with_its_words(
        browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}/book/accueil.html")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Quelle place pour la médiation numérique")
    text = browser.execute_script("return arguments[0].textContent", link)
    assert text.endswith("musées\u202f?")  # the « ? » of the question's title, kept by its word
    browser.get(f"{site_url}/{_QUESTION}")
    title = browser.execute_script("return document.querySelector('article h1').textContent")
    assert "accessible\u202f?" in title
    current = browser.find_element(By.CSS_SELECTOR, "nav.bd-docs-nav a[aria-current='page']")
    assert browser.execute_script("return arguments[0].textContent", current).strip().endswith("accessible\u202f?")
    spaces = browser.execute_script(
        "return [...document.querySelectorAll('article p, article li, article h1, article h2')]"
        ".map(e => e.textContent).filter(t => / [?!;:»]|« /.test(t))")
    assert spaces == []


@pytest.mark.parametrize(("page", "most"), [("book/accueil.html", 22), (_QUESTION, 20)])  # 38 and 35 before
def test_a_page_loads_only_what_it_uses(browser: webdriver.Chrome, site_url: str, sample_site: Path,
                                        page: str, most: int) -> None:
    """No icon script (the icon font draws them, cut to the site's icons), no Binder, no cards
    library, no formula engine on a page without a formula, no previews' scripts before a link is
    pointed at, the search index only when a search starts; one viewport tag."""
    browser.get(f"{site_url}/{page}")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
    names = [urlsplit(url).path.rsplit("/", 1)[-1] for url in _fetched(browser)]
    unwanted = [n for n in names if n.startswith(("fontawesome", "sphinx-thebe", "sphinx-design", "design-tabs",
                                                  "tex-chtml", "searchindex", "mystnb", "copybutton"))]
    assert unwanted == []
    assert len(names) <= most, names
    assert not [n for n in names if n.startswith(("popper", "tippy"))]
    font = sample_site / "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
    assert "fa-solid-900.woff2" in names and font.stat().st_size < 10_000  # 156 KB before
    assert browser.execute_script("return document.querySelectorAll('meta[name=viewport]').length") == 1
    assert "binder" not in browser.page_source.lower()
    assert browser.execute_script(
        "return [...document.querySelectorAll('head script[src]')].every(s => s.defer || s.async"
        " || !/search|language_data/.test(s.src))")


def test_a_preview_shows_what_the_page_says_and_only_in_the_text(browser: webdriver.Chrome, site_url: str) -> None:
    _, preview = hover(browser, f"{site_url}/{_MEDIATION}", By.LINK_TEXT, "Définition de la médiation numérique")
    assert "Cet article encyclopédique définit la médiation numérique" in preview  # the resource's first paragraph
    assert "#" not in preview and "Source" not in preview
    link, preview = hover(browser, f"{site_url}/book/accueil.html", By.PARTIAL_LINK_TEXT,
                           "Comment rendre l'offre numérique")
    assert "Le numérique peut ouvrir le musée" in preview and "Télécharger" not in preview
    # The navigation's links have none: their titles are already what a preview would show.
    nav_link = browser.find_elements(By.CSS_SELECTOR, "nav.bd-docs-nav a.reference.internal")[1]
    assert browser.execute_script("return arguments[0]._tippy === undefined", nav_link)
    assert browser.execute_script("return arguments[0]._tippy !== undefined", link)


def test_the_course_map_is_readable_on_a_phone_and_in_dark_mode(browser: webdriver.Chrome, site_url: str) -> None:
    with at_width(browser, 390):
        browser.get(f"{site_url}/book/accueil.html")
        graph = browser.find_element(By.CSS_SELECTOR, ".course-map object.graphviz")
        size = WebDriverWait(browser, 10).until(lambda d: d.execute_script("""
            const o = arguments[0], svg = o.contentDocument && o.contentDocument.querySelector('svg');
            if (!svg) return null;
            const scale = o.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return Math.min(...[...svg.querySelectorAll('text')].map(
                t => parseFloat(getComputedStyle(t).fontSize) * scale));""", graph))
        assert size >= 11  # px on the screen (5 before: the map was shrunk to the phone's width)
        frame = graph.find_element(By.XPATH, "./ancestor::div[contains(@class, 'graphviz')][1]")
        assert browser.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", frame)
        assert browser.execute_script("return getComputedStyle(arguments[0]).filter", graph) == "none"
        browser.execute_script("document.documentElement.dataset.theme = 'dark'")
        assert "invert" in browser.execute_script("return getComputedStyle(arguments[0]).filter", graph)
        browser.execute_script("document.documentElement.dataset.theme = 'light'")
