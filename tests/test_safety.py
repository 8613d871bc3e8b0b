"""Safety: the vault is only read, writes stay in the outputs, an interrupted run loses nothing,
and hostile or broken input gets a diagnostic while the rest of the vault converts."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notes2book.config import load_project
from notes2book.convert import convert
from notes2book.diagnostics import Diagnostics
from notes2book.write import JOURNAL, TEMP_PREFIX

from builds import start_at
from projects import REPO, VAULTS, convert_files, fingerprint, make_project, outputs, start_cli, tree_bytes

sys.path.insert(0, str(REPO / "scripts"))
from bench_convert import generate

OUTPUTS = ("book", "_build", "_toc.yml")


def _cli(root: Path, *args: str) -> subprocess.Popen[str]:
    return start_cli(*args, "--root", str(root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow  # the command line three times on every fixture vault
@pytest.mark.parametrize("name", sorted(p.name for p in VAULTS.iterdir()))
def test_vault_is_never_modified_and_only_outputs_are_written(tmp_path: Path, name: str) -> None:
    project = make_project(tmp_path, VAULTS / name)
    vault_before = fingerprint(project.vault)
    others_before = {k: v for k, v in fingerprint(project.root).items() if not k.startswith(OUTPUTS)}
    for command in ("check", "convert", "convert"):
        assert _cli(project.root, command).wait(timeout=300) in (0, 1)
    assert fingerprint(project.vault) == vault_before
    others_after = {k: v for k, v in fingerprint(project.root).items() if not k.startswith(OUTPUTS)}
    assert others_after == others_before


@pytest.mark.slow
def test_build_leaves_the_vault_untouched(sample_project) -> None:  # noqa: ANN001 - a fixture
    before = fingerprint(sample_project.vault)
    assert _cli(sample_project.root, "build").wait(timeout=900) == 0
    assert fingerprint(sample_project.vault) == before


def _version(tmp: Path, edit: str) -> Path:
    """A 400-note course; `edit` appended to every note makes every page change."""
    root = tmp / f"v-{len(edit)}"
    root.mkdir()
    (root / "_config.yml").write_text((REPO / "_config.yml").read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(REPO / "_static", root / "_static")  # the logo _config.yml names
    generate(root / "notes", 400)
    if edit:
        for note in (root / "notes").rglob("*.md"):
            note.write_text(note.read_text(encoding="utf-8") + edit, encoding="utf-8")
    return root


@pytest.mark.slow  # converts a course of 400 notes four times, once in a killed command line
@pytest.mark.parametrize("point", ["temp-written#200", "moved#200"])  # before the journal, after it
def test_killed_convert_leaves_the_book_as_before_or_as_after(tmp_path: Path, point: str) -> None:
    """A real SIGKILL at two steps of the writer; every step is covered in test_writer_faults.py."""
    old, new = _version(tmp_path, ""), _version(tmp_path, "\nModifié.\n")
    convert(load_project(old), Diagnostics())
    convert(load_project(new), Diagnostics())
    before, after = outputs(old), outputs(new)
    assert before != after
    work = tmp_path / "killed"
    subprocess.run(["cp", "-a", str(old), str(work)], check=True)
    subprocess.run(["rm", "-rf", str(work / "notes")], check=True)
    subprocess.run(["cp", "-a", str(new / "notes"), str(work / "notes")], check=True)
    process = start_at(work, "convert", f"hang@{point}", tmp_path / "ready",
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    process.send_signal(signal.SIGKILL)
    process.wait()
    book = {k: v for k, v in outputs(work).items() if TEMP_PREFIX not in k and k != f"book/{JOURNAL}"}
    for rel, data in book.items():  # every file whole: its old bytes or its new bytes
        assert data in (before.get(rel), after.get(rel)), rel
    journal = (work / "book" / JOURNAL).exists()
    assert journal == point.startswith("moved")
    if not journal:
        assert book == before
    else:
        assert before != book != after  # killed halfway through the moves
    assert _cli(work, "convert").wait(timeout=300) == 0
    assert outputs(work) == after


def _convert_files(tmp_path: Path, files: dict[str, bytes]) -> tuple[Diagnostics, dict[str, bytes]]:
    return convert_files(tmp_path / "project", files)


GOOD = b"# Bonne note\n\nElle se convertit.\n"


@pytest.mark.parametrize(("name", "data", "code"), [
    ("yaml.md", b"---\ntags: [oops\n---\n# T\n", "front-matter-yaml"),
    ("liste.md", b"---\n- a\n---\n# T\n", "front-matter-not-mapping"),
    ("latin1.md", "# Caf\xe9\n".encode("latin-1"), "not-utf8"),
    ("binaire.md", bytes(range(256)) * 4, "binary-note"),
    ("enorme.md", b"# Grosse note\n" + b"x" * (20 * 1024 * 1024), "note-too-large"),
])
def test_bad_note_gets_one_diagnostic_and_the_rest_converts(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    diags, pages = _convert_files(tmp_path, {name: data, "Bonne.md": GOOD})
    found = [d for d in diags.unique() if d.file == name and d.severity.value == "error"]
    assert [d.code for d in found] == [code]
    assert "Elle se convertit." in pages["bonne.md"].decode()


@pytest.mark.parametrize("text", [
    "> " * 10_000 + "profond\n",
    "- " * 10_000 + "niveau\n",  # 10,000 nested lists
    "".join("  " * i + "- niveau\n" for i in range(2_000)),
    " ".join(f"[[Cible {i}]]" for i in range(10_000)) + "\n",
    "",
    "%%" * 5_000,
    "[" * 20_000 + "]" * 20_000,
])
def test_pathological_notes_convert(tmp_path: Path, text: str) -> None:
    _, pages = _convert_files(tmp_path, {"Note.md": text.encode(), "Bonne.md": GOOD})
    assert "note.md" in pages and "Elle se convertit." in pages["bonne.md"].decode()


def test_names_windows_forbids_case_and_normalization_twins(tmp_path: Path) -> None:
    files = {
        'Quoi? <Ceci> : "cela" | *.md': b"# Interdits sous Windows\n",
        "Note.md": b"# Note majuscule\n",
        "note.md": b"# note minuscule\n",
        unicodedata.normalize("NFC", "Été.md"): b"# Ete NFC\n",
        unicodedata.normalize("NFD", "Été.md"): b"# Ete NFD\n",
        "Liens.md": b"[[Note]] [[\xc3\x89t\xc3\xa9]] [[Quoi? <Ceci> : \"cela\" | *]]\n",
    }
    diags, pages = _convert_files(tmp_path, files)
    assert len([p for p in pages if not p.startswith("_")]) == 6  # every note a page, none overwritten
    assert all(set(p) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_./") for p in pages)
    assert "link-ambiguous" in {d.code for d in diags.unique() if d.file == "Liens.md"}


def test_empty_vault_is_an_error_not_a_crash(tmp_path: Path) -> None:
    diags, _ = _convert_files(tmp_path, {})
    assert [d.code for d in diags.unique() if d.severity.value == "error"] == ["vault-empty"]


def test_nothing_outside_the_vault_is_read_or_copied(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("confidentiel", encoding="utf-8")
    outside = tmp_path / "dehors"
    outside.mkdir()
    (outside / "Autre.md").write_text("# Hors du coffre\n", encoding="utf-8")
    project = make_project(tmp_path / "p", VAULTS / "seed")
    (project.vault / "lien.txt").symlink_to(secret)
    (project.vault / "dossier-lie").symlink_to(outside, target_is_directory=True)
    (project.vault / "Fuite.md").write_text(
        f"![[../../secret.txt]] [x](../secret.txt) ![[{secret}]] [[lien.txt]] [[Autre]]\n", encoding="utf-8")
    diags = Diagnostics()
    convert(project, diags)
    assert "confidentiel" not in "".join(d.decode(errors="replace") for d in tree_bytes(project.book).values())
    codes = [(d.file, d.code) for d in diags.unique()]
    assert ("lien.txt", "outside-vault") in codes and ("dossier-lie", "outside-vault") in codes
    assert [c for f, c in codes if f == "Fuite.md"].count("outside-vault") == 2
    assert [c for f, c in codes if f == "Fuite.md"].count("attachment-missing") == 2  # lien.txt, the absolute path
    assert not (project.book / "dehors").exists()


NAME = st.lists(st.sampled_from([*"abcXYZéÉ ’'?#…«»-_.0123456789", "e\u0301"]), min_size=1, max_size=12).map("".join)


@st.composite
def vault_trees(draw: st.DrawFn) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    names = draw(st.lists(NAME.filter(lambda n: n.strip(". ") == n and n not in ("", ".", "..")),
                          min_size=1, max_size=8, unique_by=lambda n: unicodedata.normalize("NFC", n).casefold()))
    for name in names:
        folder = draw(st.sampled_from(["", "dossier/", "a/b/", "É/"]))
        if draw(st.booleans()):
            links = " ".join(f"[[{draw(st.sampled_from(names))}]]" for _ in range(draw(st.integers(0, 3))))
            body = draw(st.text(max_size=200)) + "\n" + links + "\n![[" + draw(st.sampled_from(names)) + "]]\n"
            files[f"{folder}{name}.md"] = body.encode("utf-8", errors="replace")
        else:
            files[f"{folder}{name}.md"] = draw(st.binary(max_size=300))
    return files


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vault_trees())
def test_any_vault_tree_converts_without_raising_or_writing_elsewhere(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        vault = root / "notes"
        vault.mkdir(parents=True)
        (root / "_config.yml").write_text("title: T\n", encoding="utf-8")
        for name, data in files.items():
            try:
                (vault / name).parent.mkdir(parents=True, exist_ok=True)
                (vault / name).write_bytes(data)
            except OSError:
                continue  # a name this file system refuses
        before = fingerprint(Path(tmp))
        convert(load_project(root), Diagnostics())
        after = fingerprint(Path(tmp))
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        # book/, _toc.yml, and the pages `convert` may reuse next time (notes2book.rendercache)
        assert all(k.startswith(("project/book/", "project/_toc.yml", "project/_build/.cache/")) for k in changed), changed
