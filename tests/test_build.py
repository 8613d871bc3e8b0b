"""`run_build`, the one sequence of steps behind `convert`, `pdf`, `html`, `build` and `serve`:
what it returns is what was made on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from notes2book.build import BuildOutcome, Step, run_build
from notes2book.config import Project
from notes2book.diagnostics import Severity

from projects import VAULTS, fingerprint, make_project


def _built(project: Project) -> set[str]:
    """What the build folder holds besides what `convert` keeps to reuse (notes2book.rendercache)."""
    return {path.name for path in project.build.iterdir() if path.name != ".cache"} if project.build.exists() else set()


def test_a_convert_only_build_reports_the_book_it_wrote(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    first = run_build(project, ("convert",))
    assert not first.refused and not first.diags.has_errors()
    assert list(first.seconds) == [Step.CONVERT]
    assert first.dossier is None and first.site is None and _built(project) == set()
    assert first.pages == len(list(project.vault.rglob("*.md")))  # the seed's notes are all published
    on_disk = {path.relative_to(project.book).as_posix() for path in project.book.rglob("*")
               if path.is_file() and not path.name.startswith(".")}  # but the manifest of what it owns
    assert set(first.written.written) == on_disk | {"_toc.yml"} and project.toc.is_file()

    again = run_build(project, (Step.CONVERT,))  # nothing changed: nothing written, all unchanged
    assert again.written.written == [] and again.written.removed == []
    assert again.written.unchanged == len(first.written.written)


def test_an_emptied_vault_leaves_the_book_and_builds_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    run_build(project, (Step.CONVERT,))
    before = fingerprint(project.book), project.toc.read_bytes()
    shutil.rmtree(project.vault)
    project.vault.mkdir()  # the folder is there, its notes gone (a sync client midway, a wrong folder)

    outcome = run_build(project)  # every step asked for: only convert runs
    assert outcome.refused
    assert list(outcome.seconds) == [Step.CONVERT]
    assert outcome.dossier is None and outcome.site is None and _built(project) == set()
    assert (fingerprint(project.book), project.toc.read_bytes()) == before  # bytes and times
    assert [d.code for d in outcome.diags.unique() if d.severity is Severity.ERROR] == ["vault-empty"]


def test_an_unknown_step_is_refused_before_anything_runs(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    with pytest.raises(ValueError, match="epub"):
        run_build(project, ("convert", "epub"))
    assert not project.book.exists()


def test_a_build_reports_the_dossier_and_site_it_published(sample_build: BuildOutcome,
                                                           sample_project: Project) -> None:
    """The sample course's dossier then site: the page count is the PDF's, and the site holds that PDF."""
    dossier, site = sample_build.dossier, sample_build.site
    assert list(sample_build.seconds) == [Step.PDF, Step.HTML]
    assert dossier.output == sample_project.pdf_file()
    assert dossier.pages == len(PdfReader(dossier.output).pages) > 1
    assert (site.output / "index.html").is_file()
    assert (site.output / dossier.output.name).read_bytes() == dossier.output.read_bytes()
