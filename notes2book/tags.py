"""Tags, from front matter and from `#tags` in the text: which notes carry each, and its page."""

from __future__ import annotations

from dataclasses import dataclass, field

from notes2book.parse import Page
from notes2book.slugs import slugify


@dataclass
class Tag:
    name: str  # as written (the first spelling in sorted order, when several differ in case)
    docname: str
    notes: set[str] = field(default_factory=set)  # vault paths of the notes tagged exactly this
    children: set[str] = field(default_factory=set)  # docnames of the tags nested under it


def tag_docname(name: str) -> str:
    # Notes' page names never start with "_": generated pages cannot collide with them.
    return "_tags/" + "/".join(slugify(part, "tag") for part in name.split("/") if part)


def page_tags(page: Page) -> list[str]:
    """The note's tags: front matter first, then those written in the text, each once."""
    found = list(page.note.tags)
    for token in page.tokens:
        for child in token.children or []:
            if child.type == "tag":
                found.append(child.meta["tag"])
    return list(dict.fromkeys(found))


def collect_tags(pages: list[Page], hidden: set[str]) -> dict[str, Tag]:
    """Every visible tag by docname; a nested tag `a/b` also makes a page for `a`."""
    tags: dict[str, Tag] = {}
    for page in pages:
        for name in page_tags(page):
            if name.casefold() in hidden:
                continue
            parts = [p for p in name.split("/") if p]
            for depth in range(1, len(parts) + 1):
                prefix = "/".join(parts[:depth])
                docname = tag_docname(prefix)
                tag = tags.setdefault(docname, Tag(prefix, docname))
                tag.name = min(tag.name, prefix)
                if depth == len(parts):
                    tag.notes.add(page.note.path)
                if depth > 1:
                    tags[tag_docname("/".join(parts[: depth - 1]))].children.add(docname)
    return dict(sorted(tags.items()))


def tag_lookup(tags: dict[str, Tag]) -> dict[str, str]:
    """Tag as written, case-folded -> its page."""
    return {tag.name.casefold(): docname for docname, tag in tags.items()}
