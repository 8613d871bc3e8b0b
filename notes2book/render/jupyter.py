"""Markdown as Jupyter reads it (CommonMark + GFM): the site's renderers, less what only MyST reads.

Workbook cells are rendered by the same mdformat renderer and inline renderers as the book's
pages; directives, labels and `{...}` attributes, which Jupyter would show as text, are replaced,
and links lead to the site's HTML pages from the workbook's place in the site.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from docutils.nodes import make_id
from markdown_it.token import Token
from mdformat.renderer import RenderContext, RenderTreeNode

from notes2book.index import Target
from notes2book.labels import callout_title, label
from notes2book.parse import markdown
from notes2book.render.embeds import MAX_EMBED_DEPTH, embedded_tokens
from notes2book.render.escape import escape_inline
from notes2book.render.inline import AUDIO_EXTENSIONS, VIDEO_EXTENSIONS, extension, render_inline
from notes2book.render.myst import MystExtension
from notes2book.render.state import RenderState, state_of

IMAGE_TYPES = {
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
    "svg": "image/svg+xml", "webp": "image/webp", "bmp": "image/bmp", "avif": "image/avif",
}


@dataclass(frozen=True)
class WorkbookState(RenderState):
    """Links from a workbook: the site's HTML pages, relative to the workbook's folder."""

    site_docname: str = ""  # the question's page
    read_attachment: Callable[[str], bytes] | None = field(default=None, compare=False)
    images: dict[str, str] = field(default_factory=dict, compare=False)  # attachment name -> vault path

    def href(self, target: Target) -> str:
        if target.kind == "attachment":
            return self._file_href(target.path)
        # Sphinx writes a MyST label `(a.b_c)=` as the HTML id docutils makes of it.
        anchor = f"#{make_id(target.anchor)}" if target.anchor else ""
        return self.relative(self.index.docnames[target.path] + ".html") + anchor

    def tag_href(self, name: str) -> str | None:
        docname = self.tag_pages.get(name.casefold())
        return self.relative(docname + ".html") if docname else None

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
        return self.relative(self.site_docname + ".html")


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def _heading(node: RenderTreeNode, context: RenderContext) -> str:
    meta = node.nester_tokens.opening.meta or {}
    text = render_inline(node, context).replace("\n", " ")
    if state_of(context).embedded:
        return f"**{text}**"
    if meta.get("is_title"):
        return ""
    return f"{'#' * meta.get('level', int(node.tag[1]))} {text}"


def _callout(node: RenderTreeNode, context: RenderContext) -> str:
    meta = node.nester_tokens.opening.meta
    children = list(node.children)
    title = escape_inline(callout_title(state_of(context).language, meta["type"]))
    if children and children[0].type == "callout_title":
        title = render_inline(children.pop(0), context).replace("\n", " ")
    body = "\n\n".join(part for part in (child.render(context) for child in children) if part)
    return _quote(f"**{title}**" + (f"\n\n{body}" if body else ""))


def _note_embed(node: RenderTreeNode, context: RenderContext) -> str:
    state = state_of(context)
    meta = node.nester_tokens.opening.meta
    link, target = meta["link"], meta["resolution"].target
    href = state.href(target)
    chain = (*state.embed_chain, state.page.note.path)
    if target.path in chain or len(chain) > MAX_EMBED_DEPTH:
        # The site's rendering of the same note reports the loop; here it is only a link.
        return f"[{escape_inline(link.label or link.written())}]({href})"
    page = state.index.pages[target.path]
    inner = render_markdown(embedded_tokens(page, target.start), state.inside(page), page.env)
    source = f"[{label(state.language, 'embedded_from')} {escape_inline(page.title)}]({href})"
    return _quote(f"{inner}\n\n{source}")


def _mark(node: RenderTreeNode, context: RenderContext) -> str:
    return f"<mark>{render_inline(node, context)}</mark>"


_BROKEN = re.compile(r"^\[(.*)\]\{\.broken-link\}$", re.DOTALL)
_SIZE = re.compile(r"\{width=\d+px(?: height=\d+px)?\}$")


def _plain_link(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    """Drop the MyST attributes (`{.broken-link}`, `{width=…}`) Jupyter would show as text."""
    broken = _BROKEN.match(text)
    return broken.group(1) if broken else _SIZE.sub("", text)


class JupyterMarkdown:
    """The site's renderers, less what only MyST reads: directives, labels, attributes."""

    CHANGES_AST = True
    RENDERERS = {**MystExtension.RENDERERS, "heading": _heading, "callout": _callout,
                 "note_embed": _note_embed, "mark": _mark}
    POSTPROCESSORS = {kind: _plain_link for kind in ("wikilink", "link", "image")}
    update_mdit = MystExtension.update_mdit


@lru_cache(maxsize=1)
def _options() -> dict[str, Any]:
    options = dict(markdown().options)
    options["parser_extension"] = [*options["parser_extension"], JupyterMarkdown]
    return options


def render_markdown(tokens: list[Token], state: RenderState, env: dict[str, Any]) -> str:
    return markdown().renderer.render(tokens, _options(), {**env, "notes2book": state}).strip("\n")


def workbook_state(state: RenderState, workbook_docname: str,
                   read_attachment: Callable[[str], bytes] | None) -> WorkbookState:
    """`state`, writing from `workbook_docname` (the workbook's path in the book, less `.ipynb`)."""
    copied = {f.name: getattr(state, f.name) for f in fields(RenderState)}
    return WorkbookState(**{**copied, "docname": workbook_docname}, site_docname=state.docname,
                         read_attachment=read_attachment)
