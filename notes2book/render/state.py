"""What every renderer needs to know about the page it is writing."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal

from docutils.nodes import make_id
from markdown_it.token import Token
from mdformat.renderer import MDRenderer, RenderContext, RenderTreeNode

from notes2book.diagnostics import Diagnostic
from notes2book.index import Index, Resolution, Target
from notes2book.linkgraph import LinkGraph, PageLinks
from notes2book.links import Link
from notes2book.parse import Page
from notes2book.printsize import PrintCheck
from notes2book.render.plan import NO_PLAN, PagePlan, plan_page
from notes2book.render.sanitize import HtmlPolicy

_FENCE = re.compile(r"^(:{3,})", re.MULTILINE)
# What the text is written for: the book's MyST pages, or a workbook's cells, which Jupyter reads.
Flavour = Literal["myst", "jupyter"]


@dataclass(frozen=True)
class RenderState:
    page: Page  # the note whose tokens are being written (an embedded note, inside an embed)
    links: PageLinks  # what that note's links resolved to
    plan: PagePlan  # how its headings and paragraphs are written
    index: Index
    graph: LinkGraph = field(compare=False)  # every note's resolved links: an embedded or quoted note's
    docname: str  # the book page being written
    language: str
    line_breaks: bool = True  # a single newline shows as a line break, as in Obsidian
    tag_pages: dict[str, str] = field(default_factory=dict, compare=False)  # tag, case-folded -> page
    html: HtmlPolicy = field(default_factory=HtmlPolicy)
    # "myst" for the book's pages; "jupyter" for workbook cells, where Jupyter would show MyST's
    # directives, targets and {attributes} as text.
    flavour: Flavour = "myst"
    embed_chain: tuple[str, ...] = ()  # notes being embedded, outermost first
    problems: list[Diagnostic] = field(default_factory=list, compare=False)  # found while writing
    # A link to a book page names its source: MyST makes it the page's link, anchors checked.
    page_suffix: ClassVar[str] = ".md"
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
        links = self.graph.links(page)
        return replace(self, page=page, links=links, plan=plan_page(page, self.index, links),
                       embed_chain=(*self.embed_chain, self.page.note.path))

    def quoting(self, page: Page) -> RenderState:
        """The state for writing words of `page` quoted in this page: inline tokens only, which no
        heading or paragraph of the page's plan is among."""
        return replace(self, page=page, links=self.graph.links(page), plan=NO_PLAN)

    def href(self, target: Target) -> str:
        """Where a resolved target lives, as a MyST link destination from this page."""
        if target.kind == "attachment":
            return self.relative(self.index.asset_paths[target.path])
        if target.anchor:
            return f"#{target.anchor}"
        return self.page_href(self.index.docnames[target.path])

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
        return self.page_href(docname) if docname else None

    def page_href(self, docname: str) -> str:
        """The link to a page of the book from this page, with the suffix its links take."""
        return self.relative(docname + self.page_suffix)

    def offline(self, target: Target, text: str) -> str | None:
        """What stands for a link with `text` to `target` where no link can reach it; None where
        one can (always, on a page of the site)."""
        return None

    def relative(self, book_path: str) -> str:
        folder = posixpath.dirname(self.docname)
        return posixpath.relpath(book_path, folder or ".")


def write_tokens(tokens: list[Token], options: Mapping[str, Any], state: RenderState, env: Mapping[str, Any],
                 finalize: bool = True) -> str:
    """Tokens as text, by mdformat's renderer with the renderers `options` name, writing for `state`
    (its page's block embeds and figures by their own renderers: PagePlan.written)."""
    return MDRenderer().render(state.plan.written(tokens), options, {**env, "notes2book": state}, finalize=finalize)


def write_inside(tokens: list[Token], context: RenderContext, state: RenderState, env: Mapping[str, Any]) -> str:
    """Tokens written, within the page being written, by the renderers writing it (an embedded
    note's): they come with the context, so a renderer needs no import of the set it belongs to."""
    return write_tokens(tokens, context.options, state, env, finalize=False)


def state_of(context: RenderContext) -> RenderState:
    return context.env["notes2book"]


def token_of(node: RenderTreeNode) -> Token:
    """The parsed token a node stands for: its own, or its opening one (a link's, a block's)."""
    if node.token is not None:
        return node.token
    assert node.nester_tokens is not None  # a node is a token or an opening-closing pair
    return node.nester_tokens.opening


def resolution_of(node: RenderTreeNode, state: RenderState) -> Resolution | None:
    """What the link `node` holds resolved to, on the page being written."""
    return state.links.resolution(token_of(node))


def embed_of(node: RenderTreeNode, state: RenderState) -> tuple[Link, Target, int | None]:
    """The link, target and line of a block embed (a note's, a view's), as its page's plan has it."""
    plan = state.plan.block(node.children[0].token)
    assert plan is not None  # a block embed's node is one its plan made
    resolution = state.links.resolution(plan.subject)
    assert resolution is not None and resolution.target is not None  # the plan embeds resolved links only
    return plan.subject.meta["link"], resolution.target, state.links.line(plan.subject)


def directive(name: str, argument: str, options: dict[str, str], body: str) -> str:
    """A colon-fenced MyST directive whose fence is longer than any fence inside it."""
    longest = max((len(m.group(1)) for m in _FENCE.finditer(body)), default=2)
    fence = ":" * max(3, longest + 1)
    head = f"{fence}{{{name}}} {argument}".rstrip()
    opts = "".join(f":{key}: {value}\n" for key, value in options.items())
    return f"{head}\n{opts}\n{body}\n{fence}"
