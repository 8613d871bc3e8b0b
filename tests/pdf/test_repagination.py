"""Pages holding a « voir p. N » or a contents line laid out once more when their numbers are
known, not twice (notes2book.pdf.repagination): the same PDF, byte for byte, from fewer layouts."""

from __future__ import annotations

from pathlib import Path

from tests.pdf.conftest import Built
from tests.pdf.layout_runs import lay_out


def test_pages_with_references_are_laid_out_again_once(dossier: Built, tmp_path: Path) -> None:
    before = lay_out(dossier, tmp_path / "before.pdf", "hyphenation")
    after = lay_out(dossier, tmp_path / "after.pdf", "hyphenation", "repagination")
    assert (tmp_path / "after.pdf").read_bytes() == (tmp_path / "before.pdf").read_bytes()
    pages = dossier.report.pages
    assert before["laid_out"][0] == after["laid_out"][0] == pages
    # Before: a second pass for the numbers, then a third for the same pages again, because the
    # total page count became known.
    assert len(before["laid_out"]) == 3 and before["laid_out"][2] > 0, before
    # After: only the pages printing a number laid out again, in one pass.
    assert len(after["laid_out"]) == 2, after
    assert 0 < after["laid_out"][1] < pages, after
