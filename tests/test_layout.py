"""The README's map of the code is the code's: every module of the package is named in its Layout
section, every name there exists, and every module says in its docstring what it is for."""

from __future__ import annotations

import ast
import re

from projects import REPO

PACKAGE = REPO / "notes2book"


def _layout() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout", 1)[1]
    return section.split("```text", 1)[1].split("```", 1)[0]


def test_the_readme_layout_names_every_module_of_the_package_and_only_those() -> None:
    layout = _layout()
    named = set(re.findall(r"\b([a-z_]+\.py)\b", layout))
    modules = {path.name for path in PACKAGE.glob("*.py") if path.name not in {"__init__.py", "__main__.py"}}
    folders = {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert modules - named == set(), "modules the README's Layout does not name"
    in_subfolders = {path.name for folder in folders for path in (PACKAGE / folder).glob("*.py")}
    assert named - modules - in_subfolders == set(), "names in the README's Layout that are no module"
    assert {f"{folder}/" for folder in folders} <= set(re.findall(r"\b([a-z_]+/)", layout))


def test_every_module_says_what_it_is_for() -> None:
    silent = [str(path.relative_to(REPO)) for path in sorted(PACKAGE.rglob("*.py"))
              if path.name != "__main__.py" and not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))]
    assert silent == []
