"""Headings on paper: where a link lands, what a reference calls its target, what stays together.

A `<section>` can begin at the foot of a page while its heading is pushed to the next one, so a
link to the section's id would name the wrong page: ids are moved onto the headings. References
then print the words that head the page they name, and a resource's heading block (title, URL,
tags, author line) is kept together and with the text that follows it.
"""

from __future__ import annotations

import re
import unicodedata

from bs4 import BeautifulSoup, NavigableString, Tag

HEADING = re.compile(r"^h[1-6]$")
# The lines printed under a resource's title before its text: tags, author and date. Longer ones
# are text, which may break across pages as any text does.
_HEAD_LINE_CHARS = 160


def _leading_heading(section: Tag) -> Tag | None:
    """The heading `section` opens with, nothing printed before it; else None."""
    for node in section.descendants:
        if isinstance(node, NavigableString):
            if node.strip():
                return None
        elif not isinstance(node, Tag):
            continue
        elif HEADING.match(node.name or ""):
            return node
        elif node.name in ("img", "svg", "figure", "table", "hr"):
            return None
    return None


def anchor_headings(soup: BeautifulSoup, main: Tag) -> None:
    """Move the ids of sections (and of the empty label spans before their heading) into the heading."""
    for section in main.find_all("section"):
        if not section.get("id") or "sources" in (section.get("class") or ()):
            continue
        heading = _leading_heading(section)
        if heading is None:
            continue
        ids = [str(section["id"])]
        del section["id"]
        for span in heading.find_previous_siblings("span"):
            if span.get("id") and not span.get_text(strip=True):
                ids.append(str(span["id"]))
                span.decompose()
        for name in reversed(ids):
            if not heading.get("id"):
                heading["id"] = name
            else:
                heading.insert(0, soup.new_tag("span", attrs={"id": name}))


def heading_of(target: Tag) -> Tag | None:
    """The heading a link to `target` lands on: the target itself, the heading holding it, or the
    heading it opens with."""
    if HEADING.match(target.name or ""):
        return target
    parent = target.find_parent(HEADING)
    if parent is not None:
        return parent
    return target.find(HEADING)


def plain_title(text: str) -> str:
    """A title as a reader compares it: case, spacing and closing punctuation ignored, nothing else
    (« Guide pratique » and « : guide pratique » differ to someone looking for a heading)."""
    text = " ".join(unicodedata.normalize("NFC", text).casefold().replace("\u2019", "'").split())
    return text.rstrip(" ?!.:;\u00a0\u202f").replace("\u00a0", " ").replace("\u202f", " ")


def keep_resource_head(soup: BeautifulSoup, title: Tag) -> None:
    """Wrap a resource's title and the short lines under it (tags, author) in one block, which
    CSS keeps whole and on the page of the text that follows."""
    lines: list[Tag] = []
    for sibling in title.find_next_siblings():
        if sibling.name != "p" or len(sibling.get_text(" ", strip=True)) > _HEAD_LINE_CHARS or len(lines) == 2:
            break
        lines.append(sibling)
    block = soup.new_tag("div", attrs={"class": "resource-head"})
    title.insert_before(block)
    block.append(title.extract())
    for line in lines:
        block.append(line.extract())
