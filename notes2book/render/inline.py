"""Inline forms: wikilinks, links, images, highlights, line breaks, and MyST-safe text."""

from __future__ import annotations

import html

from mdformat.renderer import DEFAULT_RENDERERS, RenderContext, RenderTreeNode
from mdformat.renderer._context import make_render_children
from mdformat.renderer._util import maybe_add_link_brackets

from notes2book.filetypes import AUDIO_EXTENSIONS, IMAGE_EXTENSIONS, PAGE_EXTENSIONS, VIDEO_EXTENSIONS, extension
from notes2book.index import Target
from notes2book.links import Link
from notes2book.render.escape import escape_inline, escape_openers
from notes2book.render.images import Picture, image_markup, split_spec
from notes2book.render.state import RenderState, resolution_of, state_of, token_of
from notes2book.vault import NoteKind
from notes2book.words import label

render_inline = make_render_children("")


def _player(kind: str, src: str, text: str) -> str:
    # Raw HTML: myst-parser passes it to the page; the Sphinx extension copies the media file.
    return f'<{kind} controls preload="metadata" src="{src}" title="{text}"></{kind}>'


def _in_list_item(node: RenderTreeNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type == "list_item":
            return True
        parent = parent.parent
    return False


def _source_suffix(node: RenderTreeNode, state: RenderState, target: Target) -> str:
    """In a question's reading list, each resource is followed by a link to its source."""
    if state.embedded or state.page.note.kind != NoteKind.QUESTION or target.kind != "note" or target.anchor:
        return ""
    page = state.index.pages.get(target.path)
    if page is None or page.note.kind != NoteKind.RESOURCE or page.source_url is None or not _in_list_item(node):
        return ""
    # Screen only: on paper the resource's chapter, a page away, prints the same address. The
    # site names each such link for its resource (notes2book.accessible).
    screen_only = "{.no-print .source-link}" if state.myst else ""
    return f" [{escape_inline(label(state.language, 'source_link'))}]({page.source_url}){screen_only}"


def _shown_name(link: Link, target: Target | None, state: RenderState) -> str:
    """A wikilink's text when it has no label: as Obsidian shows it, but a note named for a
    question, whose file name cannot hold its « ? » (nor « ! »), by its title that has it."""
    written = link.written()
    if target is None or target.kind != "note" or target.anchor or link.headings or link.block:
        return written
    title = state.index.title(target.path)
    name = written.rsplit("/", 1)[-1]
    return title if title != name and title.rstrip("?! \u00a0\u202f") == name else written


def wikilink(node: RenderTreeNode, context: RenderContext) -> str:
    state = state_of(context)
    link: Link = node.meta["link"]
    resolution = resolution_of(node, state)
    target = resolution.target if resolution else None
    text = escape_inline(link.label or _shown_name(link, target, state))
    if target is None or target.kind == "unpublished":
        return state.missing(text)
    if target.kind == "view":
        return text  # only Obsidian shows it; alone in its paragraph, an embed is a notice instead
    offline = state.offline(target, text)
    if offline is not None:
        return offline + _source_suffix(node, state, target)
    href = state.href(target)
    if link.embed and target.kind == "attachment":
        ext = extension(target.path)
        if ext in IMAGE_EXTENSIONS and (picture := picture_of(node, state)) is not None:
            return image_markup(state, picture)
        if ext in AUDIO_EXTENSIONS | VIDEO_EXTENSIONS:
            kind = "video" if ext in VIDEO_EXTENSIONS else "audio"
            title = link.label or link.target.rsplit("/", 1)[-1]
            return _player(kind, href, html.escape(title)) + f" [{escape_inline(title)}]({href})"
    if target.kind == "attachment" and target.path not in state.index.notebooks and state.myst \
            and extension(target.path) in PAGE_EXTENSIONS:
        # MyST would read a link to such a file as a link to a page: ask for a download.
        plain = (link.label or link.written()).replace("`", "'").replace("<", "‹").replace(">", "›")
        return f"{{download}}`{plain} <{href}>`"
    return f"[{text}]({href})" + _source_suffix(node, state, target)


def link(node: RenderTreeNode, context: RenderContext) -> str:
    if node.info == "auto":
        return DEFAULT_RENDERERS["link"](node, context)
    text = render_inline(node, context)
    state = state_of(context)
    resolution = resolution_of(node, state)
    if resolution is None:
        # Written inline even when the note used a reference definition, so that a page
        # embedded in another carries its links with it.
        title = node.attrs.get("title")
        suffix = ' "{}"'.format(str(title).replace('"', '\\"')) if title else ""
        return f"[{text}]({maybe_add_link_brackets(str(node.attrs['href']))}{suffix})"
    written = state.links.link(token_of(node))
    if written is not None and written.command:
        return text  # an Obsidian command: nothing on the site can carry it out
    if resolution.target is None or resolution.target.kind == "unpublished":
        return state.missing(text)
    if resolution.target.kind == "view":
        return text
    offline = state.offline(resolution.target, text)
    if offline is not None:
        return offline + _source_suffix(node, state, resolution.target)
    return f"[{text}]({state.href(resolution.target)})" + _source_suffix(node, state, resolution.target)


def picture_of(node: RenderTreeNode, state: RenderState) -> Picture | None:
    """The image a `![[…]]` embed or a `![…](…)` gives, when it shows one: alt text, address, size."""
    resolution = resolution_of(node, state)
    line = state.links.line(token_of(node))
    if node.type == "wikilink":
        target = resolution.target if resolution is not None else None
        if target is None or target.kind != "attachment" or extension(target.path) not in IMAGE_EXTENSIONS:
            return None
        alt, size = split_spec(node.meta["link"].label or "")
        return Picture(alt, state.href(target), size, line, target.path)
    alt, size = split_spec(node.content)
    if resolution is None:
        return Picture(alt, maybe_add_link_brackets(str(node.attrs["src"])), size, line)
    if resolution.target is None or resolution.target.kind != "attachment":
        return None
    return Picture(alt, state.href(resolution.target), size, line, resolution.target.path)


def image(node: RenderTreeNode, context: RenderContext) -> str:
    state = state_of(context)
    picture = picture_of(node, state)
    if picture is not None:
        return image_markup(state, picture)
    resolution = resolution_of(node, state)
    alt = node.content.partition("|")[0]
    if resolution is not None and resolution.target is not None and resolution.target.kind == "view":
        return escape_inline(alt or str(node.attrs.get("src", "")))
    return state.missing(escape_inline(alt or str(node.attrs.get("src", ""))))


def tag(node: RenderTreeNode, context: RenderContext) -> str:
    href = state_of(context).tag_href(node.meta["tag"])
    text = escape_inline(node.content)
    return f"[{text}]({href})" if href else text


def mark(node: RenderTreeNode, context: RenderContext) -> str:
    text = render_inline(node, context)
    return f"[{text}]{{.mark}}" if state_of(context).myst else f"<mark>{text}</mark>"


def _ends_line(node: RenderTreeNode) -> bool:
    """Nothing visible follows this node in its paragraph (only comments, say)."""
    following = node.next_sibling
    while following is not None:
        if following.type not in ("comment", "softbreak", "hardbreak") and (following.type != "text" or following.content.strip()):
            return False
        following = following.next_sibling
    return True


def softbreak(node: RenderTreeNode, context: RenderContext) -> str:
    if _ends_line(node):
        return ""
    parent = node.parent
    if state_of(context).line_breaks and parent is not None and parent.parent is not None \
            and parent.parent.type in ("paragraph", "figure"):
        return "\\\n"
    return DEFAULT_RENDERERS["softbreak"](node, context)


def hardbreak(node: RenderTreeNode, context: RenderContext) -> str:
    return "" if _ends_line(node) else DEFAULT_RENDERERS["hardbreak"](node, context)


def text_post(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    return escape_openers(text)
