"""What a long run says while it works: a line as each step ends, with its time, and a summary.

Lines go to stderr, so that what a command prints on stdout (a JSON report, the outputs' paths)
stays as it is; one line per step rather than a bar, so that CI logs read as a terminal does.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Steps:
    """Each finished step's name and seconds, in order (as a build's outcome times them)."""

    done: list[tuple[str, float]] = field(default_factory=list)
    closing: str = ""  # the summary, once the run has made all it had to

    def summary(self, pages: int | None, warnings: int, dossier_pages: int | None) -> str:
        """`done: 15 pages, 2 warnings, dossier of 12 pages; convert 1.2 s, dossier 7.9 s, site 12.0 s`."""
        facts = [f"{pages} pages" if pages is not None else "", f"{warnings} warning(s)",
                 f"dossier of {dossier_pages} pages" if dossier_pages is not None else ""]
        times = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.done)
        return f"done: {', '.join(f for f in facts if f)}; {times}"
