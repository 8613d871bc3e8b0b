"""Render a parsed, resolved page as MyST Markdown for Jupyter Book (myst-parser 3)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from mdformat.renderer import DEFAULT_RENDERERS, RenderContext, RenderTreeNode
from mdformat.renderer._context import make_render_children

from notes2book.index import IMAGE_EXTENSIONS, Index, Resolution, Target
from notes2book.labels import CALLOUT_STYLES, callout_title
from notes2book.links import Link
from notes2book.parse import Page
from notes2book.render.escape import escape_inline, escape_line_starts, escape_role_prefix

_SIZE = re.compile(r"^(\d+)(?:x(\d+))?$")
_render_blocks = make_render_children("\n\n")
_render_inline = make_render_children("")


@dataclass(frozen=True)
class RenderState:
    page: Page
    index: Index
    docname: str
    language: str
    line_breaks: bool = True  # a single newline shows as a line break, as in Obsidian

    def href(self, target: Target) -> str:
        """Where a resolved target lives, as a MyST link destination from this page."""
        if target.kind == "attachment":
            return self.relative(self.index.asset_paths[target.path])
        if target.anchor:
            return f"#{target.anchor}"
        return self.relative(self.index.docnames[target.path] + ".md")

    def relative(self, book_path: str) -> str:
        folder = posixpath.dirname(self.docname)
        return posixpath.relpath(book_path, folder or ".")


def _state(context: RenderContext) -> RenderState:
    return context.env["notes2book"]


def _resolution(node: RenderTreeNode) -> Resolution | None:
    return (node.meta or {}).get("resolution")


def missing(text: str) -> str:
    """A link that goes nowhere: its text, marked so the site can style it, not clickable."""
    return f"[{text}]{{.broken-link}}" if text else ""


def _size_attrs(spec: str | None) -> str:
    match = _SIZE.match(spec or "")
    if not match:
        return ""
    width, height = match.groups()
    return f"{{width={width}px" + (f" height={height}px" if height else "") + "}"


def _image(alt: str, src: str, size: str | None) -> str:
    return f"![{escape_inline(alt)}]({src}){_size_attrs(size)}"


def _is_image(path: str) -> bool:
    return path.rsplit(".", 1)[-1].lower() in IMAGE_EXTENSIONS


def wikilink(node: RenderTreeNode, context: RenderContext) -> str:
    state = _state(context)
    link: Link = node.meta["link"]
    resolution = _resolution(node)
    target = resolution.target if resolution else None
    text = escape_inline(link.label or link.written())
    if target is None or target.kind == "unpublished":
        return missing(text)
    if link.embed and target.kind == "attachment" and _is_image(target.path):
        alt_or_size = link.label or ""
        size = alt_or_size if _SIZE.match(alt_or_size) else None
        alt = link.target.rsplit("/", 1)[-1] if size or not alt_or_size else alt_or_size
        return _image(alt, state.href(target), size)
    return f"[{text}]({state.href(target)})"


def link(node: RenderTreeNode, context: RenderContext) -> str:
    resolution = _resolution(node)
    if resolution is None:
        return DEFAULT_RENDERERS["link"](node, context)
    text = _render_inline(node, context)
    if resolution.target is None or resolution.target.kind == "unpublished":
        return missing(text)
    return f"[{text}]({_state(context).href(resolution.target)})"


def image(node: RenderTreeNode, context: RenderContext) -> str:
    resolution = _resolution(node)
    if resolution is None:
        return DEFAULT_RENDERERS["image"](node, context)
    alt, _, size = node.content.partition("|")
    if resolution.target is None or resolution.target.kind != "attachment":
        return missing(escape_inline(alt or str(node.attrs.get("src", ""))))
    return _image(alt, _state(context).href(resolution.target), size or None)


def heading(node: RenderTreeNode, context: RenderContext) -> str:
    meta = node.nester_tokens.opening.meta or {}
    if meta.get("is_title"):
        return ""
    text = _render_inline(node, context).replace("\n", " ")
    label = meta.get("label")
    target = f"({label})=\n" if label else ""
    return f"{target}{'#' * meta.get('level', node.level)} {text}"


def callout(node: RenderTreeNode, context: RenderContext) -> str:
    meta = node.nester_tokens.opening.meta
    kind, fold = meta["type"], meta["fold"]
    children = list(node.children)
    title = callout_title(_state(context).language, kind)
    if children and children[0].type == "callout_title":
        title = _render_inline(children.pop(0), context).replace("\n", " ")
    body = "\n\n".join(part for part in (child.render(context) for child in children) if part)
    colons = ":" * (3 + _callout_depth(node))
    classes = [CALLOUT_STYLES.get(kind, "note"), "callout", f"callout-{kind}"]
    if fold == "-":
        classes.append("dropdown")
    elif fold == "+":
        classes += ["dropdown", "toggle-shown"]
    return f"{colons}{{admonition}} {title}\n:class: {' '.join(classes)}\n\n{body}\n{colons}"


def _callout_depth(node: RenderTreeNode) -> int:
    depths = [(_callout_depth(c) + (1 if c.type == "callout" else 0)) for c in node.children]
    return max(depths, default=0)


def callout_title_node(node: RenderTreeNode, context: RenderContext) -> str:
    return _render_inline(node, context)


def softbreak(node: RenderTreeNode, context: RenderContext) -> str:
    if _state(context).line_breaks and node.parent is not None and node.parent.parent is not None \
            and node.parent.parent.type == "paragraph":
        return "\\\n"
    return DEFAULT_RENDERERS["softbreak"](node, context)


def dropped(node: RenderTreeNode, context: RenderContext) -> str:
    return ""


def mark(node: RenderTreeNode, context: RenderContext) -> str:
    return f"[{_render_inline(node, context)}]{{.mark}}"


def _block_label(node: RenderTreeNode, context: RenderContext) -> str:
    owner = node.nester_tokens.opening
    parent = node.parent
    if parent is not None and parent.type == "list_item" and parent.children[0] is node:
        owner = parent.nester_tokens.opening if (parent.nester_tokens.opening.meta or {}).get("block_id") else owner
    block_id = (owner.meta or {}).get("block_id")
    if not block_id:
        return ""
    label = _state(context).index.block_labels[_state(context).page.note.path].get(block_id.casefold())
    return f"({label})=\n" if label else ""


def paragraph_post(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    return _block_label(node, context) + escape_line_starts(text)


def text_post(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    following = node.next_sibling
    if following is not None and following.type == "code_inline":
        return escape_role_prefix(text)
    return text


class MystExtension:
    """The renderers mdformat uses for our tokens and for what MyST reads differently."""

    CHANGES_AST = True
    RENDERERS = {
        "wikilink": wikilink,
        "link": link,
        "image": image,
        "heading": heading,
        "callout": callout,
        "callout_title": callout_title_node,
        "comment": dropped,
        "mark": mark,
        "softbreak": softbreak,
    }
    POSTPROCESSORS = {"paragraph": paragraph_post, "text": text_post}

    @staticmethod
    def update_mdit(mdit) -> None:  # noqa: ANN001 - parsing is set up in notes2book.parse
        return None
