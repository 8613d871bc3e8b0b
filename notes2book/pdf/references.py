"""Links on paper: internal links get their page number, external links a footnote with the URL,
and every cited external resource is listed in a closing "Sources" section with the pages citing it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from urllib.parse import unquote

from bs4 import BeautifulSoup, Tag

from notes2book.pdf.headings import HEADING, heading_of, plain_title
from notes2book.soup import add_class


@dataclass
class Source:
    url: str
    title: str
    cites: list[str] = field(default_factory=list)  # ids of anchors citing it, one per citing note
    presented: str = ""  # id of the resource page's title, the page to give when no note cites it
    _docs: set[str] = field(default_factory=set)

    def pages(self) -> list[str]:
        return self.cites or ([self.presented] if self.presented else [])

    def sort_key(self) -> tuple[str, str]:
        plain = unicodedata.normalize("NFKD", self.title.casefold())
        return ("".join(c for c in plain if not unicodedata.combining(c)).strip(), self.url)


@dataclass
class Sources:
    by_url: dict[str, Source] = field(default_factory=dict)
    _next_id: int = 0

    def cite(self, url: str, title: str, anchor: Tag, doc: str) -> None:
        """Count `anchor` as a citation of `url`: the first anchor of each citing note.

        Two notes may still share a printed page; the renderer drops such repeats after layout."""
        source = self.by_url.setdefault(url, Source(url, title))
        if doc in source._docs:
            return
        source._docs.add(doc)
        source.cites.append(self._anchor_id(anchor))

    def present(self, url: str, title: str, anchor: Tag) -> None:
        """`anchor` is the title of the resource page for `url`: where it is presented, not cited."""
        source = self.by_url.setdefault(url, Source(url, title))
        if not source.presented:
            source.presented = self._anchor_id(anchor)

    def _anchor_id(self, anchor: Tag) -> str:
        if not anchor.get("id"):
            self._next_id += 1
            anchor["id"] = f"cite-{self._next_id}"
        return str(anchor["id"])

    def sorted(self) -> list[Source]:
        return sorted(self.by_url.values(), key=Source.sort_key)


def is_external(href: str) -> bool:
    return href.startswith(("http://", "https://", "mailto:", "ftp://"))


def own_links(doc: Tag, selector: str = "a[href]") -> list[Tag]:
    """The links of `doc` itself: a chapter's block also holds its section pages, handled on their own."""
    return [a for a in doc.select(selector) if a.find_parent("section", class_="doc") is doc]


_URL_BREAKS = re.compile(r"(?<=[/.?&=])(?=.)")


def set_url_text(soup: BeautifulSoup, tag: Tag, url: str) -> None:
    """Print `url` in `tag` for a reader: decoded (« Médiation_numérique », not « M%C3%A9diation »),
    breakable only after / . ? & = and never at a hyphen, which would read as a hyphenation."""
    shown = url.removeprefix("mailto:")
    with suppress(UnicodeDecodeError):  # not UTF-8 once decoded: printed as written
        shown = unquote(shown, errors="strict")
    tag.clear()
    for i, piece in enumerate(_URL_BREAKS.split(shown)):
        if i:
            tag.append(soup.new_tag("wbr"))
        if "-" in piece:
            keep = soup.new_tag("span", attrs={"class": "nobreak"})
            keep.string = piece
            tag.append(keep)
        else:
            tag.append(piece)


def url_link(soup: BeautifulSoup, url: str, classes: str) -> Tag:
    """A printed, clickable URL."""
    link = soup.new_tag("a", attrs={"class": f"url {classes}".strip(), "href": url})
    set_url_text(soup, link, url)
    return link


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def link_internal(doc: Tag, targets: dict[str, Tag], title_of: Callable[[Tag], str]) -> None:
    """Internal links whose target is in the dossier get "voir p. N", and the title printed on that
    page when the link's words are not that title (`title_of` gives a heading's printed title);
    the others lose their link."""
    for anchor in own_links(doc, 'a[href^="#"]'):
        target = targets.get(str(anchor["href"])[1:])
        if target is None:
            # A page left out of a one-part dossier: a link there would go nowhere.
            anchor.name = "span"
            anchor.attrs = {"class": "outside"}
            continue
        add_class(anchor, "xref")
        heading = heading_of(target)
        if heading is None:
            continue
        title = title_of(heading)
        if title and plain_title(title) != plain_title(_text(anchor)):
            anchor["data-title"] = title


def footnote_external(soup: BeautifulSoup, doc: Tag) -> None:
    """After each external link, its URL as a footnote (unless the link text is the URL already).

    A link in a heading (a resource's title) gets its URL printed inside the heading, on a line of
    its own, instead: WeasyPrint 70 defers or loses footnotes called near a heading that it moves
    to the next page, and a URL inside the heading moves with it.
    """
    for anchor in own_links(doc):
        href = str(anchor["href"])
        if not is_external(href):
            continue
        if _text(anchor) in (href, href.removeprefix("mailto:")):
            add_class(anchor, "url")
            set_url_text(soup, anchor, href)
            continue
        heading = anchor.find_parent(HEADING)
        note = url_link(soup, href, "heading-url") if heading else soup.new_tag("span", attrs={"class": "footnote"})
        if heading is None:
            note.append(url_link(soup, href, "footnote-url"))
        if heading is None:
            anchor.insert_after(note)
        else:
            heading.append(note)


def collect_sources(doc: Tag, docname: str, resource_urls: dict[str, str], titles: dict[str, str],
                    sources: Sources) -> None:
    """Record what `doc` cites: external links, and internal links to resource pages (by their URL)."""
    for anchor in own_links(doc):
        href = str(anchor["href"])
        if is_external(href) and not href.startswith("mailto:"):
            # The resource page's own title link presents the resource; notes that link to it cite it.
            # Counting the title too would put its page beside the citing note's, often the same page.
            if anchor.find_parent(class_="doc-title") is not None and href in titles:
                sources.present(href, titles[href], anchor)
            else:
                sources.cite(href, titles.get(href) or _text(anchor), anchor, docname)
        elif href.startswith("#") and href[1:] in resource_urls:
            url = resource_urls[href[1:]]
            sources.cite(url, titles[url], anchor, docname)


def sources_section(soup: BeautifulSoup, sources: Sources, words: dict[str, str]) -> Tag:
    section = soup.new_tag("section", attrs={"class": "doc chapter sources", "id": "sources"})
    heading = soup.new_tag("h1", attrs={"class": "bm1", "style": f'string-set: chapter "{words["sources"]}", running "{words["sources"]}", part "{words["sources"]}"'})
    heading.string = words["sources"]
    section.append(heading)
    listing = soup.new_tag("ol", attrs={"class": "source-list"})
    for source in sources.sorted():
        item = soup.new_tag("li", attrs={"class": "source"})
        title = soup.new_tag("span", attrs={"class": "source-title"})
        title.string = source.title
        url = url_link(soup, source.url, "source-url")
        cited = soup.new_tag("span", attrs={"class": "cited"})
        cited.append(words["cited"] + "\u00a0")
        for i, cite in enumerate(source.pages()):
            if i:
                cited.append(", ")
            cited.append(soup.new_tag("a", attrs={"class": "pageref", "href": f"#{cite}"}))
        item.extend([title, soup.new_string(" "), url, soup.new_string(" "), cited])
        listing.append(item)
    section.append(listing)
    return section
