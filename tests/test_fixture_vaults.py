"""Each fixture vault converts to exactly its expected book: same files, same bytes, same diagnostics."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from notes2book.convert import convert
from notes2book.diagnostics import Diagnostics

from projects import FIXTURES, VAULTS, make_project, tree_bytes, updating_snapshots

EXPECTED = FIXTURES / "expected"
CASES = sorted(p.name for p in VAULTS.iterdir() if p.is_dir())


def _produce(tmp_path: Path, name: str) -> tuple[dict[str, bytes], list[dict]]:
    project = make_project(tmp_path / "project", VAULTS / name)
    diags = Diagnostics()
    convert(project, diags)
    produced = {f"book/{k}": v for k, v in tree_bytes(project.book).items()}
    produced["_toc.yml"] = project.toc.read_bytes()
    return produced, json.loads(diags.to_json())


@pytest.mark.parametrize("name", CASES)
def test_vault_converts_to_expected_book(tmp_path: Path, name: str) -> None:
    produced, diagnostics = _produce(tmp_path, name)
    expected_dir = EXPECTED / name
    if updating_snapshots():
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, data in produced.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_bytes(data)
        (expected_dir / "diagnostics.json").write_text(
            json.dumps(diagnostics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = tree_bytes(expected_dir)
    expected_diagnostics = json.loads(expected.pop("diagnostics.json"))
    assert sorted(produced) == sorted(expected), "the set of generated files differs"
    for rel in sorted(expected):
        if rel.endswith((".md", ".yml", ".json")):
            assert produced[rel].decode() == expected[rel].decode(), rel
        else:
            assert produced[rel] == expected[rel], rel
    assert diagnostics == expected_diagnostics


@pytest.mark.parametrize("name", CASES)
def test_conversion_is_byte_identical_across_runs(tmp_path: Path, name: str) -> None:
    first, _ = _produce(tmp_path / "a", name)
    second, _ = _produce(tmp_path / "b", name)
    assert first == second
