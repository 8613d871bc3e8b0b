"""Session fixtures: the sample course converted, and its site built, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from notes2book.config import Project
from projects import REPO, build_site, make_project


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
def sample_site(sample_project: Project) -> Path:
    """The sample course's site as `build` makes it: the dossier by WeasyPrint, then the site by
    the real Jupyter Book with warnings as errors."""
    return build_site(sample_project)
