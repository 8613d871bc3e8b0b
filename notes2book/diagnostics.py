"""Problems found in a vault, collected as data and reported by the caller: the one type every
step reports with, from the index's link resolution to the writer and the dossier."""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    file: str  # vault-relative POSIX path, or "" for the project as a whole (or not yet placed)
    line: int | None
    message: str
    hint: str = ""
    # Diagnostics with one key are one problem, reported where it was met first (an embed cycle
    # is met from each of its notes); without a key, equal diagnostics are one.
    key: Hashable | None = field(default=None, compare=False)

    def at(self, file: str, line: int | None) -> Diagnostic:
        """This problem, placed: for a step that finds it without knowing the note or the line."""
        return replace(self, file=file, line=line)

    def identity(self) -> Hashable:
        return self if self.key is None else ("key", self.key)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.code, self.message)

    def format(self) -> str:
        where = self.file or "."
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: {self.severity.value}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "severity": self.severity.value, "file": self.file, "line": self.line,
                "message": self.message, "hint": self.hint}


@dataclass
class Diagnostics:
    """The one collector every step reports into."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        code: str,
        severity: Severity,
        file: str,
        line: int | None,
        message: str,
        hint: str = "",
    ) -> None:
        self.items.append(Diagnostic(code, severity, file, line, message, hint))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    def error(self, code: str, file: str, line: int | None, message: str, hint: str = "") -> None:
        self.add(code, Severity.ERROR, file, line, message, hint)

    def warning(self, code: str, file: str, line: int | None, message: str, hint: str = "") -> None:
        self.add(code, Severity.WARNING, file, line, message, hint)

    def info(self, code: str, file: str, line: int | None, message: str, hint: str = "") -> None:
        self.add(code, Severity.INFO, file, line, message, hint)

    def unique(self) -> list[Diagnostic]:
        """Each problem once, as first reported: what is listed, counted and decides the outcome."""
        first: dict[Hashable, Diagnostic] = {}
        for diagnostic in self.items:
            first.setdefault(diagnostic.identity(), diagnostic)
        return list(first.values())

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.unique(), key=Diagnostic.sort_key)

    def count(self, severity: Severity) -> int:
        """Counts what `sorted()` lists: a problem found twice is reported, and counted, once."""
        return sum(1 for d in self.unique() if d.severity is severity)

    def has_errors(self, strict: bool = False) -> bool:
        return any(
            d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)
            for d in self.unique()
        )

    def to_json(self) -> str:
        return json.dumps([d.to_dict() for d in self.sorted()], ensure_ascii=False, indent=2)
