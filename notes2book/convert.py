"""The pipeline: read all, resolve all, render all, then write."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from notes2book.checks import check_orphans, check_titles
from notes2book.config import Project
from notes2book.course import Course, build_course, find_home, toc_yaml
from notes2book.diagnostics import Diagnostic, Diagnostics
from notes2book.faults import fault_point
from notes2book.index import Index
from notes2book.linkgraph import LinkGraph, resolve_links
from notes2book.notebooks import WorkbookOptions, notebooks_for, workbook_path
from notes2book.parse import Page, parse_note
from notes2book.printsize import PrintCheck, text_width_mm
from notes2book.render.coursemap import course_map
from notes2book.render.escape import escape_inline
from notes2book.render.generated import DOSSIER_CLASS, downloads, neighbours
from notes2book.render.page import render_page
from notes2book.render.plan import plan_page
from notes2book.render.sanitize import HtmlPolicy
from notes2book.render.state import RenderState
from notes2book.render.tagpages import TAG_INDEX, render_tag_index, render_tag_page, tag_toc
from notes2book.rendercache import Fingerprint, RenderCache, Rendered, embedded_notes, note_fingerprints
from notes2book.slugs import unique
from notes2book.tags import Tag, collect_tags, tag_lookup
from notes2book.vault import NoteKind, Vault, read_vault
from notes2book.words import label
from notes2book.workbookzip import workbooks_zip, zip_path
from notes2book.write import BookFiles, Fault, WriteReport, write_book

NOTHING_WRITTEN = "book/ and _toc.yml were left as they were; check the vault folder (and `exclude`), then run again"


@dataclass
class Conversion:
    vault: Vault
    pages: list[Page]
    index: Index
    graph: LinkGraph
    course: Course
    files: BookFiles
    reused: int = 0  # pages and workbooks taken as an earlier conversion wrote them (notes2book.rendercache)


def _generated_root(course: Course, index: Index, title: str, docname: str) -> str:
    """A home page for a vault without a home note: the course's notes, part by part."""
    lines = [f"# {escape_inline(title)}", ""]
    for part in course.parts:
        if part.caption:
            lines += [f"## {escape_inline(part.caption)}", ""]
        for chapter in part.chapters:
            lines.append(f"- [{escape_inline(index.title(chapter.path))}]({index.docnames[chapter.path]}.md)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def convert_vault(project: Project, diags: Diagnostics, cache: RenderCache | None = None) -> Conversion:
    """Everything a conversion decides, without writing anything; pages and workbooks found in
    `cache` (see notes2book.rendercache) are taken from it, the others are written and added to it."""
    vault = read_vault(project.vault, project.settings, diags)
    if not vault.notes:
        diags.error("vault-empty", "", None, f"no notes (.md files) in {project.vault}", NOTHING_WRITTEN)
    parse = cache.parse if cache is not None else parse_note
    pages = [parse(note) for note in vault.notes if note.published]
    if vault.notes and not pages:
        diags.error("vault-nothing-published", "", None,
                    f"none of the {len(vault.notes)} notes in {project.vault} is published "
                    "(all are drafts, `publish: false` or drawings)", NOTHING_WRITTEN)
    index = Index(pages, [note for note in vault.notes if not note.published], vault.attachments,
                  vault.notebooks, vault.attachment_folder)
    graph = resolve_links(pages, index, diags)
    home = find_home(index, pages, project.settings.home, diags)
    course = build_course(pages, index, graph, home, project.language, diags)
    check_titles(pages, diags)
    check_orphans(pages, graph, course.home, diags)
    tags = collect_tags(pages, project.hidden_tags)

    files = BookFiles()
    problems: list[Diagnostic] = []  # found while writing pages and workbooks
    keys = _fingerprint(cache.version, project, vault, index, graph, home, tags) if cache is not None else None
    reuse = _Reuse(cache or RenderCache(None), keys, problems)
    states = _render_pages(project, vault, pages, index, graph, course, home, tags, files, problems, reuse)
    options = WorkbookOptions.from_settings(project.settings, lambda path: vault.disk_path(path).read_bytes(),
                                            project.site_url)
    workbooks = notebooks_for(states, options, reuse.file)
    files.pages.update(workbooks)
    files.pages.update(workbooks_zip(workbooks, project.language))
    diags.extend(problems)  # after the workbooks, which write with the pages' states
    for docname, tag in tags.items():
        files.pages[f"{docname}.md"] = render_tag_page(tag, tags, index, project.language).encode()
    if tags:
        files.pages[f"{TAG_INDEX}.md"] = render_tag_index(tags, project.language).encode()
    if home is not None:
        root = index.docnames[home.note.path]
    else:
        root = unique("index", set(index.docnames.values()))
        title = project.title or vault.root.name
        files.pages[f"{root}.md"] = _generated_root(course, index, title, root).encode()
    for path in sorted(graph.attachments):
        files.copies[index.asset_paths[path]] = vault.disk_path(path)
        files.origins[index.asset_paths[path]] = path
    for state in states:
        if state.page.note.kind == NoteKind.QUESTION:
            files.origins[workbook_path(state.docname)] = state.page.note.path
    files.toc = toc_yaml(course, index, root, tag_toc(tags, project.language) if tags else None).encode()
    return Conversion(vault, pages, index, graph, course, files, reuse.cache.hits)


def _downloads(project: Project, page: Page, docname: str, is_home: bool, has_questions: bool) -> str:
    language = project.language
    links = []
    if is_home:
        links.append((project.pdf_file().name, label(language, "download_pdf"), DOSSIER_CLASS))
        if has_questions:
            links.append((f"book/{zip_path(language)}", label(language, "download_workbooks"), ""))
    if page.note.kind == NoteKind.QUESTION:
        links.append((f"book/{workbook_path(docname)}", label(language, "download_workbook"), ""))
    return downloads(docname, links)


def _fingerprint(version: str, project: Project, vault: Vault, index: Index, graph: LinkGraph, home: Page | None,
                 tags: dict[str, Tag]) -> Fingerprint:
    """The keys of the files of this conversion (see notes2book.rendercache)."""
    stats: list[tuple[str, int | None, int | None]] = []
    for path in vault.attachments:
        try:
            found = vault.disk_path(path).stat()
            stats.append((path, found.st_size, found.st_mtime_ns))
        except OSError:
            stats.append((path, None, None))
    common = (version, project, vault.root, vault.strict_line_breaks, vault.attachment_folder, stats,
              sorted(index.docnames.items()), sorted(index.asset_paths.items()), sorted(index.notebooks),
              sorted(index.unpublished), sorted(index.drawings), sorted(tag_lookup(tags).items()),
              home.note.path if home is not None else None,
              any(page.note.kind == NoteKind.QUESTION for page in index.pages.values()))
    notes = note_fingerprints({path: page.note for path, page in index.pages.items()}, graph)
    return Fingerprint(hashlib.sha256(repr(common).encode()).hexdigest(), graph, notes, embedded_notes(graph))


@dataclass
class _Reuse:
    """Files taken from the cache when their key is there, else written and added to it."""

    cache: RenderCache
    keys: Fingerprint | None  # None: every file is written
    problems: list[Diagnostic]  # where writing a file reports, and where a reused file's problems go

    def file(self, path: str, role: str, write: Callable[[], bytes]) -> bytes:
        """The file `role` (a page, a workbook) of the note at `path`."""
        if self.keys is None:
            return write()
        key = self.keys.page(path, role)
        found = self.cache.get(key)
        if found is not None:
            self.problems.extend(found.problems)
            return found.content
        start = len(self.problems)
        content = write()
        self.cache.put(key, Rendered(content, tuple(self.problems[start:])))
        return content


def _render_pages(project: Project, vault: Vault, pages: list[Page], index: Index, graph: LinkGraph,
                  course: Course, home: Page | None, tags: dict[str, Tag], files: BookFiles,
                  problems: list[Diagnostic], reuse: _Reuse) -> list[RenderState]:
    """Every note's page into `files`; returns the state each was written with, which reports into
    `problems` (and goes on doing so when a workbook is written with it). The home page, whose
    course map shows the whole course, is always written."""
    html = HtmlPolicy(project.settings.trust_html, project.settings.iframe_hosts)
    tag_pages = tag_lookup(tags)
    has_questions = any(page.note.kind == NoteKind.QUESTION for page in pages)
    printing = PrintCheck(text_width_mm(project.settings.pdf_paper, project.settings.pdf_margins) / 25.4,
                          vault.disk_path)
    states = []
    for page in pages:
        docname = index.docnames[page.note.path]
        # What the page is written from: its tokens as parsed, its links as resolved, its plan, the index.
        links = graph.links(page)
        state = RenderState(page, links, plan_page(page, index, links), index, graph, docname, project.language,
                            not vault.strict_line_breaks, tag_pages, html, problems=problems, printing=printing)
        states.append(state)

        def write(page: Page = page, state: RenderState = state, docname: str = docname) -> bytes:
            lead = _downloads(project, page, docname, page is home, has_questions)
            ahead = course_map(course, index, docname, project.language) if page is home else ""
            around = neighbours(page, graph, state)
            return render_page(page, state, graph, lead, ahead, around).encode()

        files.pages[f"{docname}.md"] = write() if page is home else reuse.file(page.note.path, "page", write)
        files.origins[f"{docname}.md"] = page.note.path
    return states


def convert(project: Project, diags: Diagnostics, fault: Fault | None = None) -> tuple[Conversion, WriteReport]:
    """Convert the vault and write the book, unless the vault is gone or has nothing to publish:
    then book/ and _toc.yml are left exactly as they were (an unmounted or emptied vault must not
    wipe the course)."""
    there = project.vault.is_dir()
    cache = RenderCache.load(project.build)
    conversion = convert_vault(project, diags, cache)
    fault_point("vault-read")
    if there and not project.vault.is_dir():
        diags.error("vault-vanished", "", None, f"the vault folder {project.vault} disappeared while it was read",
                    NOTHING_WRITTEN)
    elif conversion.pages:
        fault_point("book-write")  # the vault's attachments are still to be copied
        report = write_book(project.book, project.toc, conversion.files, fault)
        diags.extend(report.problems)
        cache.save()
        return conversion, report
    return conversion, WriteReport(refused=True)
