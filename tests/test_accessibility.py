"""The site's accessibility (WCAG 2.2 AA) on the sample course, in a real headless Chromium.

axe-core 4 (the script bundled by axe-playwright-python, injected with Selenium: see
tests/requirements-no-deps.txt) checks the home page, a question, a resource, a tag page and the
search page, in light and dark mode, on a laptop and a phone. The other tests check what axe does
not: a visible focus on each control, the logo's text in dark mode (drawn in a picture), the order
of the headings a screen reader lists, one name per link target, one search field."""

from __future__ import annotations

import importlib.util
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browsing import at_width, shown

_QUESTION = "book/questions/comment-rendre-l-offre-numerique-d-un-musee-accessible.html"
_PAGES = ["book/accueil.html", _QUESTION, "book/ressources/les-licences-creative-commons.html",
          "book/_tags/accessibilite.html", "search.html?q=musee"]
_SERIOUS = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core's script, found without importing its Python package (which imports Playwright)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("axe-playwright-python is missing: `make test` installs tests/requirements-no-deps.txt")
    script = Path(next(iter(spec.submodule_search_locations)), "axe.min.js").read_text(encoding="utf-8")
    assert re.match(r"/\*! axe v4\.", script), "axe-core 4 expected"
    return script


def _open(browser: webdriver.Chrome, url: str, mode: str) -> None:
    """`url` in the theme's light or dark mode, as its toggle leaves it (remembered by the theme
    in the browser's storage, applied as `data-theme` when a page loads)."""
    browser.get(url)
    browser.execute_script("localStorage.setItem('mode', arguments[0])", mode)
    browser.get(url)
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert browser.execute_script("return document.documentElement.dataset.theme") == mode
    # The colours of the mode reached: no transition of the theme's buttons still running.
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(
        "return document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"))
    if "search.html" in url:  # the results, their extracts and highlights drawn
        WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results p.context"))


@pytest.fixture
def modes(browser: webdriver.Chrome, site_url: str) -> Iterator[None]:
    """The mode chosen by a test is forgotten after it: the next tests see the default."""
    yield
    browser.get(f"{site_url}/book/accueil.html")
    browser.execute_script("localStorage.removeItem('mode')")


def _axe(browser: webdriver.Chrome, script: str) -> list[dict]:
    """The serious and critical violations axe finds on the page as shown."""
    browser.execute_script(script)
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations), e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
    return [v for v in violations if v["impact"] in _SERIOUS]


def _report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {' '.join(map(str, node['target']))}" for node in violation["nodes"])
    return "\n".join(lines)


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("page", _PAGES)
def test_axe_finds_no_serious_violation(browser: webdriver.Chrome, site_url: str, axe_script: str, modes: None,
                                        page: str, mode: str, width: int) -> None:
    with at_width(browser, width):
        _open(browser, f"{site_url}/{page}", mode)
        violations = _axe(browser, axe_script)
    assert not violations, _report(violations)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_no_serious_violation_in_the_phones_menu(browser: webdriver.Chrome, site_url: str,
                                                           axe_script: str, modes: None, mode: str) -> None:
    with at_width(browser, 390):
        _open(browser, f"{site_url}/{_QUESTION}", mode)
        (button,) = shown(browser, ".primary-toggle")
        button.click()
        WebDriverWait(browser, 10).until(lambda d: len(shown(d, "nav.bd-docs-nav a.reference.internal")) > 5)
        violations = _axe(browser, axe_script)
    assert not violations, _report(violations)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_no_serious_violation_in_the_search_dialog(browser: webdriver.Chrome, site_url: str,
                                                             axe_script: str, modes: None, mode: str) -> None:
    """The search of every page but the search page: the header's button opens a dialog whose
    results come while typing, their words marked."""
    from selenium.webdriver.common.action_chains import ActionChains

    _open(browser, f"{site_url}/{_QUESTION}", mode)
    (button,) = shown(browser, ".search-button__button")
    button.click()
    ActionChains(browser).send_keys("musee").perform()
    WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#pst-search-dialog #search-results .highlighted"))
    violations = _axe(browser, axe_script)
    assert not violations, _report(violations)


# ---- What axe does not check.

def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(n) for n in re.findall(r"[\d.]+", css)[:3])


def _contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two CSS colours (`rgb(…)`, `#rrggbb`)."""
    def luminance(css: str) -> float:
        channels = [int(css[i:i + 2], 16) for i in (1, 3, 5)] if css.startswith("#") else list(_rgb(css))
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# What is drawn behind an element: the first opaque background of it or its ancestors.
_BACKGROUND = """
    for (let e = arguments[0]; e; e = e.parentElement) {
        const colour = getComputedStyle(e).backgroundColor;
        if (!/rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent') return colour;
    }
    return getComputedStyle(document.documentElement).backgroundColor;"""


# How an element shows it has the focus: its outline, or a ring drawn by a box shadow around it
# (the themes' way for the navigation's links), on it or a child (the outline of the navigation's
# toggles is on their icon); each as [colour, width in px].
_FOCUS_RINGS = """
    const rings = [];
    for (const e of [arguments[0], ...arguments[0].children]) {
        const s = getComputedStyle(e);
        if (s.outlineStyle !== 'none') rings.push([s.outlineColor, parseFloat(s.outlineWidth)]);
        for (const shadow of s.boxShadow === 'none' ? [] : s.boxShadow.split(/,(?![^(]*\\))/)) {
            const colour = shadow.match(/rgba?\\([^)]*\\)/);
            const lengths = shadow.replace(/rgba?\\([^)]*\\)/, '').match(/-?[\\d.]+px/g) || [];
            if (colour && !/inset/.test(shadow) && lengths.length === 4) rings.push([colour[0], parseFloat(lengths[3])]);
        }
    }
    return rings;"""


# Controls a page must let the keyboard reach (by class or name), besides the menu (☰) and, on
# narrower screens, the contents button.
_CONTROLS = {
    _QUESTION: ["dropdown-toggle", "Télécharger le cahier"],  # the header's downloads, the workbook
    "book/accueil.html": ["Télécharger le dossier PDF", "Télécharger tous les cahiers", "graphviz"],  # the map
}


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("page", list(_CONTROLS))
def test_every_control_shows_where_the_keyboard_is(browser: webdriver.Chrome, site_url: str, modes: None,
                                                   page: str, mode: str, width: int) -> None:
    """From the top of the page, Tab by Tab: each control reached shows an outline (or a ring) of
    at least 2 px, at 3:1 against what is behind it (WCAG 2.4.7, 1.4.11); the menu (☰), contents
    and download buttons among them."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    wanted = ["primary-toggle", *_CONTROLS[page]] + (["secondary-toggle"] if width < 1200 else [])
    with at_width(browser, width):
        _open(browser, f"{site_url}/{page}", mode)
        reached, faint = set(), []
        for _ in range(150):
            ActionChains(browser).send_keys(Keys.TAB).perform()
            element = browser.switch_to.active_element
            name = browser.execute_script(
                "const e = arguments[0]; return (e.className || e.tagName) + ' ' + (e.getAttribute('aria-label')"
                " || e.textContent).trim().slice(0, 40)", element)
            reached.add(name)
            rings = browser.execute_script(_FOCUS_RINGS, element)
            behind = browser.execute_script(_BACKGROUND, element)
            if not any(thickness >= 2 and _contrast(colour, behind) >= 3 for colour, thickness in rings):
                faint.append(f"{name}: {rings} on {behind}")
            if all(any(part in name for name in reached) for part in wanted):
                break
        assert faint == []
        assert all(any(part in name for name in reached) for part in wanted), sorted(reached)


def test_the_logos_text_is_readable_in_dark_mode(browser: webdriver.Chrome, site_url: str, modes: None) -> None:
    """The logo's words are drawn in its picture, in colours chosen for a light page: in dark mode,
    each stays at 4.5:1 against what the site draws behind the picture."""
    import urllib.request

    _open(browser, f"{site_url}/{_QUESTION}", "dark")
    (logo,) = shown(browser, "img.logo__image")
    svg = urllib.request.urlopen(logo.get_attribute("src"), timeout=10).read().decode()
    colours = re.findall(r'<text[^>]*fill="(#[0-9a-fA-F]{6})"', svg)
    assert colours
    behind = browser.execute_script(_BACKGROUND, logo)
    assert all(_contrast(colour, behind) >= 4.5 for colour in colours), (colours, behind)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_search_highlights_are_readable(browser: webdriver.Chrome, site_url: str, modes: None, mode: str) -> None:
    _open(browser, f"{site_url}/search.html?q=musee", mode)
    marks = browser.find_elements(By.CSS_SELECTOR, "#search-results .highlighted")
    assert len(marks) > 3
    for mark in marks[:5]:
        colour = mark.value_of_css_property("color")
        assert _contrast(colour, browser.execute_script(_BACKGROUND, mark)) >= 4.5
    # and the mark stands out from the text around it
    paragraph = marks[0].find_element(By.XPATH, "..")
    assert _contrast(browser.execute_script(_BACKGROUND, marks[0]),
                     browser.execute_script(_BACKGROUND, paragraph)) >= 1.3


_HEADINGS = """
    return [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
        .filter(h => h.checkVisibility() && !h.closest('[aria-hidden=true]'))
        .map(h => [Number(h.getAttribute('aria-level') || h.tagName.slice(1)), h.textContent.trim().slice(0, 50)]);"""


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("page", _PAGES)
def test_headings_begin_with_the_pages_title_and_go_down_one_level_at_a_time(
        browser: webdriver.Chrome, site_url: str, page: str, width: int) -> None:
    """As a screen reader lists them: the page's h1 first (the sidebar's part titles are not
    headings before it), then no level skipped."""
    with at_width(browser, width):
        _open(browser, f"{site_url}/{page}", "light")
        headings = browser.execute_script(_HEADINGS)
    assert headings[0][0] == 1, headings
    assert all(level <= before + 1 for (before, _), (level, _) in itertools.pairwise(headings)), headings


@pytest.mark.parametrize("page", _PAGES)
def test_links_with_the_same_name_lead_to_the_same_place(browser: webdriver.Chrome, site_url: str, page: str) -> None:
    """WCAG 2.4.4: in a page's text, a link's name says where it goes; two names alike, one
    target. (The headings' own « # » links take their purpose from their heading.)"""
    _open(browser, f"{site_url}/{page}", "light")
    links = browser.execute_script("return [...document.querySelectorAll('article a[href]:not(.headerlink), #search-results a[href]')]"
                                   ".filter(a => a.checkVisibility() && !a.closest('[aria-hidden=true]'))")
    assert links
    targets: dict[str, set[str]] = {}
    for link in links:
        targets.setdefault(link.accessible_name.strip(), set()).add(link.get_attribute("href"))
    assert {name: sorted(hrefs) for name, hrefs in targets.items() if len(hrefs) > 1} == {}


def test_each_source_link_is_named_for_its_resource(browser: webdriver.Chrome, site_url: str) -> None:
    """A question's reading list: « source ↗ » after each resource, each named for it."""
    _open(browser, f"{site_url}/{_QUESTION}", "light")
    sources = [a for a in browser.find_elements(By.CSS_SELECTOR, "article a.reference.external")
               if a.text == "source ↗"]
    assert len(sources) >= 2
    names = [a.accessible_name for a in sources]
    assert len(set(names)) == len(names)
    for source, name in zip(sources, names, strict=True):
        resource = source.find_element(By.XPATH, "preceding-sibling::a[1]").text
        assert name == f"source de «\u00a0{resource}\u00a0» ↗"  # begins with the words shown (WCAG 2.5.3)


@pytest.mark.parametrize("page", _PAGES)
def test_a_phone_never_scrolls_the_page_sideways(browser: webdriver.Chrome, site_url: str, page: str) -> None:
    """WCAG 1.4.10: on a 390 px phone, the page fits its width (a wide diagram
    scrolls in its own frame); a long address in a search extract wraps."""
    with at_width(browser, 390):
        _open(browser, f"{site_url}/{page}", "light")
        assert browser.execute_script(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [1366, 390])
def test_the_search_page_shows_one_search_field(browser: webdriver.Chrome, site_url: str, width: int) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    with at_width(browser, width):
        _open(browser, f"{site_url}/search.html?q=musee", "light")
        (field,) = shown(browser, "input[name=q]")
        assert shown(browser, ".search-button__button") == []  # no header button for a second one
        assert field.get_attribute("value") == "musee"
        browser.execute_script("document.activeElement.blur()")
        ActionChains(browser).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
        assert browser.switch_to.active_element == field  # the shortcut leads to the same field
        assert shown(browser, "input[name=q]") == [field]
