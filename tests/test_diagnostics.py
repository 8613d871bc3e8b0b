"""A problem met more than once (the same link twice on a line, an embed cycle seen from each of its
notes, an embedded note's code block written in two pages) is reported once: the list printed, the
JSON and the summary's counts say the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from notes2book import cli
from notes2book.config import load_project
from notes2book.convert import convert_vault
from notes2book.diagnostics import Diagnostics, Severity

from projects import VAULTS, make_project

_LISTED = re.compile(r"^\S.*?: (error|warning|info): ")
_SUMMARY = re.compile(r"^(\d+) error\(s\), (\d+) warning\(s\), (\d+) note\(s\)$")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("repeated"), VAULTS / "repeated").root


def test_the_vault_meets_its_problems_more_than_once(root: Path) -> None:
    diags = Diagnostics()
    convert_vault(load_project(root), diags)
    met = [(d.code, d.file) for d in diags.items]
    assert met.count(("link-unresolved", "Doublons.md")) == 2
    assert [code for code, _ in met].count("embed-cycle") == 2
    assert met.count(("fence-language-unknown", "Code inconnu.md")) == 2
    reported = [(d.code, d.file) for d in diags.sorted()]
    assert reported.count(("link-unresolved", "Doublons.md")) == 1
    assert [code for code, _ in reported].count("embed-cycle") == 1
    assert reported.count(("fence-language-unknown", "Code inconnu.md")) == 1
    assert [diags.count(s) for s in Severity] == [sum(d.severity is s for d in diags.sorted()) for s in Severity]


def test_printed_list_json_and_summary_agree(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["check", "--root", str(root)])
    lines = capsys.readouterr().out.splitlines()
    listed = [m.group(1) for m in map(_LISTED.match, lines) if m]
    summary = _SUMMARY.match(lines[-1])
    assert summary is not None, lines[-1]
    assert [int(n) for n in summary.groups()] == [listed.count(s) for s in ("error", "warning", "info")]
    assert sum(line.startswith("Doublons.md:3: warning: no note or file named 'Absente'") for line in lines) == 1

    cli.main(["check", "--root", str(root), "--format", "json"])
    reported = json.loads(capsys.readouterr().out)
    assert [d["severity"] for d in reported] == listed
