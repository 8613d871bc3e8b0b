"""French typography on the site's pages, as in the dossier (notes2book.typography): a
non-breaking space, where the note has an ordinary one, before ? ! ; : and inside « », so that a
« ? » never wraps alone onto the next line.

Done on the page's text as Sphinx reads it, before its titles are collected: the titles of the
navigation, of links to the page and of the search index get the same spaces. Code, formulas,
raw HTML and addresses are left as written; the notes' apostrophes too.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from notes2book.typography import french_spacing

_VERBATIM = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math, nodes.comment, nodes.target)


def _verbatim(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _VERBATIM):
            return True
        if isinstance(parent, nodes.reference) and parent.get("refuri") == parent.astext():
            return True  # an address written as its own text
        parent = parent.parent
    return False


def _space(app: Any, doctree: nodes.document) -> None:
    if app.builder.name != "html" or (app.config.language or "").split("_")[0] != "fr":
        return
    for text in list(doctree.findall(nodes.Text)):
        if _verbatim(text):
            continue
        spaced = french_spacing(str(text), apostrophes=False)
        if spaced != str(text):
            text.parent.replace(text, nodes.Text(spaced))


def setup(app: Any) -> None:
    """Connect the typography; called by notes2book.sphinxext's own setup."""
    app.connect("doctree-read", _space, priority=400)  # before Sphinx collects the titles (500)
