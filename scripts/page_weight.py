"""What a learner's browser loads for a page of the built site: requests and bytes.

    python scripts/page_weight.py                       # _build/html: home, a question, a resource
    python scripts/page_weight.py SITE PAGE [PAGE ...]  # another site, other pages

Each page is opened in headless Chromium (Debian's chromium and chromedriver, as the browser
tests) from a local server over the built files, at 1366 px, and left to settle; every address it
fetched (the Resource Timing API: the page, its styles, scripts, fonts, images, and what the
scripts load in turn) is matched to its file in the site. For each page: the number of requests,
the bytes of those files (uncompressed, as a server without compression sends them) and
gzip-compressed (about what a server with compression sends), then the largest files.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a browser or driver

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = Path(__file__).resolve().parent.parent
PAGES = ("book/accueil.html",
         "book/questions/comment-rendre-l-offre-numerique-d-un-musee-accessible.html",
         "book/ressources/les-licences-creative-commons.html")
SETTLE = 3.0  # seconds after `load` for what scripts fetch later (previews, formulas, fonts)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def _serve(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _browser(profile: str) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900",
                 "--disable-background-networking", "--no-first-run", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))


def fetched(browser: webdriver.Chrome, url: str) -> list[str]:
    """Every address the page at `url` fetched, itself first."""
    browser.get(url)
    time.sleep(SETTLE)
    return browser.execute_script(
        "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))")


def weigh(site: Path, base: str, urls: list[str]) -> list[tuple[str, int, int]]:
    """(path in the site, bytes, gzip bytes) of each fetched address of the site, in order."""
    files = []
    for url in urls:
        if not url.startswith(base):
            files.append((url, 0, 0))  # outside the site: counted as a request, never weighed
            continue
        path = site / unquote(urlsplit(url).path).lstrip("/")
        data = path.read_bytes() if path.is_file() else b""
        files.append((path.relative_to(site).as_posix(), len(data), len(gzip.compress(data, 9, mtime=0))))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO / "_build" / "html")
    parser.add_argument("pages", nargs="*", default=list(PAGES))
    parser.add_argument("--largest", type=int, default=6, help="how many of the largest files to list")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as profile, _serve(args.site) as base:
        browser = _browser(profile)
        try:
            for page in args.pages:
                files = weigh(args.site, base, fetched(browser, f"{base}/{page}"))
                total, packed = sum(f[1] for f in files), sum(f[2] for f in files)
                print(f"{page}\n  {len(files)} requests, {total / 1000:.0f} KB, {packed / 1000:.0f} KB gzipped")
                for path, size, _ in sorted(files, key=lambda f: -f[1])[:args.largest]:
                    print(f"    {size / 1000:8.1f} KB  {path}")
        finally:
            browser.quit()


if __name__ == "__main__":
    main()
