"""Session fixtures: the sample course converted, and its site built, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from notes2book.config import Project
from projects import REPO, make_project


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
    """The sample course's site, built by the real Jupyter Book with warnings as errors."""
    from notes2book.site import build_html

    return build_html(sample_project, strict=True).output
