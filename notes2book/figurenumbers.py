"""Figure numbers assigned without loading every page's document again (the site's extension).

Jupyter Book numbers figures (`numfig`). After every build, even one that read a single page,
Sphinx assigns the numbers again by walking the course from its root page and loading the saved
document of every page (`TocTreeCollector.assign_figure_numbers`): at 200 pages, a seventh of a
one-page rebuild under `serve`; at 1,000, four seconds of the main process. Only a page holding a
numbered element (a captioned figure, table or code block, a labelled formula) or a contents list
can change the numbers. Which pages do is noted as each page is read, and the walk gets an empty
document for the others: it finds nothing there either way, so the numbers are the same
(tests/test_figure_numbers.py).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors.toctree import TocTreeCollector

NUMBERED = "notes2book_numbered"  # in Sphinx's environment: the pages the walk must load
_assign = TocTreeCollector.assign_figure_numbers


def _numbered(env: Any, doctree: nodes.document) -> bool:
    """Whether the walk finds anything in `doctree`: a contents list, or an element some domain
    numbers (asked as the walk asks, captions included)."""
    domains = list(env.domains.values())
    for node in doctree.findall(nodes.Element):
        if isinstance(node, addnodes.toctree):
            return True
        for domain in domains:
            if domain.get_enumerable_node_type(node) and (domain.name != "std" or domain.get_numfig_title(node)):
                return True
    return False


def _read(app: Any, doctree: nodes.document) -> None:
    if _numbered(app.env, doctree):
        getattr(app.env, NUMBERED)[app.env.docname] = True


def _assign_figure_numbers(self: Any, env: Any) -> list[str]:
    numbered = getattr(env, NUMBERED, None)
    if numbered is None:  # not a notes2book site
        return _assign(self, env)
    load, empty = env.get_doctree, nodes.Element()

    def get_doctree(docname: str) -> Any:
        return load(docname) if docname in numbered or docname == env.config.root_doc else empty

    env.get_doctree = get_doctree
    try:
        return _assign(self, env)
    finally:
        del env.get_doctree  # the environment's own method again, before it is saved


def setup(app: Any) -> None:
    """Called by notes2book.sphinxext's own setup, which keeps NUMBERED with its other page data."""
    app.connect("doctree-read", _read)
    TocTreeCollector.assign_figure_numbers = _assign_figure_numbers  # type: ignore[method-assign]
