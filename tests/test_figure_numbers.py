"""Captioned figures numbered across the course, the same after a rebuild that read one page
(notes2book.figurenumbers: the numbers are assigned loading only the pages that hold figures or
contents lists)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notes2book.build import Step, run_build

from projects import REPO, make_project

NUMBER = re.compile(r'class="caption-number">[^<0-9]*([0-9]+)')


def _numbers(site: Path) -> dict[str, list[int]]:
    """The figure numbers each page of the site shows."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        numbers = [int(number) for number in NUMBER.findall(page.read_text(encoding="utf-8"))]
        if numbers:
            found[page.relative_to(site).as_posix()] = numbers
    return found


@pytest.mark.slow
def test_figures_are_numbered_across_the_course_and_keep_their_numbers(tmp_path: Path) -> None:
    project = make_project(tmp_path / "course", REPO / "notes")
    run_build(project, (Step.CONVERT, Step.HTML))
    site = project.build / "html"
    numbers = _numbers(site)
    assert len(numbers) >= 2, numbers  # figures on two question pages, many pages between them
    every = sorted(number for page in numbers.values() for number in page)
    assert every == list(range(1, len(every) + 1)), numbers

    # A page without figures edited: the rebuild reads that page alone, and the numbers stay.
    note = project.vault / "ressources" / "Le domaine public numérique.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    run_build(project, (Step.CONVERT, Step.HTML))
    assert "Une phrase de plus." in (site / "book" / "ressources" / "le-domaine-public-numerique.html").read_text(
        encoding="utf-8")
    assert _numbers(site) == numbers

    # A captioned figure added on another page: one number more, every figure still numbered once.
    figure = "![[cycle-strategie-numerique.png|Le cycle|300]]\n*Le cycle, encore*"
    note = project.vault / "questions" / "Comment mettre en ligne les collections d'un musée.md"
    note.write_text(note.read_text(encoding="utf-8") + f"\n{figure}\n", encoding="utf-8")
    run_build(project, (Step.CONVERT, Step.HTML))
    after = _numbers(site)
    assert len(after) == len(numbers) + 1, after
    assert sorted(number for page in after.values() for number in page) == list(range(1, len(every) + 2)), after
