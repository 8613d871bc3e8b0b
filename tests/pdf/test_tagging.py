"""The tagged dossier written without rebuilding the list of its pages at every tagged element
(notes2book.pdf.tagging): the same PDF, byte for byte, and the list built once."""

from __future__ import annotations

from pathlib import Path

from tests.pdf.conftest import Built
from tests.pdf.layout_runs import lay_out


def test_the_tagged_dossier_is_the_same_with_the_page_list_built_once(dossier: Built, tmp_path: Path) -> None:
    plain = lay_out(dossier, tmp_path / "plain.pdf")
    linear = lay_out(dossier, tmp_path / "linear.pdf", "tagging")
    assert (tmp_path / "linear.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()
    assert linear["pages"] == plain["pages"] == dossier.report.pages
    # Without the change the list is built at every tagged element and link: far more than pages.
    assert plain["built"] > 10 * plain["pages"], plain
    assert linear["built"] == 1, linear
