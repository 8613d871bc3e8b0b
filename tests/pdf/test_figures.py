"""A dossier with pictures, read back from the PDF: figures numbered per chapter with their captions,
alt text in the tagged PDF, the web edition's address and QR code, a back cover, and the date of the
vault's last change when SOURCE_DATE_EPOCH is not set."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from notes2book.build import Step, run_build
from notes2book.config import load_project
from notes2book.diagnostics import Diagnostics
from notes2book.pdf import build_pdf
from tests.pdf.conftest import norm

from projects import VAULTS, make_project

WEB = "https://cours.example.org/musee/"
CHANGED = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)

# The dossier read back, its pages' text, what the build reported, and the PDF's path.
Figures = tuple[PdfReader, list[str], Diagnostics, Path]


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> Figures:
    """The `figures` vault's dossier, in English, with the site's address known, built without
    SOURCE_DATE_EPOCH from notes last changed on CHANGED."""
    project = make_project(tmp_path_factory.mktemp("figures"), VAULTS / "figures")
    config = project.root / "_config.yml"
    text = config.read_text(encoding="utf-8").replace("    language: fr\n", "    language: en\n")
    config.write_text(text.replace("\nhtml:\n", f"\nhtml:\n  baseurl: {WEB}\n", 1), encoding="utf-8")
    project = load_project(project.root)
    for note in project.vault.rglob("*.md"):
        os.utime(note, (CHANGED.timestamp(), CHANGED.timestamp()))
    diags = Diagnostics()
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        pdf = run_build(project, (Step.CONVERT, Step.PDF), diags).dossier.output
    reader = PdfReader(pdf)
    return reader, [norm(page.extract_text()) for page in reader.pages], diags, pdf


def test_figures_are_numbered_per_chapter_with_their_captions(figures: Figures) -> None:
    _, texts, _, _ = figures
    text = " ".join(texts)
    # An italic line under the image is its caption; without one, the alt text is.
    assert "Figure 1.1 — The ground floor" in text
    assert "Figure 1.2 — The same plan, smaller" in text
    assert "Figure 1.3 — Entrance hall seen from the street" in text
    assert re.search(r"Figure 1\.4(?! —)", text)  # no alt text, no caption: the number alone
    assert "Figure 1.5 — A tiny icon, asked to print large" in text
    assert "Figure 1.6 — The upper floor, where the collections are" in text  # the chapter's resource
    assert len(re.findall(r"Figure \d", text)) == 6  # the icon inside a line of text is no figure


def _structure(node, found: list[tuple[str, str]]) -> None:  # noqa: ANN001 - pypdf objects
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            _structure(child, found)
        return
    if not hasattr(node, "get"):
        return
    if "/S" in node:
        found.append((str(node["/S"]), str(node.get("/Alt", ""))))
    if "/K" in node:
        _structure(node["/K"], found)


def test_the_tagged_pdf_keeps_each_figure_s_alt_text(figures: Figures) -> None:
    reader, _, _, _ = figures
    elements: list[tuple[str, str]] = []
    _structure(reader.trailer["/Root"]["/StructTreeRoot"], elements)
    alts = {alt for kind, alt in elements if kind == "/Figure"}
    assert {"Floor plan of the ground floor, the entrance on the left", "The same plan, smaller",
            "Entrance hall seen from the street", "Floor plan of the upper floor"} <= alts


def test_a_picture_printed_below_150_ppi_is_reported_with_its_note_and_line(figures: Figures) -> None:
    _, _, diags, _ = figures
    low = [d for d in diags.unique() if d.code == "image-low-resolution"]
    assert [(d.file, d.line) for d in low] == [("Pictures of the museum.md", 17)]
    assert "small.png" in low[0].message and "26 ppi" in low[0].message
    missing = [(d.file, d.line) for d in diags.unique() if d.code == "image-no-alt"]
    assert missing == [("Pictures of the museum.md", 15)]


def _uris(reader: PdfReader, index: int) -> set[str]:
    return {str(a.get_object()["/A"]["/URI"]) for a in reader.pages[index].get("/Annots", [])
            if "/URI" in a.get_object().get("/A", {})}


def test_cover_dated_by_the_last_change_colophon_and_back_cover_give_the_web_edition(figures: Figures) -> None:
    reader, texts, _, _ = figures
    assert "March 15, 2025" in texts[0]  # no SOURCE_DATE_EPOCH: when the notes last changed
    assert str(reader.metadata["/CreationDate"]).startswith("D:20250315120000")
    colophon, back = texts[1], texts[-1]
    for page, index in ((colophon, 1), (back, len(texts) - 1)):
        assert "Online edition:" in page and WEB in page.replace(" ", "").replace("\u200b", "")
        assert WEB in _uris(reader, index)  # the address is a link, beside its QR code
        xobjects = reader.pages[index]["/Resources"].get("/XObject", {})
        assert xobjects, "the QR code is drawn on the page"
    assert "p. " not in back  # a back cover, without number


def test_same_files_give_the_same_dossier(figures: Figures, tmp_path: Path) -> None:
    """The date of the last change comes from the files, not the clock: a second build is identical."""
    _, _, _, pdf = figures
    first = pdf.read_bytes()
    project = load_project(pdf.parents[2])
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        again = build_pdf(project)
    assert again.read_bytes() == first
