"""`serve` in a real headless Chromium: a note saved on disk shows on the open page by itself."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from projects import REPO, VAULTS, make_project_folder

READY = 300  # seconds: the first build of the site, on a loaded machine
REFRESHED = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "serve stopped"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} not served within {seconds} s")


@contextmanager
def _serving(cwd: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`serve` run in `cwd` with `args`, once it serves a resource page: its address, the process."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "notes2book", "serve", *args, "--port", str(port)],
                               cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(f"{url}/book/ressources/marketing-numerique.html", process, READY)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[bytes]]]:
    """The seed vault's project under `serve`: its folder, its address, the process."""
    vault = tmp_path / "vault"
    shutil.copytree(VAULTS / "seed", vault)
    root = make_project_folder(tmp_path / "project", vault)
    with _serving(REPO, "--root", str(root)) as (url, process):
        yield root, url, process


def test_a_vault_without_settings_is_served_and_rebuilt(tmp_path: Path) -> None:
    """`serve --vault` from a folder with no `_config.yml`, as `build --vault` runs there."""
    vault = tmp_path / "MonCours"
    shutil.copytree(VAULTS / "seed", vault)
    page = "book/ressources/marketing-numerique.html"
    with _serving(tmp_path, "--vault", str(vault)) as (url, process):
        note = vault / "ressources" / "Marketing numérique.md"
        note.write_text(note.read_text(encoding="utf-8") + "\nUne phrase ajoutée au coffre nu.\n", encoding="utf-8")
        deadline = time.monotonic() + REFRESHED
        while "Une phrase ajoutée au coffre nu." not in _page(f"{url}/{page}"):
            assert time.monotonic() < deadline, "the saved note never reached the served page"
            assert process.poll() is None, "serve stopped"
            time.sleep(0.5)
    assert not (tmp_path / "_config.yml").exists() and (tmp_path / "_build" / "html" / page).is_file()


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _body(driver) -> str:  # noqa: ANN001 - a Selenium driver
    return driver.find_element(By.TAG_NAME, "body").text


def _wait_for_text(driver, text: str) -> None:  # noqa: ANN001 - a Selenium driver
    """Until the open page shows `text`; the page reloading meanwhile is what is awaited."""
    WebDriverWait(driver, REFRESHED, poll_frequency=0.2, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda driver: text in _body(driver))


def test_a_saved_note_shows_on_the_open_page_and_a_broken_note_stops_nothing(
        browser: webdriver.Chrome, served: tuple[Path, str, subprocess.Popen[bytes]]) -> None:
    root, url, process = served
    note = root / "notes" / "ressources" / "Marketing numérique.md"
    browser.get(f"{url}/book/ressources/marketing-numerique.html")
    assert "Marketing" in _body(browser)
    browser.execute_script("window.notReloaded = true;")

    note.write_text(note.read_text(encoding="utf-8") + "\nUne phrase écrite pendant la prévisualisation.\n",
                    encoding="utf-8")
    _wait_for_text(browser, "Une phrase écrite pendant la prévisualisation.")
    assert browser.execute_script("return window.notReloaded === undefined;")  # the page reloaded itself

    # A note the conversion cannot read: a diagnostic in the terminal, and the server goes on.
    (root / "notes" / "Cassée.md").write_text("---\ntags: [question\n---\n# Cassée\n", encoding="utf-8")
    time.sleep(1)
    note.write_text(note.read_text(encoding="utf-8") + "\nEt une seconde, après la note cassée.\n", encoding="utf-8")
    _wait_for_text(browser, "Et une seconde, après la note cassée.")
    assert process.poll() is None
    process.terminate()
    _, stderr = process.communicate(timeout=30)
    assert "Cassée.md" in stderr.decode("utf-8", errors="replace")
