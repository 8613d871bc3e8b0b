"""Markdown as Jupyter reads it, for workbook cells: the book's renderers in their "jupyter"
flavour (no directives, targets or `{...}` attributes, which Jupyter would show as text), with
links that lead to the site's HTML pages at their published addresses, or, when the site's
address is not known, the title of the page to open on the course site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from markdown_it.token import Token

from notes2book.config import BOOK_FOLDER
from notes2book.filetypes import AUDIO_EXTENSIONS, IMAGE_TYPES, VIDEO_EXTENSIONS, extension
from notes2book.index import Target
from notes2book.render.escape import escape_inline
from notes2book.render.myst import render_tokens
from notes2book.render.state import RenderState
from notes2book.words import label


@dataclass(frozen=True)
class WorkbookState(RenderState):
    """Links from a workbook: the site's HTML pages, relative to the workbook's folder."""

    site_docname: str = ""  # the question's page
    read_attachment: Callable[[str], bytes] | None = field(default=None, compare=False)
    images: dict[str, str] = field(default_factory=dict, compare=False)  # attachment name -> vault path
    site_url: str = ""  # the published site's address, when known: links from it, not relative
    page_suffix: ClassVar[str] = ".html"  # Jupyter shows the built site's pages

    def relative(self, book_path: str) -> str:
        if self.site_url:
            return f"{self.site_url.rstrip('/')}/{BOOK_FOLDER}/{book_path}"
        return RenderState.relative(self, book_path)

    def href(self, target: Target) -> str:
        if target.kind == "attachment":
            return self._file_href(target.path)
        return RenderState.url(self, target)

    def url(self, target: Target) -> str:
        return self.href(target)  # a workbook's Markdown and raw HTML both lead to the site

    def tag_href(self, name: str) -> str | None:
        return super().tag_href(name) if self.site_url else None

    def offline(self, target: Target, text: str) -> str | None:
        """Without the site's address, a link to the site would be relative to where the workbook
        sat in the site, and lead nowhere once it is on the learner's machine: the text says
        instead which page of the course site to open (a file's: the question's page)."""
        if self.site_url or (target.kind == "attachment" and extension(target.path) in IMAGE_TYPES \
                and self.read_attachment is not None):
            return None
        path = target.path if target.kind == "note" else self.page.note.path
        title = escape_inline(self.index.title(path))
        return f"{text} {on_course_site(self.language, '' if title == text else title)}"

    def _file_href(self, path: str) -> str:
        asset = self.index.asset_paths[path]
        ext = extension(path)
        if ext in IMAGE_TYPES and self.read_attachment is not None:
            name = asset.split("/", 1)[1].replace("/", "-")
            self.images[name] = path
            return f"attachment:{name}"
        if ext in AUDIO_EXTENSIONS | VIDEO_EXTENSIONS:
            return self.relative(asset)  # the Sphinx extension copies media next to the pages
        # Sphinx renames other downloads; the question's page links to them.
        return self.page_href(self.site_docname)


def on_course_site(language: str, title: str) -> str:
    """Where a page is, for a reader without a link: "(page « title » du site du cours)", or
    "(page du site du cours)" after the page's own title (`title` "")."""
    return label(language, "workbook_on_site").format(title=title) if title else label(language, "workbook_on_site_page")


def render_markdown(tokens: list[Token], state: RenderState, env: dict[str, Any]) -> str:
    return render_tokens(tokens, state, env).strip("\n")


def workbook_state(state: RenderState, workbook_docname: str,
                   read_attachment: Callable[[str], bytes] | None, site_url: str = "") -> WorkbookState:
    """`state`, writing from `workbook_docname` (the workbook's path in the book, less `.ipynb`)."""
    copied = {f.name: getattr(state, f.name) for f in fields(RenderState)}
    return WorkbookState(**{**copied, "docname": workbook_docname, "flavour": "jupyter"},
                         site_docname=state.docname, read_attachment=read_attachment, site_url=site_url)
