"""The course map on the home page: parts, their questions, each question's resources.

Graphviz lays it out when Sphinx builds the site (sphinx.ext.graphviz); every node links to its page.
"""

from __future__ import annotations

import posixpath

from notes2book.course import Course
from notes2book.index import Index
from notes2book.labels import label
from notes2book.typography import french_spacing

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
    if not any(part.chapters for part in course.parts):
        return ""
    folder = posixpath.dirname(home_docname)

    def node(path: str, style: str) -> str:
        url = posixpath.relpath(index.docnames[path] + ".html", folder or ".")
        title = index.title(path)
        if language == "fr":
            title = french_spacing(title)
        return (f'  {_quote(path)} [label={_wrapped(title)}, URL={_quote(url)}, target="_top", '
                f'tooltip={_quote(title)}, {style}];')

    lines = ["digraph parcours {",
             # ordering=out keeps each node's children in course order, top to bottom.
             '  graph [rankdir=LR, ordering=out, fontname="sans-serif", fontsize=11, nodesep=0.15, ranksep=0.4];',
             '  node [style="rounded,filled", fontname="sans-serif", fontsize=10, color="#4a5d7a"];',
             '  edge [color="#8a99ad", arrowsize=0.6];']
    lines.append(node(course.home, 'shape=box, fillcolor="#2b4c7e", fontcolor="white"'))
    for number, part in enumerate(course.parts):
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f'    label={_quote(part.caption or "")}; style="rounded"; color="#c5ced9";')
        for chapter in part.chapters:
            lines.append("  " + node(chapter.path, 'shape=box, fillcolor="#dde7f3"'))
        lines.append("  }")
        for chapter in part.chapters:
            lines.append(f"  {_quote(course.home)} -> {_quote(chapter.path)};")
        for chapter in part.chapters:
            for section in chapter.sections:
                lines.append(node(section, 'shape=note, fillcolor="#f6f1e4"'))
                lines.append(f"  {_quote(chapter.path)} -> {_quote(section)};")
    lines.append("}")
    body = "\n".join(lines)
    # A map for finding one's way on the site; the printed dossier has its table of contents.
    return (f"::::{{container}} course-map no-print\n:::{{rubric}} {label(language, 'course_map')}\n:::\n\n"
            f"```{{graphviz}}\n:align: center\n\n{body}\n```\n::::\n")
