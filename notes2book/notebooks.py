"""Step 6: each question note becomes a learner workbook (.ipynb), built with nbformat.

A workbook is the question (title, text, exercise callouts each followed by an empty answer
cell, runnable code fences as code cells), its reading list, and a closing cell for notes.
Cells are Markdown as Jupyter reads it (notes2book.render.jupyter), not MyST. A workbook is read
on the learner's machine, away from the site: links to the course are the published pages'
addresses when the site's is known (`html.baseurl`); else the text names the page to open on the
course site ("(page « … » du site du cours)"), as no relative link would lead anywhere.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal

import nbformat
from markdown_it.token import Token
from nbformat import NotebookNode, v4

from notes2book import tokenspans
from notes2book.config import Settings
from notes2book.filetypes import IMAGE_TYPES, extension
from notes2book.index import Target
from notes2book.linkgraph import PageLinks
from notes2book.parse import Page
from notes2book.render.escape import escape_inline
from notes2book.render.jupyter import WorkbookState, render_markdown, workbook_state
from notes2book.render.page import render_title
from notes2book.render.state import RenderState
from notes2book.tokenspans import Span
from notes2book.vault import NoteKind
from notes2book.words import label

WORKBOOKS = "_workbooks"  # notes' docnames never start with "_": no page can collide with it


@dataclass(frozen=True)
class Kernel:
    kernelspec: dict[str, str]
    language_info: dict[str, Any]
    fences: frozenset[str]  # info strings of the code fences this kernel runs


# No version in language_info: it would tie the bytes to the machine that built the book.
KERNELS: dict[str, Kernel] = {
    "python": Kernel(
        {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
         "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
         "pygments_lexer": "ipython3"},
        frozenset({"python", "py", "python3", "ipython", "ipython3"})),
    "r": Kernel(
        {"display_name": "R", "language": "R", "name": "ir"},
        {"codemirror_mode": "r", "file_extension": ".r", "mimetype": "text/x-r-source", "name": "R",
         "pygments_lexer": "r"},
        frozenset({"r"})),
}


@dataclass(frozen=True)
class WorkbookOptions:
    answer_callouts: frozenset[str] = frozenset({"question", "exercise"})
    kernel: str = "python"
    # An image's bytes from its vault path; images are carried inside the workbook as cell
    # attachments, since a downloaded notebook cannot reach the site's copies.
    read_attachment: Callable[[str], bytes] | None = field(default=None, compare=False)
    # The published site's address (`html.baseurl`): links then work from the learner's machine.
    site_url: str = ""

    @classmethod
    def from_settings(cls, settings: Settings, read_attachment: Callable[[str], bytes] | None = None,
                      site_url: str = "") -> WorkbookOptions:
        return cls(frozenset(t.casefold() for t in settings.answer_callouts), settings.notebook_language,
                   read_attachment, site_url)


def workbook_path(docname: str) -> str:
    """Where a question's workbook sits in the book (and in the built site, under the book's folder)."""
    return f"{WORKBOOKS}/{docname}.ipynb"


# -- the note's blocks ---------------------------------------------------------------------

def _items(tokens: list[Token], span: Span) -> list[Span]:
    return list(tokenspans.spans(tokens, span[0] + 1, span[1] - 1))


def _first_link(tokens: Iterable[Token]) -> Token | None:
    for token in tokens:
        for child in token.children or [] if token.type == "inline" else []:
            if child.type == "link_open" or (child.type == "wikilink" and not child.meta["link"].embed):
                return child
    return None


def _note_target(link: Token | None, links: PageLinks) -> Target | None:
    resolution = links.resolution(link)
    target = resolution.target if resolution else None
    return target if target is not None and target.kind == "note" else None


def _reading_list(page: Page, links: PageLinks, index_pages: Mapping[str, Page], spans: list[Span]) -> Span | None:
    """The list of readings: the first top-level list linking a resource note, else the first
    whose every item holds a link."""
    tokens = page.tokens
    lists = [s for s in spans if tokens[s[0]].type in ("bullet_list_open", "ordered_list_open")]
    for span in lists:
        targets = [_note_target(_first_link(tokens[a:b]), links) for a, b in _items(tokens, span)]
        if any(t is not None and index_pages[t.path].note.kind == NoteKind.RESOURCE for t in targets):
            return span
    for span in lists:
        if all(_first_link(tokens[a:b]) is not None for a, b in _items(tokens, span)):
            return span
    return None


def _fence_language(token: Token) -> str:
    words = token.info.strip().strip("{}").split()
    return words[0].casefold() if words else ""


# -- cells ---------------------------------------------------------------------------------

class CellRole(StrEnum):
    """What a workbook cell is for, kept in its metadata (`notes2book.role`)."""

    TITLE = "title"  # the question's title and a link to its page
    QUESTION = "question"  # the question's prose
    EXERCISE = "exercise"  # an exercise callout
    ANSWER = "answer"  # the empty cell under an exercise, for the learner's answer
    CODE = "code"  # a code block in the course's kernel language
    READING = "reading"  # the reading list, each resource with its source
    NOTES = "notes"  # the learner's notes, at the end


@dataclass(frozen=True)
class Cell:
    kind: Literal["markdown", "code"]
    role: CellRole
    source: str
    attachments: dict[str, dict[str, str]] = field(default_factory=dict)


class _Writer:
    """Renders runs of a page's tokens into cells, each with the images it shows."""

    def __init__(self, page: Page, state: WorkbookState, options: WorkbookOptions) -> None:
        self.page, self.state, self.options = page, state, options
        self.language = state.language

    def markdown(self, role: CellRole, tokens: list[Token]) -> Cell | None:
        state = replace(self.state, images={})
        text = render_markdown(tokens, state, self.page.env)
        return Cell("markdown", role, text, self._attachments(state.images)) if text.strip() else None

    def _attachments(self, images: Mapping[str, str]) -> dict[str, dict[str, str]]:
        read = self.options.read_attachment
        if read is None:
            return {}
        return {name: {IMAGE_TYPES[extension(path)]: base64.b64encode(read(path)).decode("ascii")}
                for name, path in sorted(images.items())}

    def answer(self) -> Cell:
        return Cell("markdown", CellRole.ANSWER, f"*{label(self.language, 'workbook_answer')}*")

    def body(self, spans: list[Span], keep_prose: bool) -> list[Cell]:
        """The blocks of `spans` as cells: prose runs, exercises with their answer cell, code.
        Without `keep_prose`, only the exercises and the code are kept."""
        tokens, fences = self.page.tokens, KERNELS[self.options.kernel].fences
        cells: list[Cell] = []
        run: list[Token] = []

        def flush() -> None:
            cell = self.markdown(CellRole.QUESTION, run) if keep_prose and run else None
            cells.extend([cell] if cell else [])
            run.clear()

        for start, end in spans:
            first = tokens[start]
            if first.type == "callout_open" and first.meta["type"] in self.options.answer_callouts:
                flush()
                cells.extend(c for c in (self.markdown(CellRole.EXERCISE, tokens[start:end]), self.answer()) if c)
            elif first.type == "fence" and _fence_language(first) in fences:
                flush()
                cells.append(Cell("code", CellRole.CODE, first.content.rstrip("\n")))
            else:
                run.extend(tokens[start:end])
        flush()
        return cells

    def title(self) -> Cell:
        state = self.state
        title = render_title(self.page, state)
        if state.site_url:
            where = f"[{label(self.language, 'workbook_course_page')}]({state.page_href(state.site_docname)})"
        else:
            where = f"*{label(self.language, 'workbook_course_page_offline').format(title=title)}*"
        return Cell("markdown", CellRole.TITLE, f"# {title}\n\n{where}")

    def reading(self, span: Span | None) -> Cell | None:
        """The reading list, each resource followed by its source's address."""
        state = replace(self.state, images={})
        items = self._listed(span, state) if span is not None else self._linked()
        if not items:
            return None
        lines = [self._with_source(text, target) for text, target in items]
        heading = f"## {label(self.language, 'workbook_reading')}"
        return Cell("markdown", CellRole.READING, "\n".join([heading, "", *lines]), self._attachments(state.images))

    def _listed(self, span: Span, state: WorkbookState) -> list[tuple[str, Target | None]]:
        """Each item of the note's list, written alone so that its source can follow it."""
        tokens = self.page.tokens
        opening = tokens[span[0]]
        closing = tokens[span[1] - 1]
        start = int(opening.attrGet("start") or 1)
        items = []
        for n, (a, b) in enumerate(_items(tokens, span)):
            numbered = opening.copy(attrs={**opening.attrs, "start": start + n}) \
                if opening.type == "ordered_list_open" else opening
            text = render_markdown([numbered, *tokens[a:b], closing], state, self.page.env)
            items.append((text, _note_target(_first_link(tokens[a:b]), state.links)))
        return items

    def _linked(self) -> list[tuple[str, Target | None]]:
        """Without a reading list, the resource notes the question links to, in order."""
        pages = self.state.index.pages
        targets: dict[str, Target] = {}
        for token in self.page.tokens:
            for child in token.children or [] if token.type == "inline" else []:
                target = _note_target(child, self.state.links) if child.type in ("wikilink", "link_open") else None
                if target is not None and pages[target.path].note.kind == NoteKind.RESOURCE:
                    targets.setdefault(target.path, Target("note", target.path))
        items: list[tuple[str, Target | None]] = []
        for target in targets.values():
            text = escape_inline(pages[target.path].title)
            items.append((f"- {self.state.offline(target, text) or f'[{text}]({self.state.href(target)})'}", target))
        return items

    def _with_source(self, text: str, target: Target | None) -> str:
        url = self.state.index.pages[target.path].source_url if target is not None else None
        # The site's link renderer already follows a whole resource with its source.
        if url is None or url in text:
            return text
        first, newline, rest = text.partition("\n")
        suffix = f" [{escape_inline(label(self.language, 'source_link'))}]({url})"
        # A line ending in a backslash is a hard break: the link goes before it.
        first = first[:-1] + suffix + "\\" if first.endswith("\\") else first + suffix
        return first + newline + rest


# -- the notebook --------------------------------------------------------------------------

def _cell_id(source: str, position: int) -> str:
    # nbformat 4.5 requires ids; its random ones would change the bytes at every build.
    return hashlib.sha256(f"{source}\0{position}".encode()).hexdigest()[:16]


def _node(cell: Cell, cell_id: str) -> NotebookNode:
    metadata = {"notes2book": {"role": str(cell.role)}}
    if cell.kind == "code":
        return v4.new_code_cell(cell.source, id=cell_id, metadata=metadata)
    extra = {"attachments": cell.attachments} if cell.attachments else {}
    return v4.new_markdown_cell(cell.source, id=cell_id, metadata=metadata, **extra)


def workbook_cells(page: Page, state: RenderState, options: WorkbookOptions = WorkbookOptions()) -> list[Cell]:
    docname = workbook_path(state.docname)[: -len(".ipynb")]
    writer = _Writer(page, workbook_state(state, docname, options.read_attachment, options.site_url), options)
    title = page.title_heading.token_index if page.title_heading else -1
    spans = [s for s in tokenspans.spans(page.tokens) if s[0] != title]
    reading = _reading_list(page, state.links, state.index.pages, spans)
    before = [s for s in spans if reading is None or s[0] < reading[0]]
    after = [s for s in spans if reading is not None and s[0] > reading[0]]
    notes = f"## {label(state.language, 'workbook_notes')}\n\n*{label(state.language, 'workbook_notes_placeholder')}*"
    cells = [writer.title(), *writer.body(before, keep_prose=True), writer.reading(reading),
             *writer.body(after, keep_prose=False), Cell("markdown", CellRole.NOTES, notes)]
    return [cell for cell in cells if cell is not None]


def workbook(page: Page, state: RenderState, options: WorkbookOptions = WorkbookOptions()) -> NotebookNode:
    """The learner workbook of a question note, never executed."""
    kernel = KERNELS[options.kernel]
    cells = workbook_cells(page, state, options)
    metadata = {"kernelspec": kernel.kernelspec, "language_info": kernel.language_info,
                "notes2book": {"source": page.note.path}}
    notebook = v4.new_notebook(metadata=metadata)
    notebook.cells = [_node(cell, _cell_id(page.note.path, n)) for n, cell in enumerate(cells)]
    return notebook


def notebook_bytes(notebook: NotebookNode) -> bytes:
    # nbformat.write ends files with a newline; writes does not.
    return (nbformat.writes(notebook) + "\n").encode()


# Gives the file `role` of the note at a path, by calling the function that writes it or otherwise
# (notes2book.convert takes unchanged files from its cache).
Reuse = Callable[[str, str, Callable[[], bytes]], bytes]


def notebooks_for(states: Iterable[RenderState], options: WorkbookOptions = WorkbookOptions(),
                  reuse: Reuse | None = None) -> dict[str, bytes]:
    """Book-relative path -> bytes: a workbook for each question page (their archive: workbookzip.py)."""
    files: dict[str, bytes] = {}
    for state in states:
        if state.page.note.kind == NoteKind.QUESTION:
            def write(state: RenderState = state) -> bytes:
                return notebook_bytes(workbook(state.page, state, options))

            files[workbook_path(state.docname)] = write() if reuse is None else reuse(state.page.note.path,
                                                                                      "workbook", write)
    return files
