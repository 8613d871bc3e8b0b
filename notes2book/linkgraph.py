"""Resolve every link of every page against the index, once; problems become diagnostics.

What each link resolved to is a value per page (`PageLinks`), kept beside the page's tokens: the
tokens stay as parsing made them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from notes2book.diagnostics import Diagnostics
from notes2book.index import Index, Resolution, outside_vault
from notes2book.links import Link, parse_href
from notes2book.parse import Page
from notes2book.rawhtml import url_attributes
from notes2book.tokenmap import TokenMap

# A file address of the machine, never of the vault: `file:` URLs and Windows drive paths.
_FILE_ADDRESS = re.compile(r"^(?:file:|[A-Za-z]:[\\/])", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    """A paragraph of a note that links to another, and where in it the first such link stands."""

    source: str  # vault path of the linking note
    block: int  # index, in the linking note's tokens, of the inline block holding the link
    child: int  # index of the link among that block's children


@dataclass(frozen=True)
class ResolvedLink:
    link: Link  # as written (a Markdown link's or image's address read as a link)
    resolution: Resolution


@dataclass(frozen=True)
class PageLinks:
    """What the links of one page resolved to, asked by the parsed token holding each: a wikilink,
    a Markdown link's opening token, an image, a token of raw HTML."""

    _links: TokenMap[ResolvedLink] = field(default_factory=TokenMap)
    _lines: TokenMap[int] = field(default_factory=TokenMap)  # links' and images' lines in the note
    _addresses: TokenMap[Mapping[str, Resolution]] = field(default_factory=TokenMap)

    def link(self, token: Token | None) -> Link | None:
        resolved = self._links.get(token)
        return resolved.link if resolved is not None else None

    def resolution(self, token: Token | None) -> Resolution | None:
        """What the link `token` holds resolved to; None for a token that is no link of the vault's
        (a web image, an autolink, a token made after parsing)."""
        resolved = self._links.get(token)
        return resolved.resolution if resolved is not None else None

    def line(self, token: Token | None) -> int | None:
        """The line in the note of a link or image."""
        return self._lines.get(token)

    def resolved(self) -> list[ResolvedLink]:
        """Every link of the page as resolved, in the order of the page."""
        return self._links.values()

    def html_addresses(self) -> list[Mapping[str, Resolution]]:
        """Where the addresses of each token of raw HTML lead, in the order of the page."""
        return self._addresses.values()

    def addresses(self, token: Token | None) -> Mapping[str, Resolution]:
        """Where the addresses of a token of raw HTML lead, by the value as written; only those
        that are the vault's business."""
        return self._addresses.get(token) or {}


NO_LINKS = PageLinks()


@dataclass
class LinkGraph:
    """Which notes each note links to, in the order it links them, who cites whom, and what each
    page's links resolved to."""

    outgoing: dict[str, list[str]] = field(default_factory=dict)
    citations: dict[str, list[Citation]] = field(default_factory=dict)  # target -> citing notes
    attachments: set[str] = field(default_factory=set)  # vault paths of the files pages use
    page_links: dict[str, PageLinks] = field(default_factory=dict)  # vault path -> its links, resolved

    def targets(self, path: str) -> list[str]:
        return self.outgoing.get(path, [])

    def links(self, page: Page) -> PageLinks:
        return self.page_links.get(page.note.path, NO_LINKS)


def _inline_children(page: Page) -> Iterator[tuple[Token, int, tuple[int, int]]]:
    """Every inline token of a page but line breaks, with its line and where it stands: the index
    of the inline block holding it among the page's tokens, and its own among the block's children."""
    for position, block in enumerate(page.tokens):
        if block.type != "inline" or not block.children:
            continue
        breaks = 0
        for number, child in enumerate(block.children):
            if child.type in ("softbreak", "hardbreak"):
                breaks += 1
            else:
                yield child, page.line_of(block, breaks), (position, number)


def _inline_links(page: Page) -> Iterator[tuple[Token, Link, int, tuple[int, int]]]:
    """Every link-like token of a page with its Link value, its line, and where it stands."""
    for child, line, place in _inline_children(page):
        link: Link | None = None
        if child.type == "wikilink":
            link = child.meta["link"]
        elif child.type == "link_open":
            link = parse_href(str(child.attrs.get("href", "")))
        elif child.type == "image":
            parsed = parse_href(str(child.attrs.get("src", "")))
            link = replace(parsed, label=None, embed=True) if parsed else None
        if link is not None:
            yield child, link, line, place


def _html_addresses(page: Page) -> Iterator[tuple[Token, str, int, tuple[int, int] | None]]:
    """Every address in the raw HTML of a page: its token, the value, its line, and where it
    stands (None for a block of HTML)."""
    for block in page.tokens:
        if block.type == "html_block":
            for attribute in url_attributes(block.content):
                yield block, attribute.value, page.line_of(block, attribute.line), None
    for child, line, place in _inline_children(page):
        if child.type == "html_inline":
            for attribute in url_attributes(child.content):
                yield child, attribute.value, line, place


def _html_resolution(value: str, index: Index, source: str) -> Resolution | None:
    """Where an address of raw HTML leads in the vault; None when it is none of the vault's
    business (a web address, an anchor of the HTML itself)."""
    value = value.strip()
    if not value or value.startswith("#"):
        return None
    if _FILE_ADDRESS.match(value):
        return Resolution(None, (outside_vault(value),))
    link = parse_href(value)
    return index.resolve(link, source) if link is not None else None


def resolve_links(pages: list[Page], index: Index, diags: Diagnostics) -> LinkGraph:
    graph = LinkGraph()
    for page in pages:
        _resolve_page(page, index, graph, diags)
    return graph


def _resolve_page(page: Page, index: Index, graph: LinkGraph, diags: Diagnostics) -> None:
    """Resolve the links of one page into `graph`, its problems into `diags`."""
    source = page.note.path
    targets: list[str] = []
    quoted: set[tuple[str, int]] = set()  # (target, paragraph) pairs of this page already cited

    def record(resolution: Resolution, line: int, place: tuple[int, int] | None) -> None:
        diags.extend(problem.at(source, line) for problem in resolution.problems)
        target = resolution.target
        if target is not None and target.kind == "note" and target.path != source:
            targets.append(target.path)
            if place is None:
                return  # a link in a block of HTML: no sentence around it to quote
            if (target.path, place[0]) not in quoted:  # one citation per paragraph, at its first link
                quoted.add((target.path, place[0]))
                graph.citations.setdefault(target.path, []).append(Citation(source, *place))
        elif target is not None and target.kind == "attachment":
            graph.attachments.add(target.path)
            if target.path in index.notebooks:
                targets.append(target.path)  # a notebook is a page of the course

    links: list[tuple[Token, ResolvedLink]] = []
    for token, link, line, place in _inline_links(page):
        resolution = index.resolve(link, source)
        links.append((token, ResolvedLink(link, resolution)))
        record(resolution, line, place)
    # Every link's line, and every image's: a web image resolves to nothing, but its line is reported.
    lines = [(child, line) for child, line, _ in _inline_children(page)
             if child.type in ("wikilink", "link_open", "image")]
    addresses: dict[int, tuple[Token, dict[str, Resolution]]] = {}
    for token, value, line, html_place in _html_addresses(page):
        found = _html_resolution(value, index, source)
        if found is None:
            continue
        # Rendering rewrites each address from this table, keyed by the value as written.
        addresses.setdefault(id(token), (token, {}))[1][value] = found
        record(found, line, html_place)
    graph.outgoing[source] = list(dict.fromkeys(targets))
    graph.page_links[source] = PageLinks(TokenMap(links), TokenMap(lines), TokenMap(addresses.values()))
