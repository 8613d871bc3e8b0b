"""The writer interrupted or failing at each of its steps, driven by its fault hook: the book is left
as before or as after, the next run ends byte-identical to a clean run, no temporary file stays,
and every failure of the file system is an OutputError that names the path."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from notes2book.config import Project
from notes2book.convert import convert, convert_vault
from notes2book.diagnostics import Diagnostics
from notes2book.errors import OutputError
from notes2book.write import JOURNAL, TEMP_PREFIX, BookFiles, write_book

from projects import VAULTS, make_project, outputs, tree_bytes


class Crash(Exception):
    """Stands for the process dying at a fault point: nothing after it runs but `finally` blocks."""


def _temps(root: Path) -> list[Path]:
    return sorted(root.rglob(TEMP_PREFIX + "*"))


def _new_version(vault: Path) -> None:
    """A note changed, one removed, one added in a new folder: every kind of step happens."""
    home = vault / "Accueil.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", encoding="utf-8")
    (vault / "ressources" / "Marketing numérique.md").unlink()
    (vault / "nouveau").mkdir()
    (vault / "nouveau" / "Une nouvelle note.md").write_text("# Une nouvelle note\n\nNeuve.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BookFiles, dict[str, bytes], dict[str, bytes]]:
    """The old project (book written), the new conversion's files, and the outputs before and after."""
    tmp = tmp_path_factory.mktemp("versions")
    old = make_project(tmp / "old", VAULTS / "seed")
    convert(old, Diagnostics())
    new = make_project(tmp / "new", VAULTS / "seed")
    _new_version(new.vault)
    files = convert_vault(new, Diagnostics()).files
    clean = tmp / "clean"
    _copyoutputs(old.root, clean)
    write_book(clean / "book", clean / "_toc.yml", files)
    before, after = outputs(old.root), outputs(clean)
    assert before != after
    return old.root, files, before, after


def _copyoutputs(source: Path, target: Path) -> None:
    shutil.copytree(source / "book", target / "book")
    shutil.copy2(source / "_toc.yml", target / "_toc.yml")


def _points(versions, tmp_path: Path) -> list[str]:  # noqa: ANN001 - the fixture's tuple
    old, files, _, _ = versions
    _copyoutputs(old, tmp_path / "record")
    points: list[str] = []
    write_book(tmp_path / "record" / "book", tmp_path / "record" / "_toc.yml", files, fault=points.append)
    kinds = {point.split(":")[0] for point in points}
    assert kinds == {"temp-written", "journal-written", "moved", "removed", "manifest-written"}
    return points


def _raising_at(point: str, error: BaseException):  # noqa: ANN202
    def fault(name: str) -> None:
        if name == point:
            raise error
    return fault


def test_interrupted_at_every_fault_point_the_next_run_completes_it(versions, tmp_path: Path) -> None:  # noqa: ANN001
    old, files, before, after = versions
    states = set()
    for n, point in enumerate(_points(versions, tmp_path)):
        work = tmp_path / f"at-{n}"
        _copyoutputs(old, work)
        with pytest.raises(Crash):
            write_book(work / "book", work / "_toc.yml", files, fault=_raising_at(point, Crash(point)))
        if (work / "book" / JOURNAL).exists():
            states.add("journal")
            now = {k: v for k, v in outputs(work).items() if TEMP_PREFIX not in k and k != f"book/{JOURNAL}"}
            for rel, data in now.items():  # every file whole: its old bytes or its new bytes
                assert data in (before.get(rel), after.get(rel)), (point, rel)
        else:
            assert not _temps(work), point  # failed before its journal: the temporary files are gone
            assert outputs(work) == before, point
            states.add("before")
        write_book(work / "book", work / "_toc.yml", files)
        assert outputs(work) == after, point
        assert not _temps(work), point
    assert states == {"before", "journal"}


def test_ctrl_c_at_every_fault_point_leaves_before_or_after_and_no_temporary_file(versions, tmp_path: Path) -> None:  # noqa: ANN001
    old, files, before, after = versions
    for n, point in enumerate(_points(versions, tmp_path)):
        work = tmp_path / f"at-{n}"
        _copyoutputs(old, work)
        with pytest.raises(KeyboardInterrupt):
            write_book(work / "book", work / "_toc.yml", files, fault=_raising_at(point, KeyboardInterrupt()))
        assert not _temps(work), point
        assert outputs(work) == (before if point.startswith("temp-written") else after), point


def _seed(tmp_path: Path) -> Project:
    project = make_project(tmp_path / "project", VAULTS / "seed")
    convert(project, Diagnostics())
    note = project.vault / "Accueil.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nModifié.\n", encoding="utf-8")
    return project


@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "the disk is full"),
    (errno.EACCES, "not writable"),
    (errno.EROFS, "not writable"),
    (errno.EIO, "check the folder"),
], ids=["full-disk", "permission", "read-only-fs", "other"])
def test_an_os_error_while_writing_is_an_output_error_and_leaves_no_temporary_file(
        tmp_path: Path, code: int, words: str) -> None:
    project = _seed(tmp_path)
    before = outputs(project.root)

    failed: list[str] = []

    def fail(point: str) -> None:
        if point.startswith("temp-written:"):  # the write call of the first changed file
            target = project.root / point.split(":", 1)[1]
            failed.append(str(target))
            raise OSError(code, os.strerror(code), str(target.with_name(TEMP_PREFIX + target.name)))

    with pytest.raises(OutputError) as caught:
        convert(project, Diagnostics(), fault=fail)
    message = str(caught.value)
    assert "\n" not in message and words in message and failed[0] in message
    assert not _temps(project.root)
    assert outputs(project.root) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root")
def test_a_read_only_book_is_an_output_error(tmp_path: Path) -> None:
    project = _seed(tmp_path)
    before = outputs(project.root)
    project.book.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="not writable"):
            convert(project, Diagnostics())
    finally:
        project.book.chmod(0o755)
    assert not _temps(project.root)
    assert outputs(project.root) == before


def test_a_file_named_book_is_an_output_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", VAULTS / "seed")
    project.book.write_text("pas un dossier\n", encoding="utf-8")
    with pytest.raises(OutputError, match="a file stands where the book folder must be"):
        convert(project, Diagnostics())
    assert project.book.read_text(encoding="utf-8") == "pas un dossier\n"
    assert not _temps(project.root) and not project.toc.exists()


@pytest.mark.parametrize("link", ["ressources", "accueil.md"], ids=["folder", "file"])
def test_a_symbolic_link_inside_the_book_is_never_written_through(tmp_path: Path, link: str) -> None:
    project = _seed(tmp_path)
    elsewhere = tmp_path / "ailleurs"
    (project.book / link).rename(elsewhere)
    (project.book / link).symlink_to(elsewhere)
    kept = tree_bytes(elsewhere) if elsewhere.is_dir() else elsewhere.read_bytes()
    with pytest.raises(OutputError, match="symbolic link") as caught:
        convert(project, Diagnostics())
    assert str(project.book / link) in str(caught.value)
    assert (tree_bytes(elsewhere) if elsewhere.is_dir() else elsewhere.read_bytes()) == kept
    assert not _temps(project.root) and not _temps(elsewhere.parent)
