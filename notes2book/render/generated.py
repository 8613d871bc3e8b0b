"""Parts of a page the note does not write: its source, the questions that use it, who cites it,
its neighbours."""

from __future__ import annotations

import html
import posixpath

from notes2book.linkgraph import LinkGraph
from notes2book.parse import Page
from notes2book.render.escape import escape_inline
from notes2book.render.quotes import quote
from notes2book.render.state import RenderState
from notes2book.vault import NoteKind
from notes2book.words import label


def _page_link(path: str, state: RenderState) -> str:
    page = state.index.pages[path]
    return f"[{escape_inline(page.title)}]({state.page_href(state.index.docnames[path])})"


def source_line(page: Page, state: RenderState) -> str:
    """A resource's source, under its title, where a reader looks first."""
    url = page.source_url if page.note.kind == NoteKind.RESOURCE else None
    if url is None:
        return ""
    # The printed dossier shows the source under the title already: this line is for the screen.
    text = html.escape(label(state.language, "source"))
    return f'<p class="source no-print">{text} <a class="reference external" href="{html.escape(url)}">{html.escape(url)}</a></p>\n\n'


def related_questions(page: Page, graph: LinkGraph, state: RenderState) -> str:
    if page.note.kind != NoteKind.RESOURCE:
        return ""
    # A question citing the resource in several places is listed once.
    questions = list(dict.fromkeys(c.source for c in graph.citations.get(page.note.path, [])
                                   if state.index.pages[c.source].note.kind == NoteKind.QUESTION))
    if not questions:
        return ""
    items = "\n".join(f"- {_page_link(q, state)}" for q in questions)
    return f"## {label(state.language, 'related_questions')}\n\n{items}\n"


def cited_in(page: Page, graph: LinkGraph, state: RenderState) -> str:
    """Every note that links here, with the words around the link."""
    citations = graph.citations.get(page.note.path, [])
    if page.note.kind == NoteKind.RESOURCE:
        citations = [c for c in citations if state.index.pages[c.source].note.kind != NoteKind.QUESTION]
    if not citations:
        return ""
    words = {name: label(state.language, name) for name in ("context_sep", "quote_open", "quote_close")}
    items: list[str] = []
    for citation in citations:
        words_around = quote(state.index.pages[citation.source], citation.block, citation.child, state)
        item = f"- {_page_link(citation.source, state)}"
        if words_around:
            item += f"{words['context_sep']}{words['quote_open']}{words_around}{words['quote_close']}"
        items.append(item)
    return f"## {label(state.language, 'cited_in')}\n\n" + "\n".join(items) + "\n"


def neighbours(page: Page, graph: LinkGraph, state: RenderState) -> str:
    """A small map of a question's or resource's neighbours, for the site: the notes that link to
    it, the page, the notes it links to (three columns, stacked on a phone: notes2book-ui.css).

    Links that Sphinx checks and writes, from the link graph the conversion has: no drawing
    program runs per page, and a page's map costs what its own links do. The printed dossier
    leaves it out (`no-print`): its "voir p." references and "Cité dans" lists do that work."""
    if page.note.kind not in (NoteKind.QUESTION, NoteKind.RESOURCE):
        return ""
    pages = state.index.pages
    path = page.note.path
    incoming = [p for p in dict.fromkeys(c.source for c in graph.citations.get(path, [])) if p in pages]
    outgoing = [p for p in graph.targets(path) if p in pages and p != path]
    if not incoming and not outgoing:
        return ""

    def column(kind: str, paths: list[str]) -> str:
        if not paths:
            return ""
        items = "\n".join(f"- {_page_link(p, state)}" for p in paths)
        return (f"::::{{container}} neighbours-{kind}\n:::{{rubric}} {label(state.language, f'around_{kind}')}\n"
                f":::\n\n{items}\n::::")

    here = f"::::{{container}} neighbours-here\n{escape_inline(page.title)}\n::::"
    heading = f"::::{{rubric}} {label(state.language, 'around_page')}\n:heading-level: 2\n::::"
    inside = "\n\n".join(part for part in (heading, column("in", incoming), here, column("out", outgoing)) if part)
    return f":::::{{container}} neighbours no-print\n{inside}\n:::::\n"


DOSSIER_CLASS = "dossier"  # marks the link to the PDF dossier, which the site may not have


def downloads(docname: str, links: list[tuple[str, str, str]]) -> str:
    """Download links under a page's title, for files that are not pages: (book path, text,
    class); the dossier's link has DOSSIER_CLASS.

    Raw HTML: Sphinx neither checks nor rewrites them. The Sphinx extension copies the files they
    reach into the site, and leaves out the dossier's link until the dossier is built; the printed
    dossier leaves them out (`no-print`)."""
    if not links:
        return ""
    folder = posixpath.dirname(f"book/{docname}")
    anchors = " ".join(
        f'<a class="{" ".join(filter(None, ["download", kind, "no-print"]))}" '
        f'href="{posixpath.relpath(path, folder)}" download>{text}</a>'
        for path, text, kind in links)
    return f'<p class="downloads no-print">{anchors}</p>\n\n'
