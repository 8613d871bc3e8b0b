"""The PDF reading dossier: a print build of the course pages (Sphinx singlehtml, bare theme),
made into a book (cover, contents with pages, page references, URL footnotes, Sources) and laid
out by WeasyPrint. `build_pdf` is the one entry point; each step's failure is a BuildError that
names the step."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from notes2book.config import Project
from notes2book.diagnostics import Diagnostics
from notes2book.pdf.diagrams import DiagramProblem, set_diagrams
from notes2book.pdf.dossier import Layout, Meta, build_dossier, created_from_epoch, last_change
from notes2book.pdf.printbuild import PrintBuildError, run_print_build
from notes2book.pdf.render import RenderError, render_pdf
from notes2book.pdf.structure import Outline, OutlineError, PartNotFound, read_outline
from notes2book.site import BuildError
from notes2book.staging import staged
from notes2book.write import recover

PDF_TIMEOUT = 10 * 60

__all__ = ["PDF_TIMEOUT", "PartNotFound", "PdfReport", "build_pdf"]


@dataclass
class PdfReport:
    """What a build saw, for the caller to show: page count, and problems as diagnostics."""

    output: Path
    pages: int = 0
    sources: int = 0
    passes: int = 0
    warnings: list[str] = field(default_factory=list)


def _logo(project: Project, work: Path) -> str:
    """The `logo` of `_config.yml`, copied into the print build: WeasyPrint reads nothing outside it."""
    path = project.root / project.logo if project.logo else None
    if path is None or not path.is_file():
        return ""
    copy = work / "_cover" / f"logo{path.suffix.lower()}"
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, copy)
    return copy.relative_to(work).as_posix()


def _note_of(project: Project, docname: str) -> str:
    """The vault note a print build document was made from (its page's front matter says), or ""."""
    import frontmatter
    import yaml

    try:
        data = frontmatter.load(project.root / f"{docname}.md").metadata
    except (OSError, ValueError, yaml.YAMLError):
        return ""
    ours = data.get("notes2book")
    source = ours.get("source") if isinstance(ours, dict) else None
    return source if isinstance(source, str) else ""


def _report_diagrams(project: Project, problems: list[DiagramProblem], diags: Diagnostics) -> None:
    for problem in problems:
        note = _note_of(project, problem.docname)
        if problem.drawn:
            diags.info("pdf-diagram-labels", note, None,
                       f"a Mermaid diagram prints without some of its labels: {problem.message}",
                       "the site shows them; flowcharts, sequence and class diagrams print whole")
        else:
            diags.warning("pdf-diagram", note, None,
                          f"a Mermaid diagram could not be drawn for the dossier: {problem.message}",
                          "the dossier prints the diagram's source instead")


def build_pdf(project: Project, part: str | None = None, timeout: int = PDF_TIMEOUT,
              diags: Diagnostics | None = None, report: PdfReport | None = None) -> Path:
    """Build the dossier (or one part's) from `book/` and `_toc.yml`; return the PDF's path.

    `timeout` bounds each subprocess (Sphinx, Chromium for the diagrams, then WeasyPrint).
    WeasyPrint's warnings (an image that cannot be read...) go to `diags` as `pdf-render` warnings
    when given, diagrams printed as their source as `pdf-diagram` warnings; `report` is filled
    with page counts for callers that print a summary.
    """
    recover(project.book)  # a `convert` interrupted mid-write is completed before book/ is read
    try:
        outline = read_outline(project.toc)
        if part:
            outline = outline.only_part(part)
    except PartNotFound:
        raise  # the caller's mistake, not a failed build: it says so as it is
    except OutlineError as exc:
        raise BuildError(f"PDF, reading the table of contents: {exc}") from exc
    output = project.pdf_file(part)
    work, doctrees = project.build / "pdf" / ".print", project.build / "pdf" / ".doctrees-print"
    partial = output.with_name(output.name + ".part")
    try:
        with staged(work.with_name(".print.unfinished"), work, doctrees):
            result, sources = _print_and_render(project, outline, part, work, doctrees, partial, timeout, diags)
            partial.replace(output)  # atomically: a reader never sees half a PDF
    finally:
        partial.unlink(missing_ok=True)
    if diags is not None:
        for warning in dict.fromkeys(result.get("warnings", [])):
            diags.warning("pdf-render", "", None, f"WeasyPrint: {warning}")
    if report is not None:
        report.output, report.pages, report.passes = output, result.get("pages", 0), result.get("passes", 0)
        report.sources, report.warnings = sources, list(result.get("warnings", []))
    return output


def _print_and_render(project: Project, outline: Outline, part: str | None, work: Path, doctrees: Path,
                      partial: Path, timeout: int, diags: Diagnostics | None) -> tuple[dict, int]:
    """The print build, the dossier's HTML, then WeasyPrint into `partial`: its report and the
    number of sources."""
    try:
        page, _ = run_print_build(project.root, work, doctrees, timeout)
    except PrintBuildError as exc:
        raise BuildError(f"PDF, print build (Sphinx singlehtml): {exc}") from exc

    settings = project.settings
    meta = Meta(
        title=project.title or project.root.name, author=project.author, language=project.language,
        subtitle=settings.pdf_subtitle, version=settings.pdf_version, licence=settings.pdf_licence,
        repository=settings.pdf_repository, logo=_logo(project, work),
        created=created_from_epoch(os.environ.get("SOURCE_DATE_EPOCH")) or last_change(project.vault),
        web=project.site_url,
    )
    layout = Layout(paper=settings.pdf_paper, margins=settings.pdf_margins, duplex=settings.pdf_duplex)
    printed = outline.docnames() if part is None else outline.docnames()[1:]
    page_html, diagram_problems = set_diagrams(page.read_text(encoding="utf-8"), work,
                                               project.build / ".cache" / "mermaid", outline.root,
                                               set(printed), timeout)
    if diags is not None:
        _report_diagrams(project, diagram_problems, diags)
    try:
        dossier = build_dossier(page_html, outline, meta, layout, whole=part is None)
    except Exception as exc:  # any failure here is a bug, reported with the step it happened at
        raise BuildError(f"PDF, assembling the dossier from {page}: {type(exc).__name__}: {exc}") from exc
    # Written at the top of the print build, where its `_images/` paths resolve; kept for inspection.
    stem = Path(partial.stem).stem  # <name> of <name>.pdf.part
    html_path, css_path = work / f"{stem}.dossier.html", work / f"{stem}.print.css"
    html_path.write_text(dossier.html, encoding="utf-8")
    css_path.write_text(dossier.css, encoding="utf-8")
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        # PDF/A-3 carries files: the learners' workbooks travel inside the archived dossier.
        workbooks = tuple(sorted((project.book / "_workbooks").rglob("*.ipynb"))) \
            if settings.pdf_variant.startswith("pdf/a-3") else ()
        return render_pdf(html_path, css_path, partial, timeout, settings.pdf_variant, workbooks), dossier.sources
    except RenderError as exc:
        raise BuildError(f"PDF, layout (WeasyPrint): {exc}") from exc
