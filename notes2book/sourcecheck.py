"""`check --sources`: every web address the course cites, asked for once, concurrently.

The addresses are those a reader may follow: a resource's source (its title's link, or `source:` in
front matter) and the links in the notes' text. Each is requested with a time limit and a few
retries; what answers with an error, moves, or does not answer in time becomes a diagnostic at each
place that cites it. This is the only part of notes2book that uses the network, and only when asked.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPException
from urllib.parse import urldefrag, urljoin

from notes2book.diagnostics import Diagnostics, Severity
from notes2book.parse import Page
from notes2book.vault import NoteKind, Vault

DEFAULT_TIMEOUT = 10.0  # seconds for one request
RETRIES = 2  # more attempts after a failure that may pass (no answer, a server error)
WORKERS = 8  # requests at once: enough for a course's few hundred sources, polite to each site
SLOW = 5.0  # seconds: an answer slower than this is reported (an info)
_USER_AGENT = "notes2book-check-sources"
_PERMANENT = {301, 308}
_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Citation:
    """A place that cites a web address: the note and the line."""

    url: str
    file: str
    line: int | None


@dataclass(frozen=True)
class Outcome:
    """What asking for one address gave."""

    status: int | None = None  # the HTTP status; None when there was no answer
    location: str = ""  # where a redirection leads
    error: str = ""  # why there was no answer
    seconds: float = 0.0


def _is_web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def _front_matter_line(page: Page, url: str, vault: Vault) -> int | None:
    """The line of the front matter that holds `url` (front matter is parsed as YAML, so its lines
    are not kept: read them again, for the resources that have one)."""
    try:
        lines = vault.disk_path(page.note.path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for number, text in enumerate(lines[:page.note.body_line], start=1):
        if url in text:
            return number
    return None


def citations(pages: Iterable[Page], vault: Vault) -> list[Citation]:
    """Every web address the published notes cite, with where, in note and line order."""
    found: list[Citation] = []
    for page in pages:
        seen: set[tuple[str, int | None]] = set()
        for token in page.tokens:
            for child in token.children or []:
                href = str(child.attrs.get("href", "")) if child.type == "link_open" else ""
                if _is_web(href) and (href, line := page.line_of(token)) not in seen:
                    seen.add((href, line))
                    found.append(Citation(href, page.note.path, line))
        source = page.source_url
        if page.note.kind == NoteKind.RESOURCE and source and not any(url == source for url, _ in seen):
            found.append(Citation(source, page.note.path, _front_matter_line(page, source, vault)))
    return found


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirection is an answer to report, not to follow."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _ask(url: str, timeout: float) -> Outcome:
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    start = time.monotonic()
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            response.read(1)  # the answer has begun: the address serves something
            return Outcome(response.status, seconds=time.monotonic() - start)
    except urllib.error.HTTPError as exc:  # 4xx, 5xx, and the redirections not followed
        return Outcome(exc.code, urljoin(url, exc.headers.get("Location", "")) if exc.headers else "",
                       seconds=time.monotonic() - start)
    except (urllib.error.URLError, HTTPException, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        text = "no answer in time" if isinstance(reason, TimeoutError) or "timed out" in str(reason) else str(reason)
        return Outcome(None, error=text, seconds=time.monotonic() - start)


def check_url(url: str, timeout: float = DEFAULT_TIMEOUT, retries: int = RETRIES) -> Outcome:
    """Ask for `url`, again after a failure that may pass (no answer, a busy or failing server)."""
    outcome = _ask(url, timeout)
    for attempt in range(retries):
        if outcome.status is not None and outcome.status not in _RETRY_STATUS:
            break
        time.sleep(0.5 * (attempt + 1))
        outcome = _ask(url, timeout)
    return outcome


def _diagnostic(outcome: Outcome, timeout: float) -> tuple[str, Severity, str, str] | None:
    """(code, severity, message, hint) for an outcome worth reporting, else None."""
    status = outcome.status
    if status is None:
        detail = f"no answer within {timeout:g} s" if outcome.error == "no answer in time" else outcome.error
        return ("source-unreachable", Severity.WARNING, f"unreachable: {detail}",
                "check the address; a site that is down for a while answers again later")
    if 300 <= status < 400:
        permanent = status in _PERMANENT
        return ("source-redirected", Severity.WARNING if permanent else Severity.INFO,
                f"{'moved' if permanent else 'redirected'} ({status}) to {outcome.location or '?'}",
                "update the link to its new address" if permanent else "")
    if status >= 400:
        return ("source-dead", Severity.WARNING, f"answers {status}",
                "find the source's new address, or an archived copy (web.archive.org)")
    if outcome.seconds > SLOW:
        return ("source-slow", Severity.INFO, f"answered in {outcome.seconds:.0f} s", "")
    return None


def check_sources(pages: Iterable[Page], vault: Vault, diags: Diagnostics,
                  timeout: float = DEFAULT_TIMEOUT) -> int:
    """Check every address cited in `pages` (each once, WORKERS at a time); report the dead,
    moved, unreachable and slow ones at each place citing them. Returns how many were checked."""
    cited = citations(pages, vault)
    urls = sorted({urldefrag(c.url).url for c in cited})  # `#part` is the browser's, not the server's
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        outcomes = dict(zip(urls, pool.map(lambda url: check_url(url, timeout), urls), strict=True))
    for citation in cited:
        found = _diagnostic(outcomes[urldefrag(citation.url).url], timeout)
        if found is not None:
            code, severity, message, hint = found
            diags.add(code, severity, citation.file, citation.line, f"{citation.url}: {message}", hint)
    return len(urls)
