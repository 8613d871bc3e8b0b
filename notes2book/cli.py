"""Step 9: the command line. It parses arguments, calls the library and maps outcomes to exit codes."""

from __future__ import annotations

import argparse
import errno
import functools
import math
import os
import signal
import sys
import traceback
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from types import FrameType

from notes2book import serve
from notes2book.build import ALL_STEPS, BuildOutcome, Step, run_build
from notes2book.config import ConfigError, Project
from notes2book.convert import convert_vault
from notes2book.defaults import LANGUAGES, load_any, write_config
from notes2book.diagnostics import Diagnostics, Severity
from notes2book.errors import OutputError
from notes2book.lock import DEFAULT_WAIT, Holder, ProjectBusy, ProjectLock
from notes2book.pdf import PartNotFound
from notes2book.progress import Steps
from notes2book.scaffold import new_project
from notes2book.site import BuildError
from notes2book.sourcecheck import DEFAULT_TIMEOUT, check_sources

EXIT_OK, EXIT_VAULT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
DEBUG_VARIABLE = "NOTES2BOOK_DEBUG"  # =1: failures also print their traceback
_READ_ONLY = {"check"}  # commands that write nothing, and so take no lock


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not value >= 0:  # refuses negative numbers, and what is not a number (nan)
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    installed = Path(sys.argv[0]).name == "notes2book"  # the console command of `pip install`
    parser = argparse.ArgumentParser(prog="notes2book" if installed else "python -m notes2book",
                                     description="Turn an Obsidian vault into a Jupyter Book course.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="project folder holding _config.yml")
    common.add_argument("--vault", type=Path, help="the vault to convert (default: notes2book.vault, else notes/)")
    common.add_argument("--out", type=Path, help="with --vault and no _config.yml: the output folder (default _build)")
    common.add_argument("--language", choices=LANGUAGES,
                        help="with --vault and no _config.yml: the site's language (default: the notes')")
    strictness = argparse.ArgumentParser(add_help=False)  # not for serve: a preview fails on nothing
    strictness.add_argument("--strict", action="store_true", help="treat warnings as errors")
    writing = argparse.ArgumentParser(add_help=False)
    writing.add_argument("--wait", type=_seconds, default=DEFAULT_WAIT, metavar="SECONDS",
                         help=f"how long to wait for another run on this project (default {DEFAULT_WAIT:g})")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("convert", parents=[common, strictness, writing], help="write book/ and _toc.yml from the vault")
    sub.add_parser("html", parents=[common, strictness, writing], help="build the course site in _build/html")
    pdf = sub.add_parser("pdf", parents=[common, strictness, writing], help="build the PDF reading dossier in _build/pdf")
    pdf.add_argument("--part", help="one part only: its number, or the start of its caption")
    sub.add_parser("build", parents=[common, strictness, writing], help="convert, then build the PDF dossier and the site")
    serve.add_parser(sub, [common, writing])
    check = sub.add_parser("check", parents=[common, strictness], help="report problems in the vault; writes nothing")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--sources", action="store_true",
                       help="also check every web address the notes cite (uses the network)")
    check.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help=f"with --sources: time limit of one request (default {DEFAULT_TIMEOUT:g})")
    new = sub.add_parser("new", help="write a new course project in DIR, ready to build and publish")
    new.add_argument("dir", type=Path, metavar="DIR")
    new.add_argument("--vault", type=Path, help="the vault the project publishes (default: a starter vault in notes/)")
    new.add_argument("--language", choices=LANGUAGES, help="the site's language (default: the notes')")
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


_STEPS = {"convert": (Step.CONVERT,), "pdf": (Step.PDF,), "html": (Step.HTML,), "build": ALL_STEPS}
_TIMED = {Step.CONVERT: "convert", Step.PDF: "dossier", Step.HTML: "site"}  # as the summary names them


def _starting(step: Step, outcome: BuildOutcome) -> None:
    """Before a step of minutes, what it is doing."""
    if step is Step.PDF:
        print("dossier: building with WeasyPrint…", file=sys.stderr, flush=True)
    elif step is Step.HTML:
        print("site: building with Jupyter Book…", file=sys.stderr, flush=True)


def _ended(steps: Steps, step: Step, outcome: BuildOutcome) -> None:
    """What a step made, as soon as it ends; its time, for the summary."""
    seconds = outcome.seconds[step]
    steps.done.append((_TIMED[step], seconds))
    if step is Step.CONVERT and outcome.written is not None and not outcome.refused:
        written = outcome.written
        print(f"book/: {len(written.written)} file(s) written, {written.unchanged} unchanged, "
              f"{len(written.removed)} removed ({outcome.pages} pages, {seconds:.1f} s)", file=sys.stderr)
    elif step is Step.PDF and outcome.dossier is not None:
        print(f"pdf: {outcome.dossier.output} ({outcome.dossier.pages} pages)")
    elif step is Step.HTML and outcome.site is not None:
        print(f"site: {outcome.site.output / 'index.html'}")


def _run(args: argparse.Namespace, project: Project, diags: Diagnostics, steps: Steps) -> int:
    if args.command == "check":
        conversion = convert_vault(project, diags)
        if args.sources:
            checked = check_sources(conversion.pages, conversion.vault, diags, args.timeout)
            print(f"sources: {checked} web address(es) checked", file=sys.stderr)
        if args.format == "json":
            print(diags.to_json())
        else:
            _report(diags, sys.stdout)
        return _vault_outcome(diags, args.strict)
    if args.command == "serve":
        load = functools.partial(load_any, args.root, args.vault, args.out, args.language)
        return serve.serve(project, load, args.root / "_config.yml", _report, port=args.port, pdf=args.pdf)
    outcome = run_build(project, _STEPS[args.command], diags, part=getattr(args, "part", None),
                        on_start=_starting, on_end=functools.partial(_ended, steps))
    if outcome.refused:
        print("book/: left as it was (see the errors below)", file=sys.stderr)
        return _vault_outcome(diags, args.strict)
    if len(steps.done) > 1 or args.command != "convert":
        dossier_pages = outcome.dossier.pages if outcome.dossier is not None else None
        steps.closing = steps.summary(outcome.pages, diags.count(Severity.WARNING), dossier_pages)
    return _vault_outcome(diags, args.strict)


def _lock(args: argparse.Namespace, project: Project) -> AbstractContextManager[object]:
    """The project's lock for a command that writes; `check` writes nothing and takes none."""
    if args.command in _READ_ONLY:
        return nullcontext()
    if project.config_text:
        project.root.mkdir(parents=True, exist_ok=True)  # the generated project's folder, in the outputs'

    def waiting(holder: Holder) -> None:
        print(f"waiting for {holder.describe()} to finish…", file=sys.stderr, flush=True)

    return ProjectLock(project.root, args.command, wait=args.wait, on_wait=waiting)


def _new(args: argparse.Namespace) -> int:
    written = new_project(args.dir, args.vault, args.language)
    print(f"{args.dir}: a course project ({len(written)} files); build it with: cd {args.dir} && make book")
    return EXIT_OK


def _execute(args: argparse.Namespace) -> int:
    if args.command == "new":
        return _new(args)
    project = load_any(args.root, args.vault, args.out, args.language)
    if not project.vault.is_dir() and args.command in ("convert", "build", "check", "serve"):
        print(f"error: the vault folder {project.vault} does not exist", file=sys.stderr)
        return EXIT_USAGE
    diags = Diagnostics()
    report = args.command not in _READ_ONLY  # `check` prints its own report
    steps = Steps()
    try:
        with _lock(args, project):
            if args.command not in _READ_ONLY:
                write_config(project)  # a vault without _config.yml: the settings its build uses
            return _run(args, project, diags, steps)
    except (KeyboardInterrupt, ConfigError):
        report = False  # one line, or the settings to fix first: not the diagnostics gathered so far
        raise
    finally:
        if report:
            _report(diags, sys.stderr)
        if steps.closing:
            print(steps.closing, file=sys.stderr)  # last: what the run made, and how long it took


def _fail(message: str, code: int, hint: str = "") -> int:
    print(f"error: {message}", file=sys.stderr)
    if hint:
        print(f"    hint: {hint}", file=sys.stderr)
    if os.environ.get(DEBUG_VARIABLE) == "1":
        traceback.print_exc()
    return code


# What to do about an operating system error, by errno; the message itself names the path.
_OS_HINTS = {
    errno.ENOSPC: "the disk is full: free some space, then run again",
    errno.EFBIG: "the file system refused a file this large (a size limit, a full disk?)",
    errno.EDQUOT: "the disk quota is reached: free some space, then run again",
    errno.EACCES: "check the permissions of this path",
    errno.EPERM: "check the permissions of this path",
    errno.EROFS: "this path is on a read-only file system",
    errno.EEXIST: "a file stands where a folder is needed, or the reverse: move it away",
    errno.ENOTDIR: "a file stands where a folder is needed: move it away",
    errno.EISDIR: "a folder stands where a file is needed: move it away",
    errno.ENOENT: "it disappeared during the run (a drive unmounted, a sync client?): run again",
}


def _os_failure(exc: OSError) -> int:
    paths = " -> ".join(str(p) for p in (exc.filename, exc.filename2) if p is not None)
    reason = exc.strerror or str(exc)
    return _fail(f"{paths}: {reason}" if paths else reason, EXIT_USAGE, _OS_HINTS.get(exc.errno or 0, ""))


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # a SIGTERM ends the run as Ctrl-C does: cleaned up, exit 130


def main(argv: list[str] | None = None) -> int:
    """Run one command; every outcome is an exit code and a message, never a traceback (unless
    NOTES2BOOK_DEBUG=1 asks for it)."""
    args = _parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _execute(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except ProjectBusy as exc:
        return _fail(str(exc), EXIT_USAGE, "wait for it to finish, or give --wait SECONDS to wait longer")
    except OutputError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except PartNotFound as exc:  # a usage error, not a failed build
        return _fail(str(exc), EXIT_USAGE)
    except BuildError as exc:
        return _fail(str(exc), EXIT_VAULT)
    except OSError as exc:
        return _os_failure(exc)
    except Exception as exc:  # noqa: BLE001 - the last resort that keeps tracebacks from users
        return _fail(f"notes2book failed unexpectedly (a bug): {type(exc).__name__}: {exc}", EXIT_VAULT,
                     f"please report it with the command you ran; {DEBUG_VARIABLE}=1 shows the traceback")
    finally:
        signal.signal(signal.SIGTERM, previous)
