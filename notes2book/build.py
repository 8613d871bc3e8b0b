"""Steps 1 to 8 in their order: convert the vault (1-7), then build the dossier and the site (8).

`run_build` is what `convert`, `pdf`, `html` and `build` run, what each `serve` rebuild runs, and
what the tests run: one sequence, so that they cannot drift apart. The dossier comes before the
site, whose build copies it next to the pages for download; a book left as it was (an emptied or
vanished vault) gets neither. It prints nothing: what happened is the value it returns, the
problems are in `diags`, and a failed step raises its own error (BuildError, PartNotFound,
OutputError, OSError...) for the caller to word.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from notes2book.config import Project
from notes2book.convert import Conversion, convert
from notes2book.diagnostics import Diagnostics
from notes2book.pdf import PdfReport, build_pdf
from notes2book.site import BuildResult, build_html
from notes2book.write import WriteReport


class Step(StrEnum):
    """A step of a build, named as the command that runs it alone; they run in this order."""

    CONVERT = "convert"
    PDF = "pdf"
    HTML = "html"


ALL_STEPS = (Step.CONVERT, Step.PDF, Step.HTML)


@dataclass
class BuildOutcome:
    """What a build made: each field is None when its step did not run."""

    diags: Diagnostics
    conversion: Conversion | None = None
    written: WriteReport | None = None  # what `convert` wrote, kept and removed in book/
    dossier: PdfReport | None = None  # the PDF's path and page count
    site: BuildResult | None = None  # the published site's folder and Jupyter Book's log
    seconds: dict[Step, float] = field(default_factory=dict)  # each step that ended, in the order run

    @property
    def refused(self) -> bool:
        """Whether book/ was left as it was (the vault gone or with nothing to publish): then no
        later step ran."""
        return self.written is not None and self.written.refused

    @property
    def pages(self) -> int | None:
        """The number of pages converted, when `convert` ran."""
        return None if self.conversion is None else len(self.conversion.pages)


Listener = Callable[[Step, BuildOutcome], None]


def run_build(project: Project, steps: Iterable[Step | str] = ALL_STEPS, diags: Diagnostics | None = None, *,
              part: str | None = None, in_process: bool = False, on_start: Listener | None = None,
              on_end: Listener | None = None) -> BuildOutcome:
    """Run `steps` (any of convert, pdf, html) on the project in the pipeline's order.

    `part` limits the dossier to one part; `in_process` runs Sphinx in this process (see
    `build_html`). `on_start` and `on_end` are called around each step with the outcome so far,
    so that a command line can say what a long step is doing while it does it."""
    wanted = {Step(step) for step in steps}  # an unknown step is a ValueError, before anything runs
    outcome = BuildOutcome(diags if diags is not None else Diagnostics())
    for step in ALL_STEPS:
        if step not in wanted:
            continue
        if on_start is not None:
            on_start(step, outcome)
        start = time.monotonic()
        if step is Step.CONVERT:
            outcome.conversion, outcome.written = convert(project, outcome.diags)
        elif step is Step.PDF:
            outcome.dossier = PdfReport(project.pdf_file(part))
            build_pdf(project, part=part, diags=outcome.diags, report=outcome.dossier)
        else:
            outcome.site = build_html(project, in_process=in_process)
        outcome.seconds[step] = time.monotonic() - start
        if on_end is not None:
            on_end(step, outcome)
        if outcome.refused:
            break  # no dossier or site from a book kept aside
    return outcome

