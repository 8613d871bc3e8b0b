"""Names that the site's pages would otherwise lack, for screen readers (WCAG 2.4.4, 1.1.1, 2.1.1).

- The « source ↗ » link after each resource of a question's reading list (notes2book.render.inline
  marks it `source-link`): several on a page, each leading elsewhere, so each is named for its
  resource, « source de « Titre » ↗ », beginning with the words shown (WCAG 2.5.3). docutils
  writes no `aria-label`, so the link is written here, its parts escaped.
- Graphviz diagrams (the course map): Sphinx writes an `<object>` whose only text is the
  diagram's source, in a frame that may scroll sideways. Both are named (the diagram's `alt`,
  its caption, or the heading just before it), and the frame can be reached by the keyboard so
  that it can be scrolled.
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.ext.graphviz import graphviz, html_visit_graphviz

from notes2book.words import label

SOURCE_LINK = "source-link"


def _language(config: Any) -> str:
    return (config.language or "en").split("_")[0]


def _resource_before(link: nodes.Element) -> nodes.Element | None:
    """The link just before `link` in its paragraph: the resource it is the source of."""
    parent = link.parent
    for sibling in reversed(parent.children[:parent.index(link)]):
        if isinstance(sibling, (nodes.reference, addnodes.pending_xref)):
            return sibling
        if not isinstance(sibling, nodes.Text):
            return None
    return None


def _name_source_links(app: Any, doctree: nodes.document) -> None:
    if app.builder.name != "html":  # the site only: the dossier leaves these links out
        return
    for link in list(doctree.findall(nodes.reference)):
        if SOURCE_LINK not in link.get("classes", ()) or "refuri" not in link:
            continue
        resource = _resource_before(link)
        if resource is None:
            continue
        title = re.sub(r"[ \t\r\n]+", " ", resource.astext()).strip()  # no-break spaces kept
        name = label(_language(app.config), "site_source_of").format(title=title)
        classes = " ".join(["reference", "external", *link["classes"]])
        # In place of the link, not over it (replace_self would wrap the raw HTML in its classes).
        link.parent.replace(link, nodes.raw(
            "", f'<a class="{html.escape(classes)}" href="{html.escape(link["refuri"])}" '
                f'aria-label="{html.escape(name)}">{html.escape(link.astext())}</a>', format="html"))


def _diagram_name(node: nodes.Element, language: str) -> str:
    if node.get("alt"):
        return str(node["alt"])
    parent = node.parent
    if isinstance(parent, nodes.figure):
        for caption in parent.findall(nodes.caption):
            return caption.astext()
    if parent is not None:
        for sibling in reversed(parent.children[:parent.index(node)]):
            if isinstance(sibling, (nodes.rubric, nodes.title)):
                return sibling.astext()
    return label(language, "site_diagram")


def _visit_graphviz(self: Any, node: graphviz) -> None:

    start = len(self.body)
    try:
        html_visit_graphviz(self, node)
    finally:  # it ends by raising SkipNode, its HTML written
        name = html.escape(_diagram_name(node, _language(self.config)))
        for i in range(start, len(self.body)):
            self.body[i] = (self.body[i]
                            .replace('<div class="graphviz">',
                                     f'<div class="graphviz" tabindex="0" role="group" aria-label="{name}">', 1)
                            .replace("<object ", f'<object aria-label="{name}" ', 1))


def _name_diagrams(app: Any) -> None:
    if "sphinx.ext.graphviz" not in app.extensions:
        return
    app.add_node(graphviz, override=True, html=(_visit_graphviz, None))


def setup(app: Any) -> None:
    """Connect the names; called by notes2book.sphinxext's own setup."""
    # After notes2book.sitetext (400): the resource's title as the page shows it.
    app.connect("doctree-read", _name_source_links, priority=600)
    app.connect("builder-inited", _name_diagrams)
