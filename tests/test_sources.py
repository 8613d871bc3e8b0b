"""`check --sources` against a local web server: it reports exactly the dead, moved and unreachable
addresses the notes cite, at each citing note and line."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from projects import FIXTURES, fingerprint, run_cli

HANG = 30.0  # seconds the slow address takes to answer: far beyond the check's time limit


class _Handler(BaseHTTPRequestHandler):
    asked: ClassVar[dict[str, int]] = {}

    def do_GET(self) -> None:
        self.asked[self.path] = self.asked.get(self.path, 0) + 1
        if self.path == "/vivante":
            self._answer(200)
        elif self.path == "/capricieuse":  # busy at first: a retry finds it
            self._answer(503 if self.asked[self.path] == 1 else 200)
        elif self.path == "/ancienne":
            self._answer(301, {"Location": "/vivante"})
        elif self.path == "/lente":
            time.sleep(HANG)  # then closes without a word: the client gave up long ago
        else:
            self._answer(404)

    def _answer(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the check's time limit) is expected, not a failure


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.asked = {}
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _vault(tmp_path: Path, server: str) -> Path:
    """The fixture vault of tests/fixtures/sources, its addresses on the test server."""
    vault = tmp_path / "vault"
    shutil.copytree(FIXTURES / "sources", vault)
    for note in vault.glob("*.md"):
        note.write_text(note.read_text(encoding="utf-8").replace("{server}", server), encoding="utf-8")
    return vault


@pytest.mark.slow  # waits out time limits on addresses that do not answer
def test_check_sources_reports_the_dead_moved_and_unreachable(tmp_path: Path, server: str) -> None:
    vault = _vault(tmp_path, server)
    before = fingerprint(vault)
    start = time.monotonic()
    done = run_cli("check", "--vault", str(vault), "--sources", "--timeout", "1", "--format", "json",
                   cwd=tmp_path, timeout=120)
    elapsed = time.monotonic() - start
    assert done.returncode == 0, done.stderr  # warnings: `--strict` makes them fail
    found = {(d["code"], d["file"], d["line"], d["message"].split(": ", 1)[0])
             for d in json.loads(done.stdout) if d["code"].startswith("source-")}
    assert found == {
        ("source-redirected", "Ressource déplacée.md", 4, f"{server}/ancienne"),
        ("source-dead", "Ressource disparue.md", 4, f"{server}/disparue"),
        ("source-dead", "Ressource disparue.md", 8, f"{server}/disparue#annexe"),
        ("source-unreachable", "Question.md", 8, f"{server}/lente"),
    }
    moved = next(d for d in json.loads(done.stdout) if d["code"] == "source-redirected")
    assert moved["message"].endswith(f"moved (301) to {server}/vivante")
    assert "sources: 5 web address(es) checked" in done.stderr
    assert _Handler.asked["/capricieuse"] == 2 and _Handler.asked["/vivante"] == 1  # each address asked once
    assert elapsed < HANG  # the hanging address was given up on, not waited for
    assert fingerprint(vault) == before

    strict = run_cli("check", "--vault", str(vault), "--sources", "--timeout", "1", "--strict",
                     cwd=tmp_path, timeout=120)
    assert strict.returncode == 1
    assert f"Ressource disparue.md:4: warning: {server}/disparue: answers 404 [source-dead]" in strict.stdout


def test_plain_check_uses_no_network(tmp_path: Path, server: str) -> None:
    vault = _vault(tmp_path, server)
    done = run_cli("check", "--vault", str(vault), "--format", "json", cwd=tmp_path, timeout=120)
    assert not [d for d in json.loads(done.stdout) if d["code"].startswith("source-")]
