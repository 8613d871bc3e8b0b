"""notes2book replaces or removes only files it wrote and that nobody changed since; a vault that is
gone, empty or mostly missing leaves the book exactly as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import notes2book.vault
from notes2book.config import Project, load_project
from notes2book.convert import convert, convert_vault
from notes2book.diagnostics import Diagnostics
from notes2book.manifest import MANIFEST, digest
from notes2book.write import TEMP_PREFIX, write_book

from projects import FIXTURES, VAULTS, make_project, outputs, tree_bytes

OWNERSHIP = FIXTURES / "ownership"
PAGE = "ressources/ma-ressource.md"


def _convert(project: Project) -> Diagnostics:
    diags = Diagnostics()
    convert(project, diags)
    return diags


def _codes(diags: Diagnostics, severity: str) -> list[str]:
    return [d.code for d in diags.unique() if d.severity.value == severity]


def _seed(tmp_path: Path, config_extra: str = "") -> Project:
    project = make_project(tmp_path / "project", VAULTS / "seed", config_extra)
    assert not _codes(_convert(project), "error")
    return project


def test_manifest_records_the_hash_of_each_file_written(tmp_path: Path) -> None:
    project = _seed(tmp_path)
    manifest = json.loads((project.book / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"]["accueil.md"] == digest((project.book / "accueil.md").read_bytes())
    assert manifest["toc"] == digest(project.toc.read_bytes())
    assert set(manifest["files"]) == set(tree_bytes(project.book)) - {MANIFEST}


def test_a_hand_written_page_survives_a_clash_and_the_removal_of_the_note(tmp_path: Path) -> None:
    project = _seed(tmp_path)
    hand = project.book / PAGE
    shutil.copy(OWNERSHIP / "ma-ressource.md", hand)
    written_by_hand = hand.read_bytes()
    shutil.copy(OWNERSHIP / "Ma ressource.md", project.vault / "ressources" / "Ma ressource.md")

    diags = _convert(project)
    clash = [d for d in diags.unique() if d.code == "book-file-not-ours"]
    assert [(d.severity.value, d.file) for d in clash] == [("error", "ressources/Ma ressource.md")]
    assert f"book/{PAGE}" in clash[0].message
    assert hand.read_bytes() == written_by_hand
    manifest = json.loads((project.book / MANIFEST).read_text(encoding="utf-8"))
    assert PAGE not in manifest["files"] and "accueil.md" in manifest["files"]  # the rest was written

    (project.vault / "ressources" / "Ma ressource.md").unlink()
    assert not _codes(_convert(project), "error")
    assert hand.read_bytes() == written_by_hand


@pytest.mark.parametrize("still_a_note", [True, False], ids=["note-kept", "note-removed"])
def test_a_generated_page_edited_by_hand_is_kept_aside(tmp_path: Path, still_a_note: bool) -> None:
    project = _seed(tmp_path)
    page = project.book / "ressources" / "marketing-numerique.md"
    note = project.vault / "ressources" / "Marketing numérique.md"
    edited = page.read_bytes() + "Ajouté à la main.\n".encode()
    page.write_bytes(edited)
    if still_a_note:
        note.write_text(note.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    else:
        note.unlink()

    diags = _convert(project)
    found = [d for d in diags.unique() if d.code == "book-file-edited"]
    assert [d.severity.value for d in found] == ["warning"]
    assert "book/ressources/marketing-numerique.md.edited" in found[0].message
    assert (project.book / "ressources" / "marketing-numerique.md.edited").read_bytes() == edited
    assert page.exists() is still_a_note
    if still_a_note:
        assert "Une phrase de plus." in page.read_text(encoding="utf-8")
    before = outputs(project.root)
    assert not [d for d in _convert(project).items if d.code == "book-file-edited"]  # said once
    assert outputs(project.root) == before


def test_a_page_edited_twice_gets_a_second_aside_name(tmp_path: Path) -> None:
    project = _seed(tmp_path)
    page = project.book / "accueil.md"
    for n in (1, 2):
        page.write_bytes(page.read_bytes() + f"Retouche {n}.\n".encode())
        note = project.vault / "Accueil.md"
        note.write_text(note.read_text(encoding="utf-8") + f"\nAjout {n}.\n", encoding="utf-8")
        _convert(project)
    assert b"Retouche 1." in (project.book / "accueil.md.edited").read_bytes()
    assert b"Retouche 2." in (project.book / "accueil.md.edited-2").read_bytes()


def test_a_hand_edited_toc_is_kept_aside(tmp_path: Path) -> None:
    project = _seed(tmp_path)
    project.toc.write_bytes(project.toc.read_bytes() + b"# mon ajout\n")
    note = project.vault / "ressources" / "Marketing numérique.md"
    note.unlink()
    diags = _convert(project)
    assert "_toc.yml.edited" in "".join(d.message for d in diags.unique() if d.code == "book-file-edited")
    assert (project.root / "_toc.yml.edited").read_bytes().endswith(b"# mon ajout\n")
    assert b"marketing-numerique" not in project.toc.read_bytes()


def test_a_manifest_of_an_earlier_version_is_taken_as_unchanged_files(tmp_path: Path) -> None:
    project = _seed(tmp_path)
    manifest = json.loads((project.book / MANIFEST).read_text(encoding="utf-8"))
    (project.book / MANIFEST).write_text(json.dumps({"files": sorted(manifest["files"])}), encoding="utf-8")
    (project.vault / "ressources" / "Marketing numérique.md").unlink()
    diags = _convert(project)
    assert not _codes(diags, "error") and "book-file-edited" not in _codes(diags, "warning")
    assert not (project.book / "ressources" / "marketing-numerique.md").exists()
    assert "accueil.md" in json.loads((project.book / MANIFEST).read_text(encoding="utf-8"))["files"]


def _empty_vault(project: Project) -> None:
    for child in project.vault.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()


def _keep_one_note(project: Project) -> None:
    for note in project.vault.rglob("*.md"):
        if note.name != "Accueil.md":
            note.unlink()


def _all_drafts(project: Project) -> None:
    for note in project.vault.rglob("*.md"):
        note.write_text("---\npublish: false\n---\n" + note.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize(("change", "code"), [
    (_empty_vault, "vault-empty"),
    (lambda project: shutil.rmtree(project.vault), "vault-missing"),
    (_all_drafts, "vault-nothing-published"),
    (_keep_one_note, "book-would-empty"),
], ids=["emptied", "folder-removed", "all-drafts", "most-notes-gone"])
def test_a_vault_gone_or_emptied_leaves_the_book_untouched(tmp_path: Path, change, code: str) -> None:  # noqa: ANN001
    project = _seed(tmp_path)
    before = outputs(project.root)
    change(project)
    diags = _convert(project)
    assert code in _codes(diags, "error")
    assert outputs(project.root) == before


def test_an_exclude_matching_everything_leaves_the_book_untouched(tmp_path: Path) -> None:
    project = _seed(tmp_path)
    before = outputs(project.root)
    config = project.root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  exclude: ['*']\n", encoding="utf-8")
    diags = _convert(load_project(project.root))
    assert "vault-empty" in _codes(diags, "error")
    assert outputs(project.root) == before


def test_a_vault_vanishing_while_it_is_read_leaves_the_book_untouched(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = _seed(tmp_path)
    before = outputs(project.root)
    read_note = notes2book.vault._read_note
    seen: list[str] = []

    def read_then_unmount(path: Path, rel: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(rel)
        if len(seen) == 3:  # the drive goes away after the third note
            shutil.rmtree(project.vault)
        return read_note(path, rel, *args, **kwargs)

    monkeypatch.setattr(notes2book.vault, "_read_note", read_then_unmount)
    diags = _convert(project)
    assert "vault-vanished" in _codes(diags, "error")
    assert outputs(project.root) == before


def test_an_attachment_vanishing_before_it_is_copied_leaves_the_book_untouched(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", VAULTS / "forms")
    _convert(project)
    before = outputs(project.root)
    conversion = convert_vault(project, Diagnostics())
    assert conversion.files.copies
    first = sorted(conversion.files.copies)[0]
    (project.book / first).unlink()  # so that the copy must be written again
    before.pop(f"book/{first}")
    conversion.files.copies[first].unlink()
    report = write_book(project.book, project.toc, conversion.files)
    assert report.refused and [p.code for p in report.problems] == ["vault-unreadable"]
    assert outputs(project.root) == before
    assert not list(project.root.rglob(TEMP_PREFIX + "*"))
