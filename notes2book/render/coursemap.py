"""The course map on the home page: parts, their questions, each question's resources.

Graphviz lays it out when Sphinx builds the site (sphinx.ext.graphviz), once per build; every note
is a box that links to its page. Each part's name is a box of its own, between the home and the
part's questions, rather than a cluster's label: edges are routed around boxes, never across a
label. Nodes are named `n1`, `n2`… (never by file name: Graphviz writes the names into the
drawing, and notes2book.diagramtitles makes each box's tooltip its title).
"""

from __future__ import annotations

import posixpath

from notes2book.course import Course
from notes2book.index import Index
from notes2book.typography import french_spacing
from notes2book.words import label

_WRAP = 28


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _quote(text: str) -> str:
    return f'"{_escape(text)}"'


def _wrapped(text: str) -> str:
    """A quoted node label wrapped on words (DOT's `\\n`), so the map stays readable."""
    lines, line = [], ""
    for word in text.split(" "):  # never at a no-break space
        if line and len(line) + 1 + len(word) > _WRAP:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return '"' + "\\n".join(_escape(line) for line in lines) + '"'


def course_map(course: Course, index: Index, home_docname: str, language: str) -> str:
    """The map's section (a heading and the drawing), for the site only; "" for a course without
    chapters."""
    if not any(part.chapters for part in course.parts):
        return ""
    folder = posixpath.dirname(home_docname)
    names: dict[str, str] = {}

    def name(key: str) -> str:
        return names.setdefault(key, f"n{len(names) + 1}")

    def text(title: str) -> str:
        return french_spacing(title) if language == "fr" else title

    def node(path: str, style: str) -> str:
        url = posixpath.relpath(index.docnames[path] + ".html", folder or ".")
        title = text(index.title(path))
        return (f"  {name(path)} [label={_wrapped(title)}, URL={_quote(url)}, target=\"_top\", "
                f"tooltip={_quote(title)}, {style}];")

    heading = label(language, "course_map")
    lines = [f"digraph {_quote(heading)} {{",
             # ordering=out keeps each node's children in course order, top to bottom.
             '  graph [rankdir=LR, ordering=out, fontname="sans-serif", fontsize=11, nodesep=0.15, ranksep=0.4];',
             '  node [style="rounded,filled", fontname="sans-serif", fontsize=10, color="#4a5d7a"];',
             '  edge [color="#8a99ad", arrowsize=0.6];']
    lines.append(node(course.home, 'shape=box, fillcolor="#2b4c7e", fontcolor="white"'))
    for number, part in enumerate(course.parts):
        if not part.chapters:
            continue
        parent = name(course.home)
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append('    style="rounded"; color="#c5ced9";')
        if part.caption:
            caption = text(part.caption)
            parent = name(f"part {number}")
            lines.append(f"    {parent} [label={_wrapped(caption)}, tooltip={_quote(caption)}, shape=box, "
                         'style="rounded", color="#c5ced9", fontsize=11, fontcolor="#24324a"];')
        for chapter in part.chapters:
            lines.append("  " + node(chapter.path, 'shape=box, fillcolor="#dde7f3"'))
        lines.append("  }")
        if parent != name(course.home):
            lines.append(f"  {name(course.home)} -> {parent};")
        for chapter in part.chapters:
            lines.append(f"  {parent} -> {name(chapter.path)};")
        for chapter in part.chapters:
            for section in chapter.sections:
                lines.append(node(section, 'shape=note, fillcolor="#f6f1e4"'))
                lines.append(f"  {name(chapter.path)} -> {name(section)};")
    lines.append("}")
    body = "\n".join(lines)
    # A map for finding one's way on the site; the printed dossier has its table of contents.
    return (f"::::{{container}} course-map no-print\n:::{{rubric}} {heading}\n:heading-level: 2\n:::\n\n"
            f"```{{graphviz}}\n:align: center\n\n{body}\n```\n::::\n")
