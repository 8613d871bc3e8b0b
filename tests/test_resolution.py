"""Links resolve as Obsidian resolves them: table-tested against one small vault."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from notes2book.config import Settings
from notes2book.diagnostics import Diagnostics
from notes2book.index import Index
from notes2book.links import Link, parse_href, parse_wikilink
from notes2book.parse import parse_note
from notes2book.vault import read_vault

FILES = {
    "Accueil.md": "# Accueil\n",
    "Musée.md": "---\naliases: [Le musée, museum]\n---\n# Musée\n\n## Histoire\n\n### Origines\n\n## Collections\n\n### Origines\n\nTexte ^bloc-1\n",
    "a/Doublon.md": "# Doublon A\n",
    "b/c/Doublon.md": "# Doublon profond\n",
    "z/Doublon.md": "# Doublon Z\n",
    "cours/Séance 1.md": "# Séance\n",
    "images/Figure 1.png": "png",
    "docs/programme.pdf": "pdf",
    unicodedata.normalize("NFD", "Élève.md"): "# Élève\n",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    root = tmp_path_factory.mktemp("vault")
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    vault = read_vault(root, Settings(), Diagnostics())
    return Index([parse_note(n) for n in vault.notes], [], vault.attachments)


@pytest.mark.parametrize(("written", "path", "anchor"), [
    ("Musée", "Musée.md", None),
    ("musée", "Musée.md", None),  # case does not matter
    ("MUSÉE.md", "Musée.md", None),
    (unicodedata.normalize("NFD", "Musée"), "Musée.md", None),  # NFD link, NFC name
    ("Élève", "Élève.md", None),  # NFC link, NFD name on disk
    ("Le musée", "Musée.md", None),  # front-matter alias
    ("Museum", "Musée.md", None),
    ("cours/Séance 1", "cours/Séance 1.md", None),  # vault path
    ("Séance 1", "cours/Séance 1.md", None),  # name anywhere
    ("Musée#Histoire", "Musée.md", "musee_histoire"),
    ("Musée#histoire", "Musée.md", "musee_histoire"),
    ("Musée#Collections#Origines", "Musée.md", "musee_origines-2"),  # nested headings
    ("Musée#Histoire#Origines", "Musée.md", "musee_origines"),
    ("Musée#^bloc-1", "Musée.md", "musee__bloc-1"),
    ("Figure 1.png", "images/Figure 1.png", None),  # attachment by name
    ("docs/programme.pdf", "docs/programme.pdf", None),
])
def test_wikilink_resolves(index: Index, written: str, path: str, anchor: str | None) -> None:
    resolution = index.resolve(parse_wikilink(written), "Accueil.md")
    assert resolution.target is not None, resolution.problems
    assert unicodedata.normalize("NFC", resolution.target.path) == path
    assert resolution.target.anchor == anchor
    assert resolution.problems == ()


def test_same_name_takes_the_shortest_path_then_alphabetical(index: Index) -> None:
    resolution = index.resolve(Link("Doublon"), "Accueil.md")
    assert resolution.target.path == "a/Doublon.md"
    assert [p.code for p in resolution.problems] == ["link-ambiguous"]
    assert "b/c/Doublon.md" in resolution.problems[0].hint and "z/Doublon.md" in resolution.problems[0].hint


def test_a_path_disambiguates(index: Index) -> None:
    resolution = index.resolve(Link("z/Doublon"), "Accueil.md")
    assert resolution.target.path == "z/Doublon.md" and resolution.problems == ()
    assert index.resolve(Link("c/Doublon"), "Accueil.md").target.path == "b/c/Doublon.md"


def test_missing_note_suggests_the_closest_name(index: Index) -> None:
    resolution = index.resolve(Link("Musé"), "Accueil.md")
    assert resolution.target is None
    assert resolution.problems[0].code == "link-unresolved"
    assert "[[Musée]]" in resolution.problems[0].hint


def test_missing_heading_links_to_the_page_and_says_so(index: Index) -> None:
    resolution = index.resolve(parse_wikilink("Musée#Histoir"), "Accueil.md")
    assert resolution.target.path == "Musée.md" and resolution.target.anchor is None
    assert resolution.problems[0].code == "heading-missing"
    assert "Histoire" in resolution.problems[0].hint


def test_links_leaving_the_vault_are_refused(index: Index) -> None:
    resolution = index.resolve(Link("../../etc/passwd"), "cours/Séance 1.md")
    assert resolution.target is None
    assert resolution.problems[0].code == "outside-vault"
    # A path from the root means the vault's root, as in Obsidian: nothing of the machine is looked at.
    resolution = index.resolve(Link("/etc/passwd"), "cours/Séance 1.md")
    assert resolution.target is None
    assert resolution.problems[0].code == "link-unresolved"


@pytest.mark.parametrize(("inner", "expected"), [
    ("Note", Link("Note")),
    ("Note|texte", Link("Note", label="texte")),
    ("Note#Titre", Link("Note", ("Titre",))),
    ("Note#H1#H2|t", Link("Note", ("H1", "H2"), label="t")),
    ("#Titre", Link("", ("Titre",))),
    ("Note#^bloc-id", Link("Note", block="bloc-id")),
    ("dossier/Note.md", Link("dossier/Note.md")),
    ("image.png|300", Link("image.png", label="300")),
    ("Note\\|alias", Link("Note", label="alias")),  # escaped bar inside a table
])
def test_parse_wikilink(inner: str, expected: Link) -> None:
    assert parse_wikilink(inner) == expected


@pytest.mark.parametrize(("href", "expected"), [
    ("Note%20name.md", Link("Note name.md")),
    ("dossier/Note.md#Titre%20deux", Link("dossier/Note.md", ("Titre deux",))),
    ("app://obsidian.md/D%C3%A9finition%20de%20la%20communication", Link("Définition de la communication")),
    ("obsidian://open?vault=Cours&file=dossier%2FNote", Link("dossier/Note")),
    ("obsidian://vault/Cours/dossier/Note%20deux", Link("dossier/Note deux")),
    ("obsidian://search?vault=Cours&query=mus%C3%A9e", Link("", command="obsidian://search?vault=Cours&query=mus%C3%A9e")),
    ("obsidian://new?vault=Cours&file=Essai", Link("", command="obsidian://new?vault=Cours&file=Essai")),
    ("obsidian://open?vault=Cours", Link("", command="obsidian://open?vault=Cours")),
    ("#Plus%20bas", Link("", ("Plus bas",))),
    ("https://example.org/a.md", None),
    ("mailto:someone@example.org", None),
])
def test_parse_href(href: str, expected: Link | None) -> None:
    assert parse_href(href) == expected


def test_paths_from_the_vault_root_and_relative_to_the_note(index: Index) -> None:
    assert index.resolve(Link("/cours/Séance 1"), "Accueil.md").target.path == "cours/Séance 1.md"
    assert index.resolve(Link("../Musée.md"), "cours/Séance 1.md").target.path == "Musée.md"
    assert index.resolve(Link("../images/Figure 1.png"), "cours/Séance 1.md").target.path == "images/Figure 1.png"


def test_obsidian_settings_exclusions_and_attachment_folder(tmp_path: Path) -> None:
    files = {
        ".obsidian/app.json": '{"attachmentFolderPath": "medias", "userIgnoreFilters": ["brouillons/", "/\\\\.tmp\\\\.md$/"]}',
        "Note.md": "![[schema.png]]\n",
        "medias/schema.png": "png",
        "a/schema.png": "png",
        "brouillons/Idée.md": "# Idée\n",
        "essai.tmp.md": "# Essai\n",
        "archives/Vieux.md": "# Vieux\n",
        ".trash/Supprimée.md": "# Supprimée\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    vault = read_vault(tmp_path, Settings(exclude=("archives/*",)), Diagnostics())
    assert [n.path for n in vault.notes] == ["Note.md"]
    index = Index([parse_note(n) for n in vault.notes], [], vault.attachments, (), vault.attachment_folder)
    assert index.resolve(Link("schema.png"), "Note.md").target.path == "medias/schema.png"


def test_embeds_nested_deeper_than_ten_stop_with_a_diagnostic(tmp_path: Path) -> None:
    from notes2book.config import load_project
    from notes2book.convert import convert_vault

    from projects import make_project_folder

    vault = tmp_path / "vault"
    vault.mkdir()
    for n in range(14):
        (vault / f"N{n}.md").write_text(f"# N{n}\n\nTexte {n}.\n\n![[N{n + 1}]]\n", encoding="utf-8")
    (vault / "N14.md").write_text("# N14\n\nLe fond.\n", encoding="utf-8")
    diags = Diagnostics()
    pages = convert_vault(load_project(make_project_folder(tmp_path / "p", vault)), diags).files.pages
    first = pages["n0.md"].decode()
    assert "Texte 10." in first and "Texte 11." not in first and "[N11](n11.md)" in first
    assert "embed-too-deep" in {d.code for d in diags.unique()}
