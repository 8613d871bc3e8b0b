"""Session fixtures: the sample course converted, and its site built, once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from notes2book.config import Project

from projects import REPO, make_project

if TYPE_CHECKING:
    from selenium import webdriver

    from notes2book.build import BuildOutcome


# Tests marked `slow` take ten seconds or more each: they run a whole build (Jupyter Book,
# WeasyPrint, Chromium), or the command line on a large course or on every fixture vault, most of
# the suite's time. `make test` runs every test; `make test-fast` (`pytest -m "not slow"`) the
# others; `-m slow` only these. The modules and fixtures below mark their tests here; a test of
# another module carries `@pytest.mark.slow` itself, with why.
_SLOW_MODULES = {"test_browser", "test_serve", "test_builds", "test_scaffold", "test_defaults", "test_site"}
_SLOW_FIXTURES = {"sample_build", "sample_site", "browser"}  # fixturenames holds what they use in turn


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if (path.parent.name == "pdf" or path.stem in _SLOW_MODULES
                or _SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The sample course of notes/, converted once for the session."""
    from notes2book.convert import convert
    from notes2book.diagnostics import Diagnostics

    project = make_project(tmp_path_factory.mktemp("sample"), REPO / "notes")
    diags = Diagnostics()
    convert(project, diags)
    assert not diags.items, [d.format() for d in diags.items]
    return project


@pytest.fixture(scope="session")
def sample_build(sample_project: Project) -> BuildOutcome:
    """The sample course built as `build` goes on after `convert`: the dossier by WeasyPrint, then
    the site by the real Jupyter Book with warnings as errors."""
    from notes2book.build import Step, run_build

    return run_build(sample_project, (Step.PDF, Step.HTML))


@pytest.fixture(scope="session")
def sample_site(sample_build: BuildOutcome) -> Path:
    """The sample course's published site."""
    return sample_build.site.output


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    """The sample course's site served over HTTP."""
    from browsing import serve

    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the session's browser tests."""
    from browsing import chromium

    driver = chromium(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()
