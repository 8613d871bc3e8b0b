"""What the browser tests share: a static server for a built site, headless Chromium, and the ways
a learner looks at a page (window widths, what is shown, a hovered link's preview)."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a browser or driver

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """`site` served over HTTP on a free local port; its address."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def chromium(profile: Path) -> webdriver.Chrome:
    """A headless Chromium that fetches nothing on its own."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1300,1000", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    return driver


@contextlib.contextmanager
def at_width(browser: webdriver.Chrome, pixels: int) -> Iterator[None]:
    """The browser's window at `pixels` wide (a phone 390, a tablet 800, a laptop 1366), then back."""
    before = browser.get_window_size()
    browser.set_window_size(pixels, 900)
    try:
        yield
    finally:
        browser.set_window_size(before["width"], before["height"])


def shown(browser: webdriver.Chrome, selector: str) -> list[WebElement]:
    """The elements matching `selector` that are displayed."""
    return [e for e in browser.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def hover(browser: webdriver.Chrome, url: str, by: str, text: str) -> tuple[WebElement, str]:
    """The link of the page's text found by `by` and `text`, and the preview shown on hovering it."""
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(url)
    link = browser.find_element(By.CSS_SELECTOR, "article").find_element(by, text)
    ActionChains(browser).move_to_element(link).perform()
    box = WebDriverWait(browser, 10).until(
        lambda d: [b for b in d.find_elements(By.CSS_SELECTOR, ".tippy-box") if b.text.strip()])[0]
    return link, box.text
