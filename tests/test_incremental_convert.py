"""A conversion after an edit writes again only the pages the edit reaches, and its book is the one a
conversion from scratch writes: same files, same bytes, same diagnostics."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_safety import vault_trees

from notes2book.config import Project
from notes2book.convert import Conversion, convert
from notes2book.diagnostics import Diagnostics
from notes2book.rendercache import CACHE_FILE

from projects import VAULTS, make_project, outputs, tree_bytes


def _convert(project: Project) -> tuple[Conversion, dict[str, bytes], list[dict]]:
    diags = Diagnostics()
    conversion, _ = convert(project, diags)
    # A vault with nothing to publish leaves no book (nor a _toc.yml) behind.
    written = outputs(project.root) if project.toc.exists() else tree_bytes(project.root / "book")
    # Messages that name the project's folder name it alike in both projects.
    return conversion, written, json.loads(diags.to_json().replace(str(project.root), "PROJECT"))


def _from_scratch(tmp_path: Path, vault: Path) -> tuple[dict[str, bytes], list[dict]]:
    """What a first conversion of `vault` writes, in a project of its own."""
    folder = tmp_path / "scratch"
    shutil.rmtree(folder, ignore_errors=True)
    project = make_project(folder, vault)
    assert not (project.build / CACHE_FILE).exists()
    _, written, diagnostics = _convert(project)
    return written, diagnostics


def _edit(note: Path, change) -> None:  # noqa: ANN001 - str -> str
    note.write_text(change(note.read_text(encoding="utf-8")), encoding="utf-8")


def _page(written: dict[str, bytes], name: str) -> str:
    return written[f"book/{name}.md"].decode()


def test_an_edited_note_shows_on_the_pages_that_embed_it_link_to_it_or_quote_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", VAULTS / "forms")
    first, _, _ = _convert(project)
    assert first.reused == 0
    embedded = project.vault / "Intégrée.md"  # embedded whole, by section and by block in "Toutes les formes"
    _edit(embedded, lambda text: text.replace("Texte de la section une.", "Texte de la section une, récrit.")
          .replace("# Intégrée", "# Intégrée et renommée"))
    target = project.vault / "Cible.md"  # linked to by its heading from the embedded note
    _edit(target, lambda text: text.replace("# Titre", "# Titre nouveau"))
    second, written, diagnostics = _convert(project)

    host = _page(written, "toutes-les-formes")
    assert "Texte de la section une, récrit." in host  # the embed shows the new text
    assert "Intégrée et renommée" in host  # and the new title
    # The embedded note links to a heading of "Cible" that is no more: the link now leads to the page.
    assert "avec un lien vers [Cible \\> Titre](cible.md)." in host and "(#cible_titre)" not in host
    assert second.reused > 0  # the pages the edits do not reach were not written again
    assert (written, diagnostics) == _from_scratch(tmp_path, project.vault)


def test_a_new_link_shows_on_the_linked_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", VAULTS / "seed")
    _convert(project)
    _edit(project.vault / "Accueil.md", lambda text: text + "\nUne phrase qui cite [[Marketing numérique]].\n")
    _, written, diagnostics = _convert(project)
    assert "Une phrase qui cite" in _page(written, "ressources/marketing-numerique")  # "cited in", with its words
    assert (written, diagnostics) == _from_scratch(tmp_path, project.vault)


def _retitled(text: str) -> str:
    return re.sub(r"^# (.+)$", r"# \1 (revu)", text, count=1, flags=re.MULTILINE)


def _section_renamed(text: str) -> str:
    return re.sub(r"^## (.+)$", r"## \1 bis", text, count=1, flags=re.MULTILINE)


@pytest.mark.parametrize("name", ["forms", "repeated", "seed", "workbooks"])
def test_every_edit_of_every_note_converts_as_from_scratch(tmp_path: Path, name: str) -> None:
    """Edits of each kind to each note in turn, one after the other: after each, the book equals a
    conversion from scratch of the vault as it now is."""
    project = make_project(tmp_path / "project", VAULTS / name)
    _convert(project)
    notes = sorted(project.vault.rglob("*.md"))
    stems = [note.stem for note in notes]
    reused = 0
    for number, note in enumerate(notes):
        other = stems[(number + 1) % len(stems)]
        for change in (lambda text, other=other: text + f"\nAjout sur [[{other}]], lié.\n",
                       _retitled, _section_renamed, lambda text: text + "\nUne phrase de plus.\n"):
            _edit(note, change)
            conversion, written, diagnostics = _convert(project)
            reused += conversion.reused
            assert (written, diagnostics) == _from_scratch(tmp_path, project.vault), (note.name, change)
    assert reused > 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(vault_trees(), st.data())
def test_any_vault_edited_anyhow_converts_as_from_scratch(tmp_path_factory: pytest.TempPathFactory, files: dict[str, bytes],
                                                          data: st.DataObject) -> None:
    """Random vaults (links, embeds, cycles, names that clash, bytes that are no text), one note
    rewritten with random words and links: the conversion that reuses equals one from scratch."""
    tmp = tmp_path_factory.mktemp("vault")
    vault = tmp / "vault"
    for name, content in files.items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_bytes(content)
    project = make_project(tmp / "project", vault)
    _convert(project)
    notes = sorted(project.vault.rglob("*.md"))
    note = data.draw(st.sampled_from(notes))
    target = data.draw(st.sampled_from(notes)).stem
    new = data.draw(st.sampled_from([f"# Titre\n\n[[{target}]]\n", f"![[{target}]]\n", "## Une section\n\ntexte\n", ""]))
    note.write_bytes(data.draw(st.sampled_from([b"", note.read_bytes()])) + new.encode())
    _, written, diagnostics = _convert(project)
    assert (written, diagnostics) == _from_scratch(tmp, project.vault)
