"""The command line as a trainer uses it: exit codes, reports, and what it writes or leaves alone."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from notes2book.lock import LOCK_FILE, Holder, ProjectLock

from builds import paused_at
from projects import REPO, VAULTS, fingerprint, make_project, make_project_folder, run_cli, start_cli, tree_bytes


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, "--root", str(root))


def test_check_reports_each_problem_with_file_and_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "broken")
    done = run(project.root, "check", "--format", "json")
    assert done.returncode == 1  # the vault has errors
    found = {(d["code"], d["file"], d["line"]) for d in json.loads(done.stdout)}
    assert ("front-matter-yaml", "YAML cassé.md", 4) in found
    assert ("not-utf8", "Note Windows.md", 4) in found
    assert ("front-matter-not-mapping", "sous-dossier/profond/Sans titre.md", 2) in found
    assert ("link-unresolved", "Question valide.md", 6) in found
    missing = next(d for d in json.loads(done.stdout) if d["file"] == "Accueil.md")
    assert missing["hint"] == "did you mean [[Question valide]]?"
    assert not (project.root / "book").exists() and not project.toc.exists()  # check writes nothing


def test_check_text_output_and_strict(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    assert run(project.root, "check").returncode == 0
    (project.vault / "Nouvelle.md").write_text("# Nouvelle\n\n[[Introuvable]]\n", encoding="utf-8")
    relaxed = run(project.root, "check")
    assert relaxed.returncode == 0
    assert "Nouvelle.md:3: warning: no note or file named 'Introuvable'" in relaxed.stdout
    assert run(project.root, "check", "--strict").returncode == 1


def test_summary_counts_what_it_lists(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "broken")
    # The same broken link twice on one line is one problem, listed once and counted once.
    (project.vault / "Doublon.md").write_text("# Doublon\n\n[[Absente]] et [[Absente]]\n", encoding="utf-8")
    out = run(project.root, "check").stdout.splitlines()
    summary = out[-1]
    listed = {s: sum(f": {s}: " in line for line in out) for s in ("error", "warning", "info")}
    assert summary == (f"{listed['error']} error(s), {listed['warning']} warning(s), "
                       f"{listed['info']} note(s)")
    assert sum("Doublon.md:3:" in line for line in out) == 1


def test_bad_vault_still_converts_the_rest(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "broken")
    done = run(project.root, "convert")
    assert done.returncode == 1
    assert "YAML cassé.md:4: error" in done.stderr
    page = (project.book / "yaml-casse.md").read_text(encoding="utf-8")
    assert "Son texte est conservé" in page and "[Ressource présente](ressource-presente.md)" in page
    assert "Café crème" in (project.book / "note-windows.md").read_text(encoding="utf-8")


def test_settings_errors_are_reported_together_with_suggestions(tmp_path: Path) -> None:
    root = make_project_folder(tmp_path, VAULTS / "seed", config_extra="  hom: Accueil\n  question_tags: 3\n")
    done = run(root, "convert")
    assert done.returncode == 2
    assert "notes2book.hom: unknown setting (did you mean 'home'?)" in done.stderr
    assert "notes2book.question_tags: expected a list of strings" in done.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run(tmp_path, "convert").returncode == 2  # no _config.yml there
    project = make_project(tmp_path / "p", VAULTS / "seed")
    assert run(project.root, "convert", "--vault", str(tmp_path / "nowhere")).returncode == 2
    assert run(project.root, "frobnicate").returncode == 2
    assert run(project.root, "serve", "--strict").returncode == 2  # a preview has no strictness to obey


def test_vault_option_and_vault_never_modified(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    other = tmp_path / "autre-coffre"
    (other / "sous").mkdir(parents=True)
    (other / "Accueil.md").write_text("# Autre cours\n\n## Partie\n\n- [[sous/Page]]\n", encoding="utf-8")
    (other / "sous/Page.md").write_text("# Page\n", encoding="utf-8")
    before = fingerprint(other), fingerprint(project.vault)
    assert run(project.root, "convert", "--vault", str(other)).returncode == 0
    assert run(project.root, "check", "--vault", str(other)).returncode == 0
    assert (project.book / "sous/page.md").exists()
    assert (fingerprint(other), fingerprint(project.vault)) == before


def test_convert_keeps_hand_written_files_and_removes_only_its_own(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    (project.book / "mes-pages").mkdir(parents=True)
    hand_written = project.book / "mes-pages/annexe.md"
    hand_written.write_text("# Annexe écrite à la main\n", encoding="utf-8")
    assert run(project.root, "convert").returncode == 0
    old_page = project.book / "ressources/marketing-numerique.md"
    assert old_page.exists()
    (project.vault / "ressources/Marketing numérique.md").unlink()
    assert run(project.root, "convert").returncode == 0
    assert not old_page.exists()  # generated by an earlier run, no longer wanted
    assert hand_written.read_text(encoding="utf-8") == "# Annexe écrite à la main\n"


def test_second_convert_rewrites_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    run(project.root, "convert")
    first = fingerprint(project.book)
    done = run(project.root, "convert")
    assert "0 file(s) written" in done.stderr
    assert fingerprint(project.book) == first  # same bytes and same mtimes: Sphinx rebuilds nothing


@pytest.mark.slow
def test_build_makes_the_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    done = run(project.root, "build")
    assert done.returncode == 0, done.stderr
    assert (project.root / "_build/html/book/accueil.html").exists()
    assert tree_bytes(project.book)


def test_renamed_target_gets_a_hint_naming_the_right_note(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    (project.vault / "ressources/Marketing numérique.md").rename(project.vault / "ressources/Le marketing numérique.md")
    done = run(project.root, "check", "--format", "json")
    problems = [d for d in json.loads(done.stdout) if d["code"] == "link-unresolved"]
    assert problems == [{
        "code": "link-unresolved", "severity": "warning",
        "file": "Comment penser le marketing et la communication avec le numérique.md", "line": 16,
        "message": "no note or file named 'Marketing numérique'",
        "hint": "did you mean [[Le marketing numérique]]?",
    }]


def test_every_command_and_setting_is_documented_in_the_readme() -> None:
    from dataclasses import fields

    from notes2book.cli import _parser
    from notes2book.config import Settings

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = next(a for a in _parser()._actions if a.dest == "command").choices
    for command in commands:
        assert f"python -m notes2book {command}" in readme, command
    for setting in fields(Settings):
        name = setting.name.removeprefix("pdf_")
        assert f"`{name}`" in readme, setting.name


# Failures: each is a message and an exit code, never a traceback; one run at a time per project.

def start(root: Path, *args: str, **options: Any) -> subprocess.Popen[str]:
    return start_cli(*args, "--root", str(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)


def no_traceback(done: subprocess.CompletedProcess[str]) -> bool:
    return "Traceback" not in done.stderr and "Traceback" not in done.stdout


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped), as a killed run leaves in its lock file."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


class Fifo:
    """A note that is a named pipe: a run reading the vault blocks on it, holding the project's lock,
    until the test has opened its other end. That is the deterministic point at which to
    interrupt the run, or to pull the vault from under it."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path = path
        self.fd: int | None = None

    def wait_for_reader(self, timeout: float = 120) -> None:
        opener = threading.Thread(target=self._open, daemon=True)
        opener.start()
        opener.join(timeout)
        if self.fd is None:  # the run never got there: unblock our thread before failing
            os.close(os.open(self.path, os.O_RDONLY | os.O_NONBLOCK))
            raise AssertionError("the run never read the vault")

    def _open(self) -> None:
        self.fd = os.open(self.path, os.O_WRONLY)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)


def test_a_second_run_says_who_holds_the_project_and_exits_2(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    with ProjectLock(project.root, "convert") as lock:
        done = run(project.root, "convert", "--wait", "0")
        assert lock.path.exists()
    assert done.returncode == 2 and no_traceback(done)
    assert f"another notes2book run (pid {os.getpid()}, `convert`, started at " in done.stderr
    assert "is using this project" in done.stderr
    assert not project.book.exists()  # it waited for nothing and wrote nothing
    assert not lock.path.exists()


def test_check_takes_no_lock(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    with ProjectLock(project.root, "convert"):
        assert run(project.root, "check").returncode == 0


def test_a_stale_lock_is_taken_over_and_removed(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    lock_file = project.root / LOCK_FILE
    lock_file.write_text(json.dumps({"pid": dead_pid(), "command": "convert", "started": "hier"}), encoding="utf-8")
    done = run(project.root, "convert", "--wait", "0")
    assert done.returncode == 0, done.stderr
    assert not lock_file.exists()


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_while_holding_the_lock_one_line_exit_130_lock_gone(tmp_path: Path, signal_number: int) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    fifo = Fifo(project.vault / "zz-en-attente.md")
    process = start(project.root, "convert")
    try:
        fifo.wait_for_reader()
        assert Holder.read(project.root / LOCK_FILE).pid == process.pid
        process.send_signal(signal_number)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        fifo.close()
    assert process.returncode == 130
    assert stderr == "interrupted\n" and stdout == ""
    assert not (project.root / LOCK_FILE).exists()


def test_interrupted_while_waiting_for_the_lock(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    with ProjectLock(project.root, "html"):
        process = start(project.root, "convert", "--wait", "600")
        assert process.stderr is not None
        first = process.stderr.readline()
        assert first.startswith(f"waiting for another notes2book run (pid {os.getpid()}, `html`")
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=120)
    assert process.returncode == 130 and rest == "interrupted\n"
    assert not (project.root / LOCK_FILE).exists() and not project.book.exists()


PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("point", "message"), [
    ("vault-read", "error: the vault folder {vault} disappeared while it was read [vault-vanished]"),
    ("book-write", "error: cannot read {vault}/image.png: No such file or directory; nothing was written"),
])
def test_the_vault_vanishing_mid_run_is_an_error_not_a_traceback(tmp_path: Path, point: str, message: str) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    (project.vault / "image.png").write_bytes(PNG)  # copied at the write: read from the vault then
    (project.vault / "Accueil.md").write_text("# Accueil\n\n![[image.png]]\n", encoding="utf-8")
    with paused_at(project.root, "convert", point, tmp_path) as done:
        shutil.rmtree(project.vault)  # an unmounted drive, a sync client
    assert done.returncode == 1 and no_traceback(done), done.stderr
    assert message.format(vault=project.vault) in done.stderr
    assert not project.toc.exists() and not tree_bytes(project.root / "book")  # nothing written
    assert not (project.root / LOCK_FILE).exists()


@pytest.mark.parametrize("command", ["convert", "check", "build"])
def test_a_missing_vault_is_named_and_exits_2(tmp_path: Path, command: str) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    shutil.rmtree(project.vault)
    done = run(project.root, command)
    assert done.returncode == 2 and no_traceback(done)
    assert done.stderr == f"error: the vault folder {project.vault} does not exist\n"
    assert not project.book.exists()


def test_a_name_that_is_not_utf8_is_reported_and_the_rest_converts(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    (project.vault / os.fsdecode(b"Caf\xe9.md")).write_text("# Caf\n", encoding="utf-8")  # Latin-1 bytes
    (project.vault / os.fsdecode(b"ressources/photo-\xe9t\xe9.png")).write_bytes(PNG)
    done = run(project.root, "convert")
    assert done.returncode == 1 and no_traceback(done), done.stderr
    assert "Caf\ufffd.md: error: this name is not UTF-8; skipped [name-not-utf8]" in done.stderr
    assert "ressources/photo-\ufffdt\ufffd.png: error: this name is not UTF-8; skipped" in done.stderr
    assert (project.book / "accueil.md").exists() and (project.book / "ressources/marketing-numerique.md").exists()


def test_an_output_folder_that_is_a_file_exits_2_naming_it(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.write_text("pas un dossier\n", encoding="utf-8")
    done = run(tmp_path, "convert", "--vault", str(VAULTS / "seed"), "--out", str(out))
    assert done.returncode == 2 and no_traceback(done), done.stderr
    assert done.stderr.startswith(f"error: {out}/") and "Not a directory" in done.stderr
    assert out.read_text(encoding="utf-8") == "pas un dossier\n"


def test_an_unwritable_output_folder_exits_2_naming_it(tmp_path: Path) -> None:
    (tmp_path / "ro").mkdir()
    out = tmp_path / "ro/site"
    with read_only(tmp_path / "ro"):
        done = run(tmp_path, "convert", "--vault", str(VAULTS / "seed"), "--out", str(out))
    assert done.returncode == 2 and no_traceback(done), done.stderr
    assert done.stderr.startswith(f"error: {out}: ")
    assert not out.exists()


@pytest.mark.parametrize("command", ["html", "pdf"])
def test_a_file_where_the_build_folder_goes_exits_2_naming_it(tmp_path: Path, command: str) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    assert run(project.root, "convert").returncode == 0
    shutil.rmtree(project.build)  # what `convert` keeps there to reuse (notes2book.rendercache)
    project.build.write_text("pas un dossier\n", encoding="utf-8")
    done = run(project.root, command)
    assert done.returncode == 2 and no_traceback(done), done.stderr
    assert f"error: {project.build}" in done.stderr
    assert project.build.read_text(encoding="utf-8") == "pas un dossier\n"


def test_a_file_where_the_book_goes_exits_2_with_a_message(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    project.book.write_text("pas un dossier\n", encoding="utf-8")
    done = run(project.root, "convert")
    assert done.returncode == 2 and no_traceback(done), done.stderr
    assert str(project.book) in done.stderr and "error: " in done.stderr
    assert project.book.read_text(encoding="utf-8") == "pas un dossier\n"
    assert not (project.root / LOCK_FILE).exists()


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` unwritable, even for root (for whom permissions are no obstacle: then immutable)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode != 0:
        pytest.skip("running as root on a file system without immutable folders")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_book_exits_2_with_a_message(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    project.book.mkdir()
    with read_only(project.book):
        done = run(project.root, "convert")
    assert done.returncode == 2 and no_traceback(done), done.stderr
    assert "error: " in done.stderr and str(project.book) in done.stderr
    assert not (project.root / LOCK_FILE).exists()


def test_a_full_disk_exits_2_with_a_message(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    # A file size limit makes writes fail as a full disk does, at a size rather than a moment.
    limit = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (2000, resource.RLIM_INFINITY))  # noqa: E731
    process = start(project.root, "convert", preexec_fn=limit)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 2 and "Traceback" not in stderr, stderr
    assert "error: " in stderr
    assert not (project.root / LOCK_FILE).exists()


@pytest.mark.parametrize("command", ["check", "html"])
def test_a_missing_logo_is_a_configuration_error(tmp_path: Path, command: str) -> None:
    root = make_project_folder(tmp_path, VAULTS / "seed")
    (root / "_static/logo.svg").rename(root / "_static/logo-musee.svg")
    done = run(root, command)
    assert done.returncode == 2 and no_traceback(done)
    assert "logo: no file '_static/logo.svg' in the project (did you mean '_static/logo-musee.svg'?)" in done.stderr
    assert not (root / "_build").exists()


@pytest.mark.parametrize("command", ["check", "convert"])
def test_a_home_that_names_no_note_is_a_configuration_error(tmp_path: Path, command: str) -> None:
    root = make_project_folder(tmp_path, VAULTS / "seed", config_extra="  home: Acceuil\n")
    done = run(root, command)
    assert done.returncode == 2 and no_traceback(done)
    assert "error: notes2book.home: no note named 'Acceuil' in the vault (did you mean 'Accueil'?)" in done.stderr
    assert not (root / "book").exists()


def test_without_a_home_setting_a_missing_home_note_gives_a_generated_home_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, VAULTS / "seed")
    (project.vault / "Accueil.md").unlink()
    done = run(project.root, "convert")
    assert done.returncode == 0, done.stderr
    assert "no home note named 'Accueil' in the vault [home-missing]" in done.stderr
    assert (project.book / "index.md").exists()


def test_an_unexpected_failure_is_one_line_unless_debugging(monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from notes2book import cli

    project = make_project(tmp_path, VAULTS / "seed")

    def broken(*_: object) -> int:
        raise ValueError("quelque chose d'imprévu")

    monkeypatch.setattr(cli, "_run", broken)
    assert cli.main(["convert", "--root", str(project.root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: notes2book failed unexpectedly (a bug): ValueError: quelque chose d'imprévu\n")
    assert "Traceback" not in err and not (project.root / LOCK_FILE).exists()
    monkeypatch.setenv("NOTES2BOOK_DEBUG", "1")
    assert cli.main(["convert", "--root", str(project.root)]) == 1
    assert "Traceback" in capsys.readouterr().err
