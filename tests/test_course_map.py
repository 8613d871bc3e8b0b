"""Finding one's way in the course: the course map of the home page, each page's "around this
page" map, the menu panel on a phone, and what a page weighs, in a real headless Chromium."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from notes2book.config import Project

from browsing import at_width, shown
from projects import REPO

_QUESTION = "book/questions/comment-rendre-l-offre-numerique-d-un-musee-accessible.html"
_RESOURCE = "book/ressources/les-licences-creative-commons.html"
_VIEWS = [(width, theme) for width in (390, 1366) for theme in ("light", "dark")]


def _open(browser: webdriver.Chrome, url: str, theme: str) -> None:
    browser.get(url)
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
    browser.execute_script("document.documentElement.dataset.theme = arguments[0]", theme)


def _svg_ready(browser: webdriver.Chrome) -> object:
    graph = browser.find_element(By.CSS_SELECTOR, ".course-map object.graphviz")
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(
        "const o = arguments[0]; return !!(o.contentDocument && o.contentDocument.querySelector('svg g.node'))", graph))
    return graph


@pytest.mark.parametrize(("width", "theme"), _VIEWS)
def test_the_course_map_has_a_heading_near_the_top_and_says_titles(
        browser: webdriver.Chrome, site_url: str, width: int, theme: str) -> None:
    with at_width(browser, width):
        _open(browser, f"{site_url}/book/accueil.html", theme)
        heading = browser.find_element(By.CSS_SELECTOR, "article .course-map h2")
        assert heading.text == "Carte du parcours" and heading.is_displayed()
        # Before the course's first part, after the home note's opening text.
        first_part = browser.find_element(By.CSS_SELECTOR, "article section section > h2")
        assert first_part.text.startswith("Partie 1")
        assert heading.location["y"] < first_part.location["y"]
        graph = _svg_ready(browser)
        assert graph.location["y"] - heading.location["y"] < 200  # the map is under its heading
        found = browser.execute_script("""
            const svg = arguments[0].contentDocument.querySelector('svg');
            const titles = [...svg.querySelectorAll('title')].map(t => t.textContent);
            const links = [...svg.querySelectorAll('a')].map(a => [
                a.closest('g.node').querySelector(':scope > title').textContent,
                a.getAttributeNS('http://www.w3.org/1999/xlink', 'title')]);
            // Every edge, followed point by point: never over a label's text.
            const boxes = [...svg.querySelectorAll('g.node text, g.cluster text')].map(t => t.getBBox());
            const crossings = [];
            for (const path of svg.querySelectorAll('g.edge path')) {
                for (let at = 0; at <= path.getTotalLength(); at += 2) {
                    const p = path.getPointAtLength(at);
                    for (const b of boxes) {
                        if (p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height) {
                            crossings.push([p.x, p.y]);
                        }
                    }
                }
            }
            const parts = [...svg.querySelectorAll('g.node text')].map(t => t.textContent)
                .filter(t => t.startsWith('Partie'));
            return {titles, links, crossings, parts,
                    edges: svg.querySelectorAll('g.edge path').length,
                    filter: getComputedStyle(arguments[0]).filter};""", graph)
        assert found["edges"] >= 3 + 7 + 18  # to the parts, the questions, the resources
        assert found["crossings"] == []
        assert len(found["parts"]) == 3  # each part's name is a box of the map
        assert not [t for t in found["titles"] if ".md" in t or "/" in t]
        assert len(found["links"]) >= 1 + 7 + 18
        assert all(title == tooltip for title, tooltip in found["links"])
        tooltips = {tooltip for _, tooltip in found["links"]}
        assert "Comment rendre l’offre numérique d’un musée accessible\u202f?" in tooltips
        assert "À propos des licences Creative Commons" in tooltips
        assert ("invert" in found["filter"]) == (theme == "dark")


@pytest.mark.parametrize(("width", "theme"), _VIEWS)
@pytest.mark.parametrize(("page", "before", "after"), [
    (_QUESTION, ["Musées et numérique"], ["Référentiel général", "Facile à lire et à comprendre"]),
    (_RESOURCE, ["Comment mettre en ligne les collections"], []),
])
def test_around_this_page_maps_the_pages_neighbours(browser: webdriver.Chrome, site_url: str, width: int,
                                                    theme: str, page: str, before: list[str],
                                                    after: list[str]) -> None:
    with at_width(browser, width):
        _open(browser, f"{site_url}/{page}", theme)
        (box,) = shown(browser, "article .neighbours")
        assert box.find_element(By.TAG_NAME, "h2").text == "Autour de cette page"
        title = browser.find_element(By.CSS_SELECTOR, "article h1").text.replace("#", "").strip()
        assert box.find_element(By.CSS_SELECTOR, ".neighbours-here").text == title

        def names(kind: str) -> list[str]:
            return [a.text for a in box.find_elements(By.CSS_SELECTOR, f".neighbours-{kind} a")]

        assert all(any(name.startswith(start) for name in names("in")) for start in before), names("in")
        assert all(any(name.startswith(start) for name in names("out")) for start in after), names("out")
        look = browser.execute_script("""
            const box = arguments[0];
            const texts = [...box.querySelectorAll('a, p, h2')].filter(e => e.textContent.trim());
            const colour = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const luminance = ([r, g, b]) => [r, g, b].map(v => v / 255)
                .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const ratio = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            const background = e => {
                for (; e; e = e.parentElement) {
                    const c = getComputedStyle(e).backgroundColor;
                    if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return colour(c);
                }
                return [255, 255, 255];
            };
            return {
                smallest: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize))),
                contrast: Math.min(...texts.map(e => ratio(luminance(colour(getComputedStyle(e).color)),
                                                           luminance(background(e))))),
                page: luminance(background(document.querySelector('article'))),
                wider: box.scrollWidth > box.clientWidth,
                right: Math.max(...[...box.querySelectorAll('*')].map(e => e.getBoundingClientRect().right)),
                edge: document.documentElement.clientWidth,
            };""", box)
        assert look["smallest"] >= 11
        assert look["contrast"] >= 4.5
        assert (look["page"] < 0.2) == (theme == "dark")  # it follows the page's mode
        assert not look["wider"] and look["right"] <= look["edge"]
        # Its links lead to the pages they name.
        link = box.find_element(By.CSS_SELECTOR, ".neighbours-in a")
        name, href = link.text, link.get_attribute("href")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        WebDriverWait(browser, 10).until(ec.url_to_be(href))
        heading = browser.find_element(By.CSS_SELECTOR, "article h1").text
        assert heading.replace("\u202f", " ").startswith(name.replace("\u202f", " ")[:30])


def test_neither_map_is_in_the_printed_dossier(sample_site: Path, sample_project: Project) -> None:
    """The dossier has its table of contents and "voir p." references: no map, no "around"."""
    from pypdf import PdfReader

    pdf = sample_project.pdf_file()
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Comment rendre l" in text  # the dossier is there
    assert "Autour de cette page" not in text and "Carte du parcours" not in text and "Mènent ici" not in text


def test_the_menu_panel_never_scrolls_sideways_on_a_phone(browser: webdriver.Chrome, site_url: str) -> None:
    with at_width(browser, 390):
        browser.get(f"{site_url}/{_QUESTION}")
        (button,) = shown(browser, ".primary-toggle")
        button.click()
        panel = WebDriverWait(browser, 10).until(
            lambda d: next(iter(shown(d, "dialog.bd-sidebar-primary[open]")), None))
        sizes = browser.execute_script("""
            const panel = arguments[0];
            return [panel, ...panel.querySelectorAll('*')].filter(e => e.clientWidth > 0)
                .map(e => [e.className, e.scrollWidth, e.clientWidth]);""", panel)
        assert sizes[0][1] <= sizes[0][2]
        assert [s for s in sizes if s[1] > s[2]] == []  # nothing inside is wider than its box either


def _page_weight() -> object:
    spec = importlib.util.spec_from_file_location("page_weight", REPO / "scripts" / "page_weight.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_question_page_weighs_at_most_600_kb_in_20_requests(browser: webdriver.Chrome, site_url: str,
                                                             sample_site: Path) -> None:
    """As scripts/page_weight.py measures it (624 KB and 19 requests before the theme's stylesheet
    lost the rules of icons the site does not show)."""
    weight = _page_weight()
    browser.get(f"{site_url}/{_QUESTION}")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && document.fonts.status === 'loaded'"))
    urls = browser.execute_script(
        "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))")
    files = weight.weigh(sample_site, site_url, urls)  # type: ignore[attr-defined]
    assert len(files) <= 20, [f[0] for f in files]
    assert sum(size for _, size, _ in files) <= 600_000
    stylesheet = next(size for path, size, _ in files if path.endswith("pydata-sphinx-theme.css"))
    assert stylesheet < 330_000  # 397 KB before
