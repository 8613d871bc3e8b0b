"""A failed or interrupted dossier build leaves the last dossier; the next run ends as a clean build
does; no subprocess (Sphinx, WeasyPrint) outlives a killed run."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EPOCH

from notes2book.config import Project
from notes2book.convert import convert
from notes2book.diagnostics import Diagnostics
from notes2book.faults import FAULT
from notes2book.pdf import build_pdf
from notes2book.site import BuildError

from builds import kill_run_at, wait_until_gone
from projects import VAULTS, make_project


def _build(project: Project, fault: str | None = None) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        if fault is None:
            build_pdf(project)
            return
        patch.setenv(FAULT, f"raise@{fault}")
        with pytest.raises(BuildError, match="fault injected"):
            build_pdf(project)


def _project(root: Path) -> Project:
    project = make_project(root, VAULTS / "seed")
    convert(project, Diagnostics())
    return project


def test_failed_and_interrupted_dossiers_keep_the_last_one(tmp_path: Path) -> None:
    reference = _project(tmp_path / "reference")
    _build(reference)
    clean = reference.pdf_file().read_bytes()
    project = _project(tmp_path / "project")
    pdf, partial = project.pdf_file(), project.pdf_file().with_name(project.pdf_file().name + ".part")

    # The first build killed while WeasyPrint writes, then one whose print build fails.
    assert wait_until_gone(kill_run_at(project.root, "pdf", "weasyprint", tmp_path)) == []
    assert not pdf.exists()
    _build(project, "doctree-read#2")
    assert not pdf.exists() and not partial.exists()
    _build(project)
    assert pdf.read_bytes() == clean

    # Later builds failing in WeasyPrint (its file written), or killed in the print build.
    _build(project, "weasyprint")
    assert pdf.read_bytes() == clean and not partial.exists()
    assert wait_until_gone(kill_run_at(project.root, "pdf", "doctree-read#2", tmp_path)) == []
    assert pdf.read_bytes() == clean
    _build(project)
    assert pdf.read_bytes() == clean
    assert sorted(p.name for p in pdf.parent.iterdir()) == sorted([pdf.name, ".print", ".doctrees-print"])
