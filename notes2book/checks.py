"""Whole-vault checks that no single link reveals: duplicate titles, notes nothing links to."""

from __future__ import annotations

from collections import defaultdict

from notes2book.diagnostics import Diagnostics
from notes2book.linkgraph import LinkGraph
from notes2book.parse import Page


def check_titles(pages: list[Page], diags: Diagnostics) -> None:
    by_title: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_title[page.title.casefold()].append(page)
    for same in by_title.values():
        if len(same) < 2:
            continue
        paths = [p.note.path for p in same]
        for page in same:
            others = ", ".join(p for p in paths if p != page.note.path)
            line = page.title_heading.line if page.title_heading else None
            diags.warning("duplicate-title", page.note.path, line,
                          f"the title '{page.title}' is also the title of {others}",
                          "readers cannot tell these pages apart in the menu and in search; rename one")


def check_orphans(pages: list[Page], graph: LinkGraph, home: str, diags: Diagnostics) -> None:
    linked = {target for targets in graph.outgoing.values() for target in targets}
    for page in pages:
        if page.note.path != home and page.note.path not in linked:
            diags.info("orphan", page.note.path, None, "no other note links to this note",
                       "link it from a question or from the home note")
