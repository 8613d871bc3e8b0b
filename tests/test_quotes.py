"""« Cité dans »: the words around a link, quoted on the page it leads to as the note wrote them."""

from __future__ import annotations

import re
from pathlib import Path

from notes2book.render.quotes import CONTEXT_CHARS

from projects import convert_files

TARGET = "# Cible\n\nLa note citée.\n".encode()


def _cited(tmp_path: Path, source: str) -> list[str]:
    """The quotes under « Cité dans » on the target's page."""
    _, pages = convert_files(tmp_path, {"Source.md": source.encode(), "Cible.md": TARGET})
    page = pages["cible.md"].decode()
    return re.findall(r"^- \[Source\]\(source\.md\)\u00a0: «\u00a0(.*)\u00a0»$", page, re.MULTILINE)


def test_code_formulas_and_emphasis_stay_as_written(tmp_path: Path) -> None:
    lines = _cited(tmp_path, "# Source\n\nLa syntaxe `[[Lien]]`, la formule $x^2$ et un mot *appuyé* "
                             "mènent à [[Cible]] et à **rien d'autre**.\n")
    assert lines == ["La syntaxe `[[Lien]]`, la formule $x^2$ et un mot *appuyé* mènent à Cible et à "
                     "**rien d'autre**."]


def test_a_long_paragraph_is_cut_between_words_around_the_link(tmp_path: Path) -> None:
    words = " ".join(f"mot{i}" for i in range(200))
    [quoted] = _cited(tmp_path, f"# Source\n\n{words} [[Cible]] {words}\n")
    assert quoted.startswith("… mot") and quoted.endswith(" …")
    assert "Cible" in quoted and len(quoted) <= CONTEXT_CHARS + 10
    before, after = quoted.split("Cible")
    assert len(before) < len(after)  # a third before the link, the rest after


def test_a_link_ending_its_paragraph_is_quoted_with_the_words_before_it(tmp_path: Path) -> None:
    words = " ".join(f"mot{i}" for i in range(200))
    [quoted] = _cited(tmp_path, f"# Source\n\n{words} [[Cible]]\n")
    assert quoted.endswith("mot199 Cible") and len(quoted) > CONTEXT_CHARS * 0.8


def test_one_quote_per_paragraph_however_many_links_it_holds(tmp_path: Path) -> None:
    assert len(_cited(tmp_path, "# Source\n\n[[Cible]], encore [[Cible]] et [[Cible#Rien]].\n\nPuis [[Cible]].\n")) == 2
