"""Mermaid diagrams in the dossier: drawn at build time by the real headless Chromium, printed by
the real WeasyPrint as vector drawings, kept in a cache; a diagram that cannot be drawn prints as
its source and is reported."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream

from notes2book.config import Project
from notes2book.convert import convert
from notes2book.diagnostics import Diagnostics
from notes2book.pdf.mermaid import ChromiumError, _run, diagram_key, draw_with_chromium
from tests.pdf.conftest import Built, build

from projects import VAULTS, make_project

PATHS = {"b", "c", "l", "m", "re", "v", "y"}
PAINTS = {"B", "B*", "b", "b*", "f", "F", "f*", "S", "s"}
BROKEN = "flowchart LR\n  Atelier --> (("


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("diagrams"), VAULTS / "diagrams")
    convert(project, Diagnostics())
    return project


@pytest.fixture(scope="module")
def dossier(project: Project) -> Built:
    shutil.rmtree(project.build / ".cache", ignore_errors=True)
    return build(project)


def _operators(reader: PdfReader, page: PageObject) -> set[str]:
    """The operators drawing the page: its own content and the forms it paints, recursively."""
    found: set[str] = set()

    def walk(content: object, resources: object) -> None:
        for _, operator in ContentStream(content, reader).operations:
            found.add(operator.decode())
        for xobject in (resources or {}).get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and xobject.get_data():
                walk(xobject, xobject.get("/Resources"))
            elif xobject.get("/Subtype") == "/Image":
                found.add("image")

    walk(page.get_contents(), page.get("/Resources"))
    return found


def _page_with(built: Built, text: str) -> int:
    return next(i for i, page in enumerate(built.texts) if text in page)


def test_diagrams_print_as_vector_drawings_with_their_labels_as_text(dossier: Built) -> None:
    index = _page_with(dossier, "Atelier pédagogique")
    page = dossier.texts[index]
    for label in ("Groupe scolaire ?", "Visite libre", "Où commence la visite ?", "Par la galerie des moulages"):
        assert label in page
    operators = _operators(dossier.reader, dossier.reader.pages[index])
    assert operators & PATHS >= {"m", "l", "c"} and operators & PAINTS, operators
    assert "image" not in operators  # drawn, not a picture of a drawing
    # The home page's diagram too: the root document comes before any document mark.
    assert "Salle des collections" in dossier.texts[_page_with(dossier, "parcours d'un visiteur")]


def test_a_broken_diagram_prints_its_source_and_is_reported(dossier: Built) -> None:
    reported = [d for d in dossier.diags.unique() if d.code == "pdf-diagram"]
    assert [(d.file, d.severity.value) for d in reported] == [("Schéma en chantier.md", "warning")]
    assert "Parse error on line 2" in reported[0].message
    page = dossier.texts[_page_with(dossier, "Ce schéma n'est pas encore valide")]
    assert "flowchart LR Atelier --> ((" in page
    assert not dossier.report.warnings  # WeasyPrint drew every diagram without a complaint


def test_a_rebuild_draws_from_the_cache_and_gives_the_same_bytes(
        dossier: Built, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = dossier.pdf.read_bytes()
    cache = project.build / ".cache" / "mermaid"
    assert sorted(p.suffix for p in cache.iterdir()) == [".error", ".svg", ".svg", ".svg"]
    monkeypatch.setenv("PATH", str(tmp_path))  # no Chromium to be found: the cache must do
    again = build(project)
    assert again.pdf.read_bytes() == first
    assert [d.file for d in again.diags.unique() if d.code == "pdf-diagram"] == ["Schéma en chantier.md"]


def test_without_chromium_every_diagram_prints_as_its_source(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = make_project(tmp_path / "copy", VAULTS / "diagrams")
    convert(copy, Diagnostics())
    monkeypatch.setenv("PATH", str(tmp_path))
    built = build(copy)
    reported = sorted(d.file for d in built.diags.unique() if d.code == "pdf-diagram")
    # Each note once: its two diagrams meet the same problem, listed once as every repeated problem is.
    assert reported == ["Accueil.md", "Comment guider la visite.md", "Schéma en chantier.md"]
    assert all("Chromium is not installed" in d.message for d in built.diags.unique() if d.code == "pdf-diagram")
    assert "A{Groupe scolaire ?} -->|oui| B[Atelier pédagogique]" in " ".join(built.texts)
    assert not (copy.build / ".cache" / "mermaid").exists()  # nothing cached: the next build draws


def test_a_drawing_depends_on_its_source_only() -> None:
    """Mermaid numbers what it draws: each diagram is drawn with ids of its own, so the same
    source gives the same bytes whatever else the run draws."""
    alone = "sequenceDiagram\n  Visiteur->>Médiateur: Bonjour"
    # A source may hold what would end the page's script holding it: it is data there.
    tricky = 'flowchart LR\n  A["</script><script>alert(1)</script> & fin"] --> B'
    others = ["sequenceDiagram\n  A->>B: Un\n  B->>A: Deux", tricky, BROKEN]
    first = draw_with_chromium([alone])
    second = draw_with_chromium([*others, alone])
    key = diagram_key(alone)
    assert first[key].svg and first[key].svg == second[key].svg
    assert "<text" in first[key].svg and "foreignObject" not in first[key].svg
    assert second[diagram_key(BROKEN)].error.startswith("Parse error")
    assert " fin" in second[diagram_key(tricky)].svg and "<script" not in second[diagram_key(tricky)].svg


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended: it waits only for its parent to read its status


def test_a_run_over_its_time_is_stopped_with_its_children(tmp_path: Path) -> None:
    """Chromium starts helper processes: on timeout the whole process group is killed."""
    pid_file = tmp_path / "child.pid"
    started = time.monotonic()
    with pytest.raises(ChromiumError, match="did not finish drawing within 1 s"):
        _run(["sh", "-c", f"sleep 60 & echo $! > {pid_file}; wait"], timeout=1)
    assert time.monotonic() - started < 10
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child)
