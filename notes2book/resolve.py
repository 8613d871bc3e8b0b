"""Resolve every link of every page against the index, once; problems become diagnostics."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it.token import Token

from notes2book.diagnostics import Diagnostics, Severity
from notes2book.index import Index
from notes2book.links import Link, parse_href
from notes2book.parse import Page


@dataclass(frozen=True)
class Citation:
    """A note that links to another, and the words around the link."""

    source: str  # vault path of the linking note
    block: int  # index, in the linking note's tokens, of the inline block holding the link
    child: int  # index of the link among that block's children


@dataclass
class LinkGraph:
    """Which notes each note links to, in the order it links them, and who cites whom."""

    outgoing: dict[str, list[str]] = field(default_factory=dict)
    citations: dict[str, list[Citation]] = field(default_factory=dict)  # target -> citing notes
    attachments: set[str] = field(default_factory=set)  # vault paths of the files pages use

    def targets(self, path: str) -> list[str]:
        return self.outgoing.get(path, [])


def _inline_links(page: Page) -> Iterator[tuple[Token, Link, int, int, int]]:
    """Every link-like token of a page with its Link value, its line, the index of the inline block
    holding it and its own index in that block."""
    for position, block in enumerate(page.tokens):
        if block.type != "inline" or not block.children:
            continue
        breaks = 0
        for number, child in enumerate(block.children):
            if child.type in ("softbreak", "hardbreak"):
                breaks += 1
                continue
            link: Link | None = None
            if child.type == "wikilink":
                link = child.meta["link"]
            elif child.type == "link_open":
                link = parse_href(str(child.attrs.get("href", "")))
            elif child.type == "image":
                parsed = parse_href(str(child.attrs.get("src", "")))
                link = Link(parsed.target, parsed.headings, parsed.block, None, True) if parsed else None
            if link is not None:
                yield child, link, page.line_of(block, breaks), position, number


def resolve_links(pages: list[Page], index: Index, diags: Diagnostics) -> LinkGraph:
    graph = LinkGraph()
    for page in pages:
        source = page.note.path
        targets: list[str] = []
        for token, link, line, block, child in _inline_links(page):
            resolution = index.resolve(link, source)
            token.meta = {**(token.meta or {}), "link": link, "resolution": resolution, "line": line}
            for problem in resolution.problems:
                diags.add(problem.code, Severity(problem.severity), source, line, problem.message, problem.hint)
            target = resolution.target
            if target is not None and target.kind == "note" and target.path != source:
                targets.append(target.path)
                cited = graph.citations.setdefault(target.path, [])
                citation = Citation(source, block, child)
                if citation not in cited:
                    cited.append(citation)
            elif target is not None and target.kind == "attachment":
                graph.attachments.add(target.path)
                if target.path in index.notebooks:
                    targets.append(target.path)  # a notebook is a page of the course
        graph.outgoing[source] = list(dict.fromkeys(targets))
    return graph
