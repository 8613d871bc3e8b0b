"""Mermaid diagrams drawn to SVG at build time, for paper: WeasyPrint runs no JavaScript.

One headless Chromium run draws every diagram not yet drawn: it loads a local page holding the
site's own mermaid.js and the diagrams' sources, and its DOM, dumped on stdout, carries the SVGs
back. Labels are SVG text (`htmlLabels: false`), since WeasyPrint cannot draw `foreignObject`.
Drawings are kept by content hash, so a rebuild with the same diagrams starts no browser.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from notes2book.children import ChildTimeout, run_child

VENDOR = Path(__file__).resolve().parent.parent / "static" / "vendor"
MERMAID_VERSION = "11.17.2"
MERMAID_JS = VENDOR / f"mermaid-{MERMAID_VERSION}.min.js"
# Seconds for the Chromium run: its start, then each diagram (about 0.1 s each on a laptop).
START_SECONDS, SECONDS_PER_DIAGRAM = 60, 2
_VIRTUAL_TIME_MS = 600_000  # virtual time only passes while the page is idle: a bound, not a wait

# Part of each drawing's cache key: a change here draws every diagram again.
CONFIG = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "theme": "default",
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False},
    "fontFamily": "DejaVu Sans, sans-serif",  # the dossier's sans font: measured as printed
    "deterministicIds": True,
}

_RESULT = re.compile(r'<script type="application/json" id="drawings">(.*?)</script>', re.DOTALL)

# Each diagram drawn on its own, its ids seeded by its key, so that a drawing never depends on
# which other diagrams share the run. XMLSerializer, because WeasyPrint reads SVG as XML.
_SCRIPT = """
(async () => {
  const diagrams = JSON.parse(document.getElementById("diagrams").textContent);
  const config = JSON.parse(document.getElementById("config").textContent);
  const drawings = {};
  for (const [key, source] of diagrams) {
    mermaid.initialize({...config, deterministicIDSeed: key});
    try {
      const {svg} = await mermaid.render("m" + key, source);
      const holder = document.createElement("div");
      holder.innerHTML = svg;
      drawings[key] = {svg: new XMLSerializer().serializeToString(holder.querySelector("svg"))};
    } catch (error) {
      drawings[key] = {error: String((error && error.message) || error)};
    }
    for (const stray of document.querySelectorAll("body > :not(script)")) stray.remove();
  }
  const out = document.createElement("script");
  out.type = "application/json";
  out.id = "drawings";
  out.textContent = JSON.stringify(drawings).replace(/</g, "\\\\u003c");
  document.body.appendChild(out);
})();
"""


class ChromiumError(Exception):
    """Chromium is missing, failed, or did not finish: no diagram of the run could be drawn."""


@dataclass(frozen=True)
class Drawing:
    """A diagram's SVG, or why Mermaid could not draw it (its own message, e.g. a syntax error)."""

    svg: str = ""
    error: str = ""


def diagram_key(source: str) -> str:
    """The cache key of a diagram: its source, the Mermaid version and the drawing settings."""
    salt = json.dumps([MERMAID_VERSION, CONFIG], sort_keys=True)
    return hashlib.sha256(f"{salt}\n{source}".encode()).hexdigest()[:32]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _json_in_html(value: object) -> str:
    # `<` escaped, so no source can close the script element it sits in.
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def _page(diagrams: list[tuple[str, str]]) -> str:
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f'<script src="{MERMAID_JS.as_uri()}"></script></head><body>'
        f'<script type="application/json" id="diagrams">{_json_in_html(diagrams)}</script>'
        f'<script type="application/json" id="config">{_json_in_html(CONFIG)}</script>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def _run(command: list[str], timeout: float) -> str:
    """Chromium's stdout (Chromium starts helpers: run_child ends them with it)."""
    try:
        done = run_child(command, timeout)
    except ChildTimeout as exc:
        raise ChromiumError(f"Chromium did not finish drawing within {timeout:g} s") from exc
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise ChromiumError(f"Chromium failed (exit {done.returncode}): {tail}")
    return done.stdout


def draw_timeout(count: int) -> float:
    return START_SECONDS + SECONDS_PER_DIAGRAM * count


def draw_with_chromium(sources: list[str], timeout: float | None = None) -> dict[str, Drawing]:
    """Each source's drawing, by key, from one headless Chromium run, stopped after `timeout`
    seconds (by default, a time for that many diagrams)."""
    chromium = find_chromium()
    if chromium is None:
        raise ChromiumError("Chromium is not installed (Debian package 'chromium'; 'make pdf' installs it)")
    diagrams = sorted({(diagram_key(s), s) for s in sources})
    if timeout is None:
        timeout = draw_timeout(len(diagrams))
    # A killed Chromium's last helpers may still hold its profile for a moment: cleanup may fail.
    with tempfile.TemporaryDirectory(prefix="notes2book-mermaid-", ignore_cleanup_errors=True) as tmp:
        page = Path(tmp) / "diagrams.html"
        page.write_text(_page(diagrams), encoding="utf-8")
        command = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--no-default-browser-check", "--mute-audio",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: no network, whatever a page asks
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--virtual-time-budget={_VIRTUAL_TIME_MS}", "--dump-dom", page.as_uri(),
        ]
        dom = _run(command, timeout)
    match = _RESULT.search(dom)
    if match is None:
        raise ChromiumError("Chromium gave back no drawings (mermaid.js did not run to the end)")
    found = json.loads(match.group(1))
    return {key: Drawing(svg=found.get(key, {}).get("svg", ""),
                         error=found.get(key, {}).get("error", "" if key in found else "not drawn"))
            for key, _ in diagrams}
