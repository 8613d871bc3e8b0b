"""Generated pages: one per tag, listing its notes and nested tags, and an index of tags."""

from __future__ import annotations

import posixpath

from notes2book.index import Index
from notes2book.render.escape import escape_inline
from notes2book.tags import Tag
from notes2book.words import label

TAG_INDEX = "_tags/index"


def _link(text: str, from_doc: str, to_doc: str) -> str:
    return f"[{escape_inline(text)}]({posixpath.relpath(to_doc + '.md', posixpath.dirname(from_doc))})"


def render_tag_page(tag: Tag, tags: dict[str, Tag], index: Index, language: str) -> str:
    lines = [f"# {escape_inline('#' + tag.name)}", ""]
    if tag.children:
        lines += [f"**{escape_inline(label(language, 'nested_tags'))}**", ""]
        lines += [f"- {_link('#' + tags[c].name, tag.docname, c)}" for c in sorted(tag.children)]
        lines.append("")
    notes = sorted(tag.notes, key=lambda p: (index.pages[p].title.casefold(), p))
    lines += [f"- {_link(index.pages[p].title, tag.docname, index.docnames[p])}" for p in notes]
    return "\n".join(lines).rstrip() + "\n"


def notes_under(docname: str, tags: dict[str, Tag]) -> set[str]:
    """The notes tagged with this tag or with a tag nested under it."""
    tag = tags[docname]
    return tag.notes.union(*(notes_under(child, tags) for child in tag.children))


def render_tag_index(tags: dict[str, Tag], language: str) -> str:
    lines = [f"# {escape_inline(label(language, 'tags'))}", ""]
    for docname, tag in tags.items():
        depth = tag.name.count("/")
        count = len(notes_under(docname, tags))
        lines.append(f"{'  ' * depth}- {_link('#' + tag.name, TAG_INDEX, docname)} ({count})")
    return "\n".join(lines) + "\n"


def tag_toc(tags: dict[str, Tag], language: str) -> dict:
    """The part of `_toc.yml` that holds the tag pages, nested as the tags are."""
    def entry(docname: str) -> dict:
        item: dict = {"file": f"book/{docname}"}
        children = sorted(tags[docname].children)
        if children:
            item["sections"] = [entry(c) for c in children]
        return item

    top = [d for d, t in tags.items() if "/" not in t.name]
    chapter: dict = {"file": f"book/{TAG_INDEX}"}
    if top:
        chapter["sections"] = [entry(d) for d in top]
    return {"caption": label(language, "tags"), "chapters": [chapter]}
