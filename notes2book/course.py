"""Step 5: the course's order, read off the home note, as a Jupyter Book `_toc.yml`."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from notes2book.config import DEFAULT_HOME, ConfigError, did_you_mean
from notes2book.diagnostics import Diagnostics
from notes2book.index import Index
from notes2book.linkgraph import LinkGraph, PageLinks
from notes2book.links import Link
from notes2book.parse import Page, plain_text
from notes2book.vault import NoteKind
from notes2book.words import label


@dataclass
class Chapter:
    path: str
    sections: list[str] = field(default_factory=list)


@dataclass
class Part:
    caption: str | None
    chapters: list[Chapter] = field(default_factory=list)


@dataclass
class Course:
    home: str  # vault path of the home note
    parts: list[Part]


def find_home(index: Index, pages: list[Page], home: str, diags: Diagnostics) -> Page | None:
    """The note `home` names (the `home` setting, "" when not set); None when the vault has no
    DEFAULT_HOME and `home` was not set. A `home` set in _config.yml that names no note is a
    ConfigError: a typo must not silently give the course another shape."""
    name = home or DEFAULT_HOME
    resolution = index.resolve(Link(name), "")
    target = resolution.target
    if target is not None and target.kind == "note" and target.path in index.pages:
        return index.pages[target.path]
    # A vault with nothing to publish is the vault's error, reported as such, not the setting's.
    explicit = bool(home) and bool(index.pages)
    if explicit and target is not None and target.kind == "unpublished":
        raise ConfigError([f"notes2book.home: the note {target.path!r} is not published "
                           "(publish: false or draft: true in its front matter)"])
    if explicit:
        raise ConfigError([f"notes2book.home: no note named {home!r} in the vault"
                           f"{did_you_mean(index.similar_notes(home))}"])
    diags.warning("home-missing", "", None, f"no home note named '{name}' in the vault",
                  f"name a note '{DEFAULT_HOME}', or set notes2book.home in the project's _config.yml "
                  "(`notes2book new` writes one); a generated page lists the notes instead")
    return None


def _home_outline(home: Page, links: PageLinks) -> list[tuple[str | None, list[str]]]:
    """The home note's parts: each top heading's text, and the notes linked under it, in order."""
    levels = [h.level for h in home.headings if h is not home.title_heading]
    part_level = min(levels, default=0)
    title_index = home.title_heading.token_index if home.title_heading else -1
    parts: list[tuple[str | None, list[str]]] = [(None, [])]
    for index, token in enumerate(home.tokens):
        if token.type == "heading_open" and index != title_index and int(token.tag[1]) == part_level:
            parts.append((plain_text(home.tokens[index + 1]), []))
        elif token.type == "inline" and token.children:
            for child in token.children:
                resolution = links.resolution(child)
                target = resolution.target if resolution else None
                link = links.link(child)
                if target is not None and target.kind == "note" and link is not None and not link.embed:
                    parts[-1][1].append(target.path)
    return [(caption, links) for caption, links in parts if links]


def build_course(pages: list[Page], index: Index, graph: LinkGraph, home: Page | None,
                 language: str, diags: Diagnostics) -> Course:
    placed: set[str] = set()
    kinds = {page.note.path: page.note.kind for page in pages}
    kinds.update({path: NoteKind.NOTEBOOK for targets in graph.outgoing.values() for path in targets
                  if path in index.notebooks})

    def chapter(path: str) -> Chapter:
        placed.add(path)
        sections = []
        if kinds[path] == NoteKind.QUESTION:
            for target in graph.targets(path):
                if target not in placed and kinds.get(target) in (NoteKind.RESOURCE, NoteKind.NOTEBOOK):
                    placed.add(target)
                    sections.append(target)
        return Chapter(path, sections)

    parts: list[Part] = []
    home_path = home.note.path if home else ""
    placed.add(home_path)
    if home is not None:
        for caption, links in _home_outline(home, graph.links(home)):
            part = Part(caption)
            for path in links:
                if path not in placed and path in kinds:
                    part.chapters.append(chapter(path))
            if part.chapters:
                parts.append(part)
    order = {NoteKind.QUESTION: 0, NoteKind.RESOURCE: 1, NoteKind.OTHER: 2, NoteKind.NOTEBOOK: 3}
    leftovers = sorted((path for path in kinds if path not in placed),
                       key=lambda path: (order[kinds[path]], index.title(path).casefold(), path))
    others = Part(label(language, "other_notes"))
    for path in leftovers:
        if path in placed:
            continue
        others.chapters.append(chapter(path))
        if home is None:
            continue  # the missing home note is the one thing to report
        diags.info("not-in-course", path, None,
                   "the home note does not lead to this note; it is listed under "
                   f"'{others.caption}'", "link it from the home note or from a question")
    if others.chapters:
        parts.append(others)
    return Course(home_path, parts)


def toc_yaml(course: Course, index: Index, root_docname: str, extra_part: dict | None = None) -> str:
    def entry(path: str) -> str:
        return f"book/{index.docnames[path]}"

    parts = []
    for part in course.parts:
        chapters = []
        for chapter in part.chapters:
            item: dict = {"file": entry(chapter.path)}
            if chapter.sections:
                item["sections"] = [{"file": entry(s)} for s in chapter.sections]
            chapters.append(item)
        data: dict = {"caption": part.caption} if part.caption else {}
        data["chapters"] = chapters
        parts.append(data)
    if extra_part:
        parts.append(extra_part)
    toc: dict = {"format": "jb-book", "root": f"book/{root_docname}"}
    if parts:
        toc["parts"] = parts
    header = "# Generated by notes2book from the vault's home note: edit the home note, not this file.\n"
    return header + yaml.safe_dump(toc, allow_unicode=True, sort_keys=False, width=1000)
