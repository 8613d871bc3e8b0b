"""The built site in a real headless Chromium, as a learner uses it."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a browser or driver

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site_url(sample_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(sample_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1300,1000", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


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
    browser.find_element(By.LINK_TEXT, "Quelle place pour la médiation numérique dans les musées").click()
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
