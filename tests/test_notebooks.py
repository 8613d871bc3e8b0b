"""Each question gets a learner workbook: the expected cells, valid for nbformat, same bytes every run."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from notes2book.config import NOTEBOOK_LANGUAGES, ConfigError, Project, load_project
from notes2book.convert import Conversion, convert_vault
from notes2book.diagnostics import Diagnostics
from notes2book.notebooks import KERNELS, WORKBOOKS, workbook_path
from notes2book.parse import Page, plain_text
from notes2book.sphinxext import DOSSIERS, FILES, _copy_reached_files
from notes2book.workbookzip import ZIP_DATE, zip_path

from projects import REPO, VAULTS, convert_files, make_project, make_project_folder

LINK = re.compile(r"\]\(([^)\s]+)\)")
ANSWER_CALLOUT = re.compile(r"^> \[!(question|exercise)\]", re.MULTILINE | re.IGNORECASE)


def _convert(tmp: Path, vault: Path, config_extra: str = "") -> tuple[Project, Conversion]:
    project = make_project(tmp, vault, config_extra)
    return project, convert_vault(project, Diagnostics())


def _workbooks(conversion: Conversion) -> dict[str, bytes]:
    """The workbooks a conversion writes into the book."""
    return {path: data for path, data in conversion.files.pages.items() if path.startswith(f"{WORKBOOKS}/")}


def _notebook(data: bytes) -> nbformat.NotebookNode:
    notebook = nbformat.reads(data.decode(), as_version=nbformat.NO_CONVERT)
    nbformat.validate(notebook)
    return notebook


def _roles(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.metadata["notes2book"]["role"] for cell in notebook.cells]


def _cell(notebook: nbformat.NotebookNode, role: str) -> nbformat.NotebookNode:
    return next(cell for cell in notebook.cells if cell.metadata["notes2book"]["role"] == role)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Conversion, dict[str, bytes]]:
    _, conversion = _convert(tmp_path_factory.mktemp("sample"), REPO / "notes")
    return conversion, _workbooks(conversion)


@pytest.fixture(scope="module")
def fixture_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Conversion]:
    return _convert(tmp_path_factory.mktemp("workbooks"), VAULTS / "workbooks")


def _questions(conversion: Conversion) -> list[Page]:
    return [page for page in conversion.pages if page.note.kind == "question"]


def _first_paragraph(page: Page) -> str:
    tokens = page.tokens
    return next(plain_text(tokens[i + 1]) for i, t in enumerate(tokens)
                if t.type == "paragraph_open" and t.level == 0)


def test_every_question_has_a_valid_workbook_and_nothing_else(sample: tuple[Conversion, dict[str, bytes]]) -> None:
    conversion, files = sample
    expected = {workbook_path(conversion.index.docnames[page.note.path]) for page in _questions(conversion)}
    assert len(expected) == 7
    assert set(files) == expected | {zip_path("fr")}
    for path in expected:
        notebook = _notebook(files[path])
        assert notebook.nbformat == 4 and notebook.nbformat_minor == 5
        assert notebook.metadata["kernelspec"]["name"] == "python3"
        assert notebook.metadata["language_info"]["name"] == "python"
        assert len({cell.id for cell in notebook.cells}) == len(notebook.cells)


@pytest.mark.parametrize("number", range(7))
def test_sample_workbook_cells(sample: tuple[Conversion, dict[str, bytes]], number: int) -> None:
    conversion, files = sample
    page = _questions(conversion)[number]
    notebook = _notebook(files[workbook_path(conversion.index.docnames[page.note.path])])
    roles = _roles(notebook)
    assert notebook.metadata["notes2book"]["source"] == page.note.path
    assert roles[0] == "title" and notebook.cells[0].source.startswith(f"# {page.title}\n")
    assert roles[1] == "question" and _first_paragraph(page)[:60] in notebook.cells[1].source
    assert roles[-1] == "notes" and notebook.cells[-1].source.startswith("## Mes notes\n")
    exercises = len(ANSWER_CALLOUT.findall(page.note.body))
    assert roles.count("answer") == roles.count("exercise") == exercises
    for position, role in enumerate(roles):
        if role == "answer":
            assert roles[position - 1] == "exercise"
            assert notebook.cells[position].source == "*Votre réponse…*"
    assert roles.count("reading") == 1 and roles.index("reading") > max(
        [i for i, r in enumerate(roles) if r in ("question", "exercise")])
    # Only the title and the reading list come from outside the note's own text.
    text = "".join(cell.source for cell in notebook.cells)
    assert ":::" not in text and "{." not in text and ")=\n" not in text


@pytest.mark.parametrize("number", range(7))
def test_reading_list_names_site_pages_and_links_sources(sample: tuple[Conversion, dict[str, bytes]],
                                                         number: int) -> None:
    """Without the site's address, each reading is named with the course site's page to open,
    never linked relative to the site's folders; its source keeps its link."""
    conversion, files = sample
    index = conversion.index
    page = _questions(conversion)[number]
    docname = index.docnames[page.note.path]
    reading = _cell(_notebook(files[workbook_path(docname)]), "reading").source
    resources = [t for t in conversion.graph.targets(page.note.path) if index.pages[t].note.kind == "resource"]
    assert resources
    assert [url for url in LINK.findall(reading) if not url.startswith(("https://", "http://"))] == []
    for path in resources:
        title = index.pages[path].title
        assert f"{title} (page du site du cours)" in reading or f"(page «\u00a0{title}\u00a0» du site du cours)" in reading, path
        url = index.pages[path].source_url
        if url is not None:
            assert f"]({url})" in reading, path
    assert sum(index.pages[p].source_url is not None for p in resources) >= 2


def test_workbooks_are_byte_identical_across_runs(tmp_path: Path,
                                                  sample: tuple[Conversion, dict[str, bytes]]) -> None:
    _, files = sample
    _, conversion = _convert(tmp_path / "again", REPO / "notes")
    assert _workbooks(conversion) == files


def test_zip_holds_every_workbook_with_fixed_dates(sample: tuple[Conversion, dict[str, bytes]]) -> None:
    _, files = sample
    with zipfile.ZipFile(io.BytesIO(files[zip_path("fr")])) as archive:
        infos = archive.infolist()
        assert {info.filename for info in infos} == {
            "cahiers/" + path[len(WORKBOOKS) + 1:] for path in files if path.endswith(".ipynb")}
        for info in infos:
            assert info.date_time == ZIP_DATE
            assert archive.read(info) == files[f"{WORKBOOKS}/{info.filename.split('/', 1)[1]}"]


def test_images_travel_inside_the_workbook(sample: tuple[Conversion, dict[str, bytes]]) -> None:
    conversion, files = sample
    path = next(p for p in files if "strategie-numerique" in p)
    cell = next(c for c in _notebook(files[path]).cells if c.get("attachments"))
    (name, bundle), = cell.attachments.items()
    assert f"](attachment:{name})" in cell.source
    image = conversion.vault.disk_path("images/cycle-strategie-numerique.png").read_bytes()
    assert base64.b64decode(bundle["image/png"]) == image


def test_a_built_workbook_says_which_pages_of_the_course_site_to_open(sample_site: Path) -> None:
    """A workbook downloaded from the built site, read with nbformat: no link relative to the site's
    folders (they lead nowhere on the learner's machine); the question and each reading are
    named by the title of a page of the site."""
    book = sample_site / "book"
    titles = {re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", match))).replace("\u202f", " ").strip()
              for page in book.rglob("*.html")
              for match in re.findall(r"<h1>(.*?)<a class=\"headerlink\"", page.read_text(encoding="utf-8"))}
    workbooks = sorted((book / WORKBOOKS).rglob("*.ipynb"))
    assert len(workbooks) == 7
    for path in workbooks:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
        relative = [url for url in LINK.findall(text) if not url.startswith(("https://", "http://", "attachment:"))]
        assert relative == [], path
        title = notebook.cells[0].source.split("\n", 1)[0].removeprefix("# ")
        assert f"Cette question est aussi la page «\u00a0{title}\u00a0» du site du cours." in notebook.cells[0].source
        named = re.findall(r"\(page «\u00a0(.+?)\u00a0» du site du cours\)", text)
        named += re.findall(r"^(?:- |\d+\. )(.+?) \(page du site du cours\)", text, re.MULTILINE)
        assert len(named) >= 2, path
        for name in [title, *named]:
            assert name.replace("\u202f", " ") in titles, (path, name)


def test_code_fences_callouts_and_the_rest(fixture_vault: tuple[Project, Conversion]) -> None:
    _, conversion = fixture_vault
    files = _workbooks(conversion)
    notebook = _notebook(files["_workbooks/comment-calculer-une-moyenne.ipynb"])
    roles = _roles(notebook)
    assert roles == ["title", "question", "code", "question", "exercise", "answer", "question", "exercise",
                     "answer", "question", "reading", "exercise", "answer", "notes"]
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [c.source for c in code] == ["valeurs = [12, 15, 9]\nprint(sum(valeurs) / len(valeurs))"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    text = "\n".join(cell.source for cell in notebook.cells)
    assert "```text\n=MOYENNE(A1:A3)\n```" in text and "```r\nmean" in text
    assert "> **Astuce**" in text and "> **Pour finir**" in text  # a tip is shown, and gets no answer
    assert "<mark>un seul nombre</mark>" in text and "Voir aussi Note absente et" in text
    assert "## Aller plus loin\n" in text and "> Un encadré repris dans la question." in text
    assert "Voir [Comment lire" not in text  # navigation after the reading list is the site's business
    reading = _cell(notebook, "reading").source
    assert "- Source A (page «\u00a0Les moyennes expliquées\u00a0» du site du cours) [source ↗](https://example.org/moyennes)" in reading
    assert "- les détails (page «\u00a0Notes de cours\u00a0» du site du cours)\\" in reading
    assert "- [Wikipédia](https://fr.wikipedia.org/wiki/Moyenne)" in reading


def test_a_question_without_a_list_reads_the_resources_it_links(fixture_vault: tuple[Project, Conversion]) -> None:
    _, conversion = fixture_vault
    notebook = _notebook(_workbooks(conversion)["_workbooks/comment-lire-un-tableau.ipynb"])
    assert _roles(notebook) == ["title", "question", "reading", "notes"]
    assert _cell(notebook, "reading").source.endswith(
        "- Les moyennes expliquées (page du site du cours) [source ↗](https://example.org/moyennes)")


def test_admonition_fences_are_callouts_in_workbooks(tmp_path: Path) -> None:
    """An ad-question or ad-exercise fence is an exercise with its answer cell, as `> [!question]`."""
    question = (
        "---\ntags: question\n---\n# Une question\n\nIntroduction.\n\n"
        "```ad-question\ntitle: À vous\ncollapse: closed\nQue dit [[Source]] ?\n```\n\n"
        "```ad-tip\nUne astuce.\n```\n\n"
        "```ad-exercise\n```\n\n"
        "```dataview\nLIST\n```\n\n"
        "- [[Source]]\n"
    )
    files = {"Question.md": question.encode(), "Source.md": b"---\ntags: ressource\n---\n# Source\n"}
    _, pages = convert_files(tmp_path, files)
    notebook = _notebook(pages["_workbooks/question.ipynb"])
    assert _roles(notebook) == ["title", "question", "exercise", "answer", "question", "exercise", "answer",
                                "question", "reading", "notes"]
    sources = [cell.source for cell in notebook.cells]
    assert sources[2] == "> **À vous**\n>\n> Que dit Source (page du site du cours) ?"
    assert sources[3] == "*Votre réponse…*"
    assert sources[4] == "> **Astuce**\n>\n> Une astuce."
    assert sources[5] == "> **Exercice**"
    assert sources[7] == ("> **Requête Dataview**\n>\n"
                          "> Ce bloc est calculé par Obsidian et n’est pas reproduit ici.")


def test_kernel_and_answer_callouts_are_settings(tmp_path: Path) -> None:
    extra = "  answer_callouts: Tip\n  notebook_language: r\n"
    _, conversion = _convert(tmp_path, VAULTS / "workbooks", extra)
    notebook = _notebook(_workbooks(conversion)["_workbooks/comment-calculer-une-moyenne.ipynb"])
    assert notebook.metadata["kernelspec"]["name"] == "ir"
    assert [c.source for c in notebook.cells if c.cell_type == "code"] == ["mean(c(12, 15, 9))"]
    exercise = notebook.cells[_roles(notebook).index("exercise")]
    assert exercise.source.startswith("> **Astuce**") and _roles(notebook).count("answer") == 1


def test_bad_notebook_settings_are_reported_together(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        make_project(tmp_path, VAULTS / "workbooks", "  notebook_language: pyhton\n  answer_callouts: 3\n")
    problems = "\n".join(error.value.problems)
    assert "notes2book.notebook_language: expected one of python, r, got 'pyhton' (did you mean 'python'?)" in problems
    assert "notes2book.answer_callouts: expected a list of strings, got 3" in problems


def test_settings_name_every_kernel_and_no_other() -> None:
    assert set(NOTEBOOK_LANGUAGES) == set(KERNELS)


def test_english_course_words(tmp_path: Path) -> None:
    root = make_project_folder(tmp_path, VAULTS / "workbooks")
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    files = _workbooks(convert_vault(load_project(root), Diagnostics()))
    assert zip_path("en") in files and zip_path("fr") not in files
    notebook = _notebook(files["_workbooks/comment-calculer-une-moyenne.ipynb"])
    assert _cell(notebook, "answer").source == "*Your answer…*"
    assert _cell(notebook, "notes").source.startswith("## My notes\n")
    assert _cell(notebook, "reading").source.startswith("## Reading list\n")


def test_sphinx_extension_copies_the_workbooks_pages_link(tmp_path: Path) -> None:
    book = tmp_path / "src" / "book" / WORKBOOKS
    for name in ("questions/q.ipynb", "orpheline.ipynb"):
        (book / name).parent.mkdir(parents=True, exist_ok=True)
        (book / name).write_bytes(b"{}\n")
    env = SimpleNamespace(found_docs={"book/questions/q"},
                          **{FILES: {"book/questions/q": {f"book/{WORKBOOKS}/questions/q.ipynb"}}, DOSSIERS: {}})
    app = SimpleNamespace(srcdir=str(tmp_path / "src"), outdir=str(tmp_path / "out"), env=env,
                          builder=SimpleNamespace(name="html", format="html"))
    _copy_reached_files(app, None)
    assert (tmp_path / "out" / "book" / WORKBOOKS / "questions" / "q.ipynb").read_bytes() == b"{}\n"
    assert not (tmp_path / "out" / "book" / WORKBOOKS / "orpheline.ipynb").exists()  # no page links it


def test_workbook_links_are_the_published_site_s_addresses_when_it_is_known(tmp_path: Path) -> None:
    """A downloaded workbook sits on the learner's machine: links relative to the site's folders
    would lead nowhere there; with `html.baseurl`, they are the published pages' addresses."""
    _, conversion = _convert(tmp_path, REPO / "notes", "\nhtml:\n  baseurl: https://cours.example.org/musees/\n")
    files = _workbooks(conversion)
    page = _questions(conversion)[0]
    docname = conversion.index.docnames[page.note.path]
    notebook = _notebook(files[workbook_path(docname)])
    links = [url for cell in notebook.cells if cell.cell_type == "markdown" for url in LINK.findall(cell.source)]
    assert f"https://cours.example.org/musees/book/{docname}.html" in links  # the question's page
    internal = [url for url in links if not url.startswith(("https://", "http://", "attachment:", "#"))]
    assert internal == []
    assert any(url.startswith("https://cours.example.org/musees/book/ressources/") for url in links)


def test_a_site_address_that_is_not_one_is_reported(tmp_path: Path) -> None:
    from notes2book.config import ConfigError

    with pytest.raises(ConfigError, match=r"html\.baseurl"):
        make_project(tmp_path, REPO / "notes", "\nhtml:\n  baseurl: cours/musees\n")
