"""What every renderer needs to know about the page it is writing."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from docutils.nodes import make_id
from mdformat.renderer import RenderContext, RenderTreeNode

from notes2book.index import Index, Resolution, Target
from notes2book.parse import Page
from notes2book.render.html import HtmlPolicy

if TYPE_CHECKING:
    from notes2book.render.images import PrintCheck

_FENCE = re.compile(r"^(:{3,})", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """Something found while rendering, reported by the caller as a diagnostic."""

    code: str
    file: str
    line: int | None
    message: str
    hint: str = ""
    key: frozenset[str] = frozenset()  # problems with one key are one problem
    severity: str = "warning"


@dataclass(frozen=True)
class RenderState:
    page: Page  # the note whose tokens are being written (an embedded note, inside an embed)
    index: Index
    docname: str  # the book page being written
    language: str
    line_breaks: bool = True  # a single newline shows as a line break, as in Obsidian
    tag_pages: dict[str, str] = field(default_factory=dict, compare=False)  # tag, case-folded -> page
    html: HtmlPolicy = field(default_factory=HtmlPolicy)
    # "myst" for the book's pages; "jupyter" for workbook cells, where Jupyter would show MyST's
    # directives, targets and {attributes} as text.
    flavour: str = "myst"
    embed_chain: tuple[str, ...] = ()  # notes being embedded, outermost first
    problems: list[Problem] = field(default_factory=list, compare=False)
    printing: PrintCheck | None = field(default=None, compare=False)  # how sharp images print

    @property
    def embedded(self) -> bool:
        return bool(self.embed_chain)

    @property
    def myst(self) -> bool:
        return self.flavour == "myst"

    def missing(self, text: str) -> str:
        """A link that goes nowhere: its text, marked so the site can style it, not clickable."""
        if not text or not self.myst:
            return text
        return f"[{text}]{{.broken-link}}"

    def box(self, title: str, classes: list[str], body: str) -> str:
        """A box: an admonition in MyST, a quote with a bold title for Jupyter. Without a title,
        a container styled as an admonition (the admonition directive requires one)."""
        if self.myst:
            # Both directives require content: a MyST comment line is content that shows nothing.
            body = body or "%"
            if not title:
                return directive("container", " ".join(["admonition", *classes, "untitled"]), {}, body)
            return directive("admonition", title, {"class": " ".join(classes)}, body)
        text = "\n\n".join(part for part in (f"**{title}**" if title else "", body) if part)
        return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))

    def inside(self, page: Page) -> RenderState:
        """The state for writing `page`'s tokens embedded in this page."""
        return replace(self, page=page, embed_chain=(*self.embed_chain, self.page.note.path))

    def href(self, target: Target) -> str:
        """Where a resolved target lives, as a MyST link destination from this page."""
        if target.kind == "attachment":
            return self.relative(self.index.asset_paths[target.path])
        if target.anchor:
            return f"#{target.anchor}"
        return self.relative(self.index.docnames[target.path] + ".md")

    def url(self, target: Target) -> str:
        """Where a resolved target lives as an address of the built site, for raw HTML, which
        neither MyST nor Sphinx rewrites: a file's copy in the book, a page's `.html`."""
        if target.kind == "attachment" and target.path not in self.index.notebooks:
            return self.relative(self.index.asset_paths[target.path])
        # Sphinx writes a MyST label `(a.b_c)=` as the HTML id docutils makes of it.
        anchor = f"#{make_id(target.anchor)}" if target.anchor else ""
        return self.relative(self.index.docnames[target.path] + ".html") + anchor

    def tag_href(self, name: str) -> str | None:
        docname = self.tag_pages.get(name.casefold())
        return self.relative(docname + ".md") if docname else None

    def relative(self, book_path: str) -> str:
        folder = posixpath.dirname(self.docname)
        return posixpath.relpath(book_path, folder or ".")


def state_of(context: RenderContext) -> RenderState:
    return context.env["notes2book"]


def resolution_of(node: RenderTreeNode) -> Resolution | None:
    return (node.meta or {}).get("resolution")


def directive(name: str, argument: str, options: dict[str, str], body: str) -> str:
    """A colon-fenced MyST directive whose fence is longer than any fence inside it."""
    longest = max((len(m.group(1)) for m in _FENCE.finditer(body)), default=2)
    fence = ":" * max(3, longest + 1)
    head = f"{fence}{{{name}}} {argument}".rstrip()
    opts = "".join(f":{key}: {value}\n" for key, value in options.items())
    return f"{head}\n{opts}\n{body}\n{fence}"
