"""Step 8b, last: WeasyPrint lays the dossier out, in a subprocess stopped by a timeout.

The subprocess also fixes the Sources page lists: a citation list may name the same page twice
(two citing notes on one page); after a first layout we know each anchor's page, keep one anchor
per page and lay out again. Only the Sources lists change, at the very end of the book.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from notes2book.children import ChildTimeout, child_env, python_call, run_child
from notes2book.faults import fault_point
from notes2book.pdf import hyphenation, repagination, tagging

# What the layout subprocess changes in WeasyPrint and pydyf before laying out (each imports them
# only when installed, so the parent process stays light).
LAYOUT_CHANGES: dict[str, Callable[[], None]] = {
    "hyphenation": hyphenation.install,
    "repagination": repagination.install,
    "tagging": tagging.install,
}


class RenderError(Exception):
    """WeasyPrint failed or did not finish in time."""


def render_pdf(html: Path, css: Path, output: Path, timeout: int, variant: str,
               attachments: tuple[Path, ...] = ()) -> dict:
    """Write `output` as the PDF `variant` (tagged PDF/UA-1, or PDF/A-3b with `attachments` as
    embedded files); return what the subprocess reports: pages, warnings, layout passes."""
    command = python_call("notes2book.pdf.render", [str(html), str(css), str(output), variant,
                                                     *map(str, attachments)])
    try:
        done = run_child(command, timeout, env=child_env())
    except ChildTimeout as exc:
        raise RenderError(f"WeasyPrint {exc}") from exc
    if done.returncode != 0:
        detail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RenderError(f"WeasyPrint failed (exit {done.returncode}):\n{detail}")
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError) as exc:
        raise RenderError(f"WeasyPrint gave no report: {done.stdout[-500:]}{done.stderr[-500:]}") from exc


def _local_fetcher(allowed: Path):  # noqa: ANN202 - a weasyprint URLFetcher
    """Fetch only files under the print build and data: URLs: no network, no surprise files."""
    from weasyprint.urls import URLFetcher

    root = allowed.resolve()

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> Any:  # weasyprint's URLFetcherResponse
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path != root and root not in path.parents:
                    raise ValueError(f"not fetched (outside the print build): {url}")
            elif parsed.scheme != "data":
                raise ValueError(f"not fetched (the dossier uses local files only): {url}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("file", "data"))


def _anchor_pages(document) -> dict[str, int]:  # noqa: ANN001 - a weasyprint Document
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def one_ref_per_page(html: str, pages: dict[str, int]) -> str | None:
    """The HTML with repeated pages dropped from the Sources lists, or None if none repeat."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for cited in soup.select("span.cited"):
        seen: set[int] = set()
        refs = cited.select("a.pageref")
        keep = []
        for ref in refs:
            page = pages.get(str(ref["href"])[1:])
            if page is None or page not in seen:
                keep.append(ref)
                seen.add(page or -1)
        if len(keep) == len(refs):
            continue
        changed = True
        keep.sort(key=lambda ref: pages.get(str(ref["href"])[1:], 0))
        label = cited.contents[0]
        cited.clear()
        cited.append(label)
        for i, ref in enumerate(keep):
            if i:
                cited.append(", ")
            cited.append(ref)
    return str(soup) if changed else None


def main(argv: list[str]) -> int:
    """The subprocess: lay out HTML_PATH with CSS_PATH into OUTPUT; print a JSON report."""
    html_path, css_path, output = (Path(arg) for arg in argv[:3])
    variant, attachments = argv[3], argv[4:]
    from weasyprint import CSS, HTML, Attachment

    from notes2book.pdf.dossier import created_from_epoch

    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    logging.getLogger("weasyprint").addHandler(Collect())
    logging.getLogger("weasyprint").propagate = False
    for change in LAYOUT_CHANGES.values():
        change()
    fetcher = _local_fetcher(html_path.parent)
    stylesheet = CSS(filename=str(css_path), url_fetcher=fetcher)
    html = html_path.read_text(encoding="utf-8")

    def layout(text: str):  # noqa: ANN202
        return HTML(string=text, base_url=str(html_path), url_fetcher=fetcher).render(stylesheets=[stylesheet])

    document = layout(html)
    passes = 1
    fixed = one_ref_per_page(html, _anchor_pages(document))
    if fixed is not None:
        warnings.clear()  # the second layout repeats the first one's warnings
        document = layout(fixed)
        passes = 2
    # The /ID is a hash of the content (pydyf), not of the time: the same HTML gives the same bytes.
    # Attachments are dated from SOURCE_DATE_EPOCH (else a fixed date), never the files' times or
    # the clock: the same notes give the same bytes.
    when = created_from_epoch(os.environ.get("SOURCE_DATE_EPOCH")) or datetime(2000, 1, 1, tzinfo=UTC)
    files = [Attachment(filename=path, created=when, modified=when) for path in attachments]
    document.write_pdf(str(output), pdf_identifier=True, pdf_variant=variant, attachments=files or None)
    fault_point("weasyprint")  # after writing: a test sees that a written but failed file is not kept
    print(json.dumps({"pages": len(document.pages), "warnings": warnings, "passes": passes}))
    return 0

