"""The sample course's dossier, built once per module in a copy of the project (real Sphinx, real
WeasyPrint), and helpers to read it back as a reader would: page texts, outline, links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from notes2book.config import Project
from notes2book.convert import convert
from notes2book.diagnostics import Diagnostics
from notes2book.pdf import PdfReport, build_pdf

from projects import REPO, make_project

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def copy_project(target: Path) -> Project:
    """The sample course, converted, in a project of its own."""
    project = make_project(target, REPO / "notes")
    convert(project, Diagnostics())
    return project


def norm(text: str) -> str:
    """Text as a reader compares it: French spaces and apostrophes made plain, whitespace collapsed."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    return " ".join(text.split())


def joined(text: str) -> str:
    """Normalised text with words hyphenated at a line end (WeasyPrint's U+2010) made whole again."""
    return norm(text).replace("\u2010 ", "")


def hyphenated_runs(raw_texts: list[str]) -> list[int]:
    """The length of each run of consecutive lines ending in a hyphenation (WeasyPrint's U+2010, not
    a hyphen of the text), page by page: running heads and page numbers end a run."""
    runs = []
    for text in raw_texts:
        run = 0
        for line in [*text.splitlines(), ""]:
            if line.rstrip().endswith("\u2010"):
                run += 1
            elif run:
                runs.append(run)
                run = 0
    return runs


def page_title(md: Path) -> str:
    """A book page's title as written in its `# ` heading, without link markup or MyST escapes."""
    for line in md.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:])
            return norm(re.sub(r"\\(.)", r"\1", title))
    raise AssertionError(f"{md} has no title")


def external_urls(book: Path) -> set[str]:
    urls = set()
    for md in book.rglob("*.md"):
        urls.update(re.findall(r"\]\((https?://[^)\s]+)\)", md.read_text(encoding="utf-8")))
    return urls


@dataclass
class Built:
    project: Project
    pdf: Path
    report: PdfReport
    diags: Diagnostics
    reader: PdfReader
    texts: list[str]  # normalised text of each page

    def dest_page(self, name: str) -> int:
        """The 0-based page a named destination (an anchor id) points to."""
        return self.reader.get_destination_page_number(self.reader.named_destinations[name])

    def links(self, index: int) -> list[dict]:
        return [a.get_object() for a in self.reader.pages[index].get("/Annots", [])
                if a.get_object().get("/Subtype") == "/Link"]

    def toc(self) -> dict[str, int]:
        """Title -> page number, read from the printed table of contents."""
        entries = {}
        for text in self.raw_texts[:6]:
            pending = ""  # a long title wraps: its first line has no leader
            for line in text.splitlines():
                match = re.match(r"^(.*?)\s*\.+\s*(\d+)$", norm(line))  # a leader may be one dot
                if match:
                    entries[match.group(1)] = int(match.group(2))
                    if pending:
                        entries[norm(f"{pending} {match.group(1)}")] = int(match.group(2))
                    pending = ""
                else:
                    pending = norm(line)
        return entries

    @property
    def raw_texts(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    def outline(self) -> list[tuple[int, str, int]]:
        """(depth, title, 0-based page) for each bookmark, in order."""
        rows: list[tuple[int, str, int]] = []

        def walk(items: list, depth: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    rows.append((depth, norm(item.title), self.reader.get_destination_page_number(item)))

        walk(self.reader.outline, 0)
        return rows


def build(project: Project, part: str | None = None) -> Built:
    diags, report = Diagnostics(), PdfReport(Path())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        pdf = build_pdf(project, part=part, diags=diags, report=report)
    reader = PdfReader(pdf)
    return Built(project, pdf, report, diags, reader, [norm(p.extract_text()) for p in reader.pages])


def toc_tree(project: Project) -> dict:
    return yaml.safe_load(project.toc.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")  # one build of the sample for every module that reads it
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(copy_project(tmp_path_factory.mktemp("course")))
