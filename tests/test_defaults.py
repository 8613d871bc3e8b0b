"""A vault built from any folder, with no _config.yml: settings taken from the vault itself."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from notes2book.defaults import config_yaml, detect_language

from projects import REPO, VAULTS, fingerprint, run_cli


def run_in(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m notes2book ARGS` run from `cwd`, a folder with no _config.yml."""
    return run_cli(*args, cwd=cwd, timeout=900)


def _html_lang(page: Path) -> str:
    return re.search(r'<html lang="(\w+)"', page.read_text(encoding="utf-8")).group(1)


def test_a_vault_without_settings_builds_its_site_and_dossier(tmp_path: Path) -> None:
    vault = tmp_path / "Mon cours"
    shutil.copytree(VAULTS / "seed", vault)
    before = fingerprint(vault)
    done = run_in(tmp_path, "build", "--vault", "Mon cours")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "_config.yml").exists() and not (tmp_path / "book").exists()
    site = tmp_path / "_build" / "html"
    # The home page is the vault's home note, and the site's title is that note's title.
    assert "url=book/accueil.html" in (site / "index.html").read_text(encoding="utf-8")
    home = (site / "book" / "accueil.html").read_text(encoding="utf-8")
    assert "<title>Marketing et communication numériques &#8212; Marketing et communication numériques" in home
    assert _html_lang(site / "book" / "accueil.html") == "fr"
    # No logo, no licence, no copyright line and no author that the vault did not give.
    assert "logo__image" not in home
    assert "©" not in home and "Copyright" not in home and "Jupyter Book community" not in home
    assert "notes2book.css" in home  # the styles of missing links, highlights and embeds
    # The dossier, named after the title, is in the outputs and linked from the site.
    dossier = tmp_path / "_build" / "pdf" / "marketing-et-communication-numeriques.pdf"
    assert dossier.is_file()
    assert (site / dossier.name).read_bytes() == dossier.read_bytes()
    assert f'href="../{dossier.name}"' in home
    assert fingerprint(vault) == before  # the vault is only read
    # A line as each step ends, then what was made and how long each step took.
    lines = done.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["book/", "dossier", "site"]
    assert re.fullmatch(r"done: 9 pages, 0 warning\(s\), dossier of \d+ pages; "
                        r"convert [\d.]+ s, dossier [\d.]+ s, site [\d.]+ s", lines[-1]), lines[-1]


def test_title_from_the_folder_and_language_from_the_notes(tmp_path: Path) -> None:
    vault = tmp_path / "vaults" / "Museums online"
    shutil.copytree(VAULTS / "english", vault)
    done = run_in(tmp_path, "convert", "--vault", str(vault), "--out", "site-out")
    assert done.returncode == 0, done.stderr
    project = tmp_path / "site-out" / ".project"
    config = yaml.safe_load((project / "_config.yml").read_text(encoding="utf-8"))
    assert config["title"] == "Museums online"  # no home note: the vault folder's name
    assert config["sphinx"]["config"]["language"] == "en"
    page = (project / "book" / "open-collections.md").read_text(encoding="utf-8")
    assert "Cited in" in page and "Cité dans" not in page
    # No home note: a generated page lists the notes, under the vault folder's name.
    assert "root: book/index\n" in (project / "_toc.yml").read_text(encoding="utf-8")
    assert (project / "book" / "index.md").read_text(encoding="utf-8").startswith("# Museums online\n")

    forced = run_in(tmp_path, "check", "--vault", str(vault), "--language", "fr")
    assert forced.returncode == 0, forced.stderr
    assert not (tmp_path / "_build").exists()  # check writes nothing


def test_outputs_inside_the_vault_are_refused(tmp_path: Path) -> None:
    shutil.copytree(VAULTS / "seed", tmp_path / "v")
    before = fingerprint(tmp_path / "v")
    done = run_in(tmp_path / "v", "convert", "--vault", ".")
    assert done.returncode == 2
    assert "inside the vault" in done.stderr
    assert fingerprint(tmp_path / "v") == before


def test_out_and_language_are_refused_where_a_config_decides(tmp_path: Path) -> None:
    done = run_in(REPO, "check", "--language", "en")
    assert done.returncode == 2
    assert "--language: only for a vault built without a _config.yml" in done.stderr


def test_language_detection() -> None:
    assert detect_language(["Les musées et la médiation numérique dans les collections."]) == "fr"
    assert detect_language(["The museum and its collections are online for the public."]) == "en"
    assert detect_language([]) == "fr"  # the project's default


def test_the_sample_config_is_the_template() -> None:
    """This repository's _config.yml and the one notes2book writes for a course build alike: the
    Jupyter Book part of both comes from one template."""
    ours = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    made = yaml.safe_load(config_yaml(title=ours["title"], language="fr", author=ours["author"],
                                      copyright=ours["copyright"], logo=ours["logo"],
                                      exclude=tuple(ours["exclude_patterns"])))
    for key in ("title", "author", "copyright", "logo", "exclude_patterns", "notes2book"):
        ours.pop(key, None)
        made.pop(key, None)
    assert made == ours
