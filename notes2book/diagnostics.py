"""Problems found in a vault, collected as data and reported by the caller."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum


class Severity(str, Enum):  # noqa: UP042 - becomes a StrEnum with the one Diagnostic type (issue 13)
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    file: str  # vault-relative POSIX path, or "" for the project as a whole
    line: int | None
    message: str
    hint: str = ""

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

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


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

    def error(self, code: str, file: str, line: int | None, message: str, hint: str = "") -> None:
        self.add(code, Severity.ERROR, file, line, message, hint)

    def warning(self, code: str, file: str, line: int | None, message: str, hint: str = "") -> None:
        self.add(code, Severity.WARNING, file, line, message, hint)

    def info(self, code: str, file: str, line: int | None, message: str, hint: str = "") -> None:
        self.add(code, Severity.INFO, file, line, message, hint)

    def sorted(self) -> list[Diagnostic]:
        unique = dict.fromkeys(self.items)
        return sorted(unique, key=Diagnostic.sort_key)

    def count(self, severity: Severity) -> int:
        """Counts what `sorted()` lists: a problem found twice is reported, and counted, once."""
        return sum(1 for d in dict.fromkeys(self.items) if d.severity is severity)

    def has_errors(self, strict: bool = False) -> bool:
        return any(
            d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)
            for d in self.items
        )

    def to_json(self) -> str:
        return json.dumps([d.to_dict() for d in self.sorted()], ensure_ascii=False, indent=2)
