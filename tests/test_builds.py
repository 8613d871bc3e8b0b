"""A failed or interrupted site build leaves the last good site; the next run ends as a clean build
does; two clean builds give the same bytes; no subprocess outlives a killed run."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from notes2book.build import Step, run_build
from notes2book.children import JOBS_VARIABLE, run_child
from notes2book.config import Project
from notes2book.convert import convert
from notes2book.diagnostics import Diagnostics
from notes2book.faults import FAULT
from notes2book.site import BuildError, build_html
from notes2book.slugs import slugify
from notes2book.write import JOURNAL

from builds import group_members, kill_run_at, wait_until_gone
from projects import REPO, VAULTS, make_project, tree_bytes

# Files Sphinx stamps (README, "What a failed build leaves"): none differs between our clean builds.
STAMPED: set[str] = set()
SITE = (Step.CONVERT, Step.HTML)  # what `convert` then `html` do (and each `serve` rebuild)
# The seed vault's two questions, in the order of its home note.
QUESTION_1 = "Comment penser le marketing et la communication avec le numérique"
QUESTION_2 = "Les outils numériques liés au marketing et à la communication"


def _site(project: Project) -> dict[str, bytes]:
    return {rel: data for rel, data in tree_bytes(project.build / "html").items() if rel not in STAMPED}


def _clean_site(tmp: Path, vault: Path, hash_seed: str) -> dict[str, bytes]:
    """The site of a fresh project of `vault`, built once, with its own hash seed (sets iterate in
    another order)."""
    project = make_project(tmp, vault)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONHASHSEED", hash_seed)
        run_build(project, SITE)
    return _site(project)


def _failing(project: Project, fault: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(FAULT, f"raise@{fault}")
        with pytest.raises(BuildError, match="fault injected"):
            build_html(project)


def test_failed_and_interrupted_builds_keep_the_last_site(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(VAULTS / "seed", vault)
    reference = _clean_site(tmp_path / "reference", vault, "1")
    project = make_project(tmp_path / "project", vault)
    convert(project, Diagnostics())

    # The first build killed mid-way, then one failing: no site yet, and nothing of theirs remains.
    pgid = kill_run_at(project.root, "html", "html-page-context#3", tmp_path)
    assert wait_until_gone(pgid) == []
    assert not (project.build / "html").exists()
    _failing(project, "doctree-read#2")
    assert not (project.build / "html").exists()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONHASHSEED", "2")
        build_html(project)
    first = _site(project)
    assert first == reference  # two clean builds, whatever the hash seed, and the first after failures

    # A later build fails once every file is written: the published site keeps its bytes.
    note = project.vault / "ressources" / next(p.name for p in (project.vault / "ressources").iterdir())
    note.write_text(note.read_text(encoding="utf-8") + "\nUn ajout.\n", encoding="utf-8")
    (vault / "ressources" / note.name).write_text(note.read_text(encoding="utf-8"), encoding="utf-8")
    convert(project, Diagnostics())
    _failing(project, "build-finished")
    assert _site(project) == first

    # Then a normal run: the same bytes as a clean build of the changed notes.
    build_html(project)
    assert _site(project) == _clean_site(tmp_path / "reference-2", vault, "3")
    leftovers = {p.name for p in project.build.iterdir()}
    assert leftovers == {"html", ".site", ".cache"}  # .cache: the pages `convert` may reuse


def test_a_rebuild_after_a_change_equals_a_clean_build(tmp_path: Path) -> None:
    """Incremental: only the changed page is read again, and the site is still a clean build's; also
    when the change is what the hover previews of links to the page show (its first paragraph), and
    when it is a title, which the navigation of every page shows."""
    vault = tmp_path / "vault"
    shutil.copytree(VAULTS / "seed", vault)
    project = make_project(tmp_path / "project", vault)
    run_build(project, SITE)
    note = next((project.vault / "ressources").iterdir())
    note.write_text(note.read_text(encoding="utf-8") + "\nUn ajout.\n", encoding="utf-8")
    (vault / "ressources" / note.name).write_text(note.read_text(encoding="utf-8"), encoding="utf-8")
    log = run_build(project, SITE).site.log
    assert "1 changed" in log
    assert _site(project) == _clean_site(tmp_path / "reference", vault, "4")

    linked = project.vault / "ressources" / "Marketing numérique.md"  # linked to from the questions
    summary = "Un nouveau paragraphe, assez long pour faire un bon apercu du lien."  # ASCII: the scripts escape
    linked.write_text(linked.read_text(encoding="utf-8").replace("Résumé de la ressource.", summary), encoding="utf-8")
    shutil.copy(linked, vault / "ressources" / linked.name)
    run_build(project, SITE)
    previews = [data.decode() for rel, data in _site(project).items() if rel.startswith("_static/tippy/")]
    assert sum(summary in text for text in previews) >= 2  # its own page's previews and a question's
    assert _site(project) == _clean_site(tmp_path / "reference-2", vault, "5")

    linked.write_text(linked.read_text(encoding="utf-8").replace("# [Marketing numérique]", "# [Marketing en ligne]"),
                      encoding="utf-8")
    shutil.copy(linked, vault / "ressources" / linked.name)
    run_build(project, SITE)
    [tree] = [data.decode() for rel, data in _site(project).items() if rel.startswith("_static/notes2book-nav.")]
    assert "Marketing en ligne" in tree
    clean = _clean_site(tmp_path / "reference-3", vault, "6")
    # Every file of a clean build, byte for byte. (Sphinx also leaves the course map's previous
    # drawing in _images/, which no page names any more: a file too many, not a wrong one.)
    assert {rel: data for rel, data in _site(project).items() if rel in clean} == clean


def interrupt_convert_after_journal(project: Project, note: Path, text: str) -> None:
    """Change `note`, then a `convert` stopped once its journal is written, before it moves a file."""
    note.write_text(note.read_text(encoding="utf-8") + text, encoding="utf-8")
    def crash(point: str) -> None:
        if point == "journal-written":
            raise _Crash(point)

    with pytest.raises(_Crash):
        convert(project, Diagnostics(), fault=crash)
    assert (project.book / JOURNAL).exists()


class _Crash(Exception):
    """The process dying at a fault point (a Ctrl-C there would finish the moves itself)."""


def test_html_completes_an_interrupted_book_write(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    convert(project, Diagnostics())
    interrupt_convert_after_journal(project, project.vault / "Accueil.md", "\nÉcrit par le journal.\n")
    site = build_html(project).output
    assert not (project.book / JOURNAL).exists()
    assert "Écrit par le journal." in (site / "book/accueil.html").read_text(encoding="utf-8")


def test_no_child_outlives_a_killed_parent(tmp_path: Path) -> None:
    """What a child starts (here two shells) ends with the run that started it, killed or not."""
    ready = tmp_path / "ready"
    script = (f"import sys; sys.path.insert(0, {str(REPO)!r}); from notes2book.children import run_child; "
              f"run_child(['sh', '-c', 'sleep 600 & sleep 600 & echo $$ > {ready}; wait'], 900)")
    parent = subprocess.Popen([sys.executable, "-c", script])
    while not (ready.exists() and ready.read_text().strip()):
        assert parent.poll() is None
        time.sleep(0.05)
    pgid = os.getpgid(int(ready.read_text()))
    assert pgid != os.getpgid(0) and len(group_members(pgid)) == 4  # guard, shell, two sleeps
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    assert wait_until_gone(pgid) == []


def test_an_interrupted_wait_ends_the_group(tmp_path: Path) -> None:
    """Ctrl-C (a KeyboardInterrupt) while a child runs: its whole group is killed, then it propagates."""
    ready, seen = tmp_path / "ready", {}

    def ctrl_c(*_: object) -> None:  # stands for the user's Ctrl-C, once the child's group is up
        if ready.exists() and ready.read_text().strip():
            seen["pgid"] = os.getpgid(int(ready.read_text()))
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, ctrl_c)
    signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
    try:
        with pytest.raises(KeyboardInterrupt):
            run_child(["sh", "-c", f"sleep 600 & echo $$ > {ready}; wait"], 900)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert wait_until_gone(seen["pgid"]) == []


def test_the_navigation_script_changes_only_with_the_course_tree(tmp_path: Path) -> None:
    """The course tree every page shares (notes2book.navigation) is one script named by its
    content: a rebuild with the same tree leaves it untouched, and the home page too (Sphinx
    writes it at every build); a changed title gives a new script, which every page names, as a
    clean build does; so does a new order of the course."""
    vault = tmp_path / "vault"
    shutil.copytree(VAULTS / "seed", vault)
    project = make_project(tmp_path / "project", vault)
    run_build(project, SITE)
    static = project.build / ".site" / "_build" / "html" / "_static"
    [script] = static.glob("notes2book-nav.*.js")
    written = script.stat().st_mtime_ns
    home = static.parent / "book" / "accueil.html"
    home_written = home.stat().st_mtime_ns

    def edit(old: str, new: str) -> str:
        """Change the note, then rebuild: Jupyter Book's log."""
        for copy in (project.vault, vault):
            note = copy / "ressources" / "Marketing numérique.md"
            note.write_text(note.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        return run_build(project, SITE).site.log

    assert "1 changed" in edit("Résumé de la ressource.", "Résumé de la ressource, revu.")  # the text, not the tree
    assert list(static.glob("notes2book-nav.*.js")) == [script] and script.stat().st_mtime_ns == written
    assert home.stat().st_mtime_ns == home_written  # nor the home page, which shows nothing of that text

    edit("# [Marketing numérique]", "# [Le marketing numérique]")  # a title of the tree
    [renamed] = static.glob("notes2book-nav.*.js")
    assert renamed != script and "Le marketing num" in renamed.read_text(encoding="utf-8")
    # As a clean build, but for the course map of the old title, which Sphinx's graphviz leaves in
    # _images/ (no page links to it any more).
    site, clean = _site(project), _clean_site(tmp_path / "reference", vault, "5")
    stale = {name for name in site.keys() - clean.keys() if name.startswith("_images/graphviz-")}
    assert {name: data for name, data in site.items() if name not in stale} == clean

    # The course reordered in the home note: the tree in the new order, as a clean build's.
    first, second = (f"- [[{name}]]" for name in (QUESTION_1, QUESTION_2))
    for copy in (project.vault, vault):
        note = copy / "Accueil.md"
        note.write_text(note.read_text(encoding="utf-8").replace(first, "@").replace(second, first).replace("@", second),
                        encoding="utf-8")
    run_build(project, SITE)
    [reordered] = static.glob("notes2book-nav.*.js")
    tree = reordered.read_text(encoding="utf-8")
    assert tree.index(slugify(QUESTION_2)) < tree.index(slugify(QUESTION_1))
    site, clean = _site(project), _clean_site(tmp_path / "reference-2", vault, "6")
    assert {name: data for name, data in site.items() if not name.startswith("_images/graphviz-")} == \
        {name: data for name, data in clean.items() if not name.startswith("_images/graphviz-")}


def test_a_build_on_two_cores_equals_a_build_on_one(tmp_path: Path) -> None:
    """Sphinx reads and writes the pages in several processes (every extension declared safe for
    it, or -W would fail the build), and the site is the same bytes as a build in one process:
    pages, hover previews gathered from the writing processes, search index."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(JOBS_VARIABLE, "2")
        project = make_project(tmp_path / "two", VAULTS / "seed")
        log = run_build(project, SITE).site.log
    # Pages read and written by chunks, which Sphinx shows as "first .. last".
    assert re.search(r"reading sources\.\.\. .*\S \.\. \S", log), log
    assert re.search(r"writing output\.\.\. .*\S \.\. \S", log), log
    two = _site(project)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(JOBS_VARIABLE, "1")
        one = _clean_site(tmp_path / "one", VAULTS / "seed", "6")
    assert two == one
    assert any(name.startswith("_static/tippy/book/ressources/") for name in two)
