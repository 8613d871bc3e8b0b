"""Step 9: the command line. It parses arguments, calls the library and maps outcomes to exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from notes2book.config import ConfigError, Project, load_project
from notes2book.convert import convert, convert_vault
from notes2book.diagnostics import Diagnostics, Severity
from notes2book.pdf import PartNotFound, PdfReport, build_pdf
from notes2book.site import BuildError, build_html

EXIT_OK, EXIT_VAULT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m notes2book",
                                     description="Turn an Obsidian vault into a Jupyter Book course.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="project folder holding _config.yml")
    common.add_argument("--vault", type=Path, help="the vault to convert (default: notes2book.vault, else notes/)")
    common.add_argument("--strict", action="store_true", help="treat warnings as errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("convert", parents=[common], help="write book/ and _toc.yml from the vault")
    sub.add_parser("html", parents=[common], help="build the course site in _build/html")
    pdf = sub.add_parser("pdf", parents=[common], help="build the PDF reading dossier in _build/pdf")
    pdf.add_argument("--part", help="one part only: its number, or the start of its caption")
    sub.add_parser("build", parents=[common], help="convert, then build the PDF dossier and the site")
    check = sub.add_parser("check", parents=[common], help="report problems in the vault; writes nothing")
    check.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _report(diags: Diagnostics, stream) -> None:  # noqa: ANN001 - a text stream
    for diagnostic in diags.sorted():
        print(diagnostic.format(), file=stream)
    counts = {s: diags.count(s) for s in Severity}
    if any(counts.values()):
        print(f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
              f"{counts[Severity.INFO]} note(s)", file=stream)


def _vault_outcome(diags: Diagnostics, strict: bool) -> int:
    return EXIT_VAULT if diags.has_errors(strict) else EXIT_OK


def _run(args: argparse.Namespace, project: Project, diags: Diagnostics) -> int:
    if args.command == "check":
        convert_vault(project, diags)
        if args.format == "json":
            print(diags.to_json())
        else:
            _report(diags, sys.stdout)
        return _vault_outcome(diags, args.strict)
    if args.command in ("convert", "build"):
        _, written = convert(project, diags)
        print(f"book/: {len(written.written)} file(s) written, {written.unchanged} unchanged, "
              f"{len(written.removed)} removed", file=sys.stderr)
    if args.command in ("pdf", "build"):
        # Before the site: the site's build copies the dossier next to its pages for download.
        report = PdfReport(project.pdf_file())
        output = build_pdf(project, part=getattr(args, "part", None), diags=diags, report=report)
        print(f"pdf: {output} ({report.pages} pages)")
    if args.command in ("html", "build"):
        result = build_html(project)
        print(f"site: {result.output / 'index.html'}")
    return _vault_outcome(diags, args.strict)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        project = load_project(args.root, args.vault)
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if not project.vault.is_dir() and args.command in ("convert", "build", "check"):
        print(f"error: the vault folder {project.vault} does not exist", file=sys.stderr)
        return EXIT_USAGE
    diags = Diagnostics()
    try:
        return _run(args, project, diags)
    except PartNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_VAULT
    finally:
        if args.command != "check":
            _report(diags, sys.stderr)
