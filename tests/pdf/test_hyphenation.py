"""Hyphenation read back from the PDF: never more than two hyphenated lines in a row, in a vault of
long French words (which, set greedily, hyphenates three, four lines running) and in the sample."""

from __future__ import annotations

import pytest

from notes2book.convert import convert
from notes2book.diagnostics import Diagnostics
from tests.pdf.conftest import Built, build, hyphenated_runs

from projects import VAULTS, make_project


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("hyphenation"), VAULTS / "hyphenation")
    convert(project, Diagnostics())
    return build(project)


def test_long_words_are_hyphenated_at_most_two_lines_running(dense: Built) -> None:
    runs = hyphenated_runs(dense.raw_texts)
    assert sum(runs) >= 12, "the text is still hyphenated"
    assert max(runs) == 2, runs


def test_the_sample_has_no_three_hyphenated_lines_running(dossier: Built) -> None:
    runs = hyphenated_runs(dossier.raw_texts)
    assert runs and max(runs) <= 2, runs
