"""The package's modules import one another without a circle: each step imports only the steps
below it, so any module can be read, tested and changed from the bottom up."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import notes2book

PACKAGE = Path(notes2book.__file__).parent


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imported(node: ast.Import | ast.ImportFrom, package: str, modules: dict[str, Path]) -> list[str]:
    """The package's modules an import statement names (`from a import b` names a.b when b is a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parent = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*parent, *([node.module] if node.module else [])])
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, wherever the import stands: at the top, inside
    a function (a lazy import is how a circle hides) or under TYPE_CHECKING."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for imported in _imported(node, package, modules):
                while imported and imported not in modules:  # notes2book.x.name -> notes2book.x
                    imported = imported.rpartition(".")[0]
                if imported and imported != name:
                    graph[name].add(imported)
    return graph


def test_the_graph_sees_imports_made_inside_functions() -> None:
    graph = import_graph()
    # serve imports the site builder only when it builds, inside a function.
    assert "notes2book.site" in graph["notes2book.serve"]
    assert "notes2book.render.state" in graph["notes2book.render.embeds"]


def test_no_module_imports_itself_back_through_others() -> None:
    try:
        list(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as cycle:
        raise AssertionError("import cycle: " + " -> ".join(cycle.args[1])) from None
