"""Pages holding a « voir p. N » or a contents line laid out again only when a number they print
was not known when they were laid out (notes2book.pdf.repagination): the same PDF, byte for byte,
from fewer page layouts."""

from __future__ import annotations

from pathlib import Path

from tests.pdf.conftest import Built
from tests.pdf.layout_runs import lay_out


def test_pages_with_references_are_laid_out_again_at_most_once(dossier: Built, tmp_path: Path) -> None:
    before = lay_out(dossier, tmp_path / "before.pdf", "hyphenation")
    after = lay_out(dossier, tmp_path / "after.pdf", "hyphenation", "repagination")
    assert (tmp_path / "after.pdf").read_bytes() == (tmp_path / "before.pdf").read_bytes()
    pages = dossier.report.pages
    assert before["laid_out"][0] == after["laid_out"][0] == pages
    # Before: every page holding a reference laid out a second time for its numbers, then a third
    # time because the total page count became known.
    assert len(before["laid_out"]) == 3 and before["laid_out"][2] > 0, before
    # After: one pass more, for the pages whose references point further on (the contents, a
    # question's resources); a reference to a page before it is filled in before it is laid out.
    assert len(after["laid_out"]) == 2, after
    assert 0 < after["laid_out"][1] < before["laid_out"][1], (before, after)
