"""Raw HTML written in notes: kept on the site after a maintained sanitizer (nh3) has cleaned it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from mdformat.renderer import RenderContext, RenderTreeNode

from notes2book.config import DEFAULT_IFRAME_HOSTS
from notes2book.parse import markdown
from notes2book.rawhtml import rewrite_urls

_MEDIA_TAGS = {"iframe", "video", "audio", "source", "track"}
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "loading", "referrerpolicy"},
    "video": {"src", "controls", "width", "height", "poster", "preload", "muted", "loop"},
    "audio": {"src", "controls", "preload", "loop"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label"},
    "*": {"class", "id", "title", "lang", "dir"},
}
# A workbook's images travel inside it, as cell attachments its HTML names `attachment:<name>`.
_URL_SCHEMES = set(nh3.ALLOWED_URL_SCHEMES) | {"attachment"}
_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>\s*</iframe>")
_OPENING = re.compile(r"^<([A-Za-z][A-Za-z0-9-]*)")
_CLOSING = re.compile(r"^</([A-Za-z][A-Za-z0-9-]*)\s*>$")


@dataclass(frozen=True)
class HtmlPolicy:
    trusted: bool = False  # a trusted vault's HTML is published as written
    iframe_hosts: tuple[str, ...] = DEFAULT_IFRAME_HOSTS

    @property
    def tags(self) -> set[str]:
        return set(nh3.ALLOWED_TAGS) | _MEDIA_TAGS

    def _keep(self, tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src":
            parts = urlsplit(value)
            return value if parts.scheme == "https" and parts.hostname in self.iframe_hosts else None
        return value

    def clean(self, html: str) -> str:
        if self.trusted:
            return html
        cleaned = nh3.clean(html, tags=self.tags, attributes=_ATTRIBUTES, attribute_filter=self._keep,
                            url_schemes=_URL_SCHEMES, clean_content_tags={"script", "style"})
        return _EMPTY_IFRAME.sub("", cleaned)

    def clean_tag(self, tag: str) -> str:
        """One inline tag on its own (`<b>`, `</b>`): the sanitizer decides, the pairing stays."""
        if self.trusted:
            return tag
        closing = _CLOSING.match(tag)
        if closing:
            return tag if closing.group(1).lower() in self.tags else ""
        opening = _OPENING.match(tag)
        if not opening:
            return ""  # comments, processing instructions
        cleaned = self.clean(tag)
        name = opening.group(1).lower()
        if not cleaned.lower().startswith(f"<{name}"):
            return ""
        return cleaned[: cleaned.index(">") + 1]


def _with_book_addresses(node: RenderTreeNode, context: RenderContext) -> str:
    """The HTML with each address that names a vault file or note (resolved with the links)
    leading to its copy or page; addresses that lead nowhere, or out of the vault, are dropped."""
    state = context.env["notes2book"]
    addresses = state.links.addresses(node.token)
    if not addresses:
        return node.content

    def new_value(value: str) -> str | None:
        if value not in addresses:
            return value
        target = addresses[value].target
        if target is None or target.kind == "unpublished" or state.offline(target, "") is not None:
            return None  # nowhere to lead, or (a workbook without the site's address) nothing to reach it by
        return state.url(target)

    return rewrite_urls(node.content, new_value)


def html_block(node: RenderTreeNode, context: RenderContext) -> str:
    cleaned = context.env["notes2book"].html.clean(_with_book_addresses(node, context)).rstrip("\n")
    return cleaned if _one_html_block(cleaned) else _wrapped(cleaned)


def _one_html_block(text: str) -> bool:
    """Whether Markdown reads `text` as one HTML block, as the note's block was read. A removed
    `<script>` or comment can leave text behind it that Markdown would read as its own syntax."""
    tokens = markdown().parse(text)
    return not text or (len(tokens) == 1 and tokens[0].type == "html_block")


def _wrapped(text: str) -> str:
    """`text` in a `<div>` without blank lines: one HTML block, to its last line."""
    lines = [line for line in text.split("\n") if line.strip()]
    return "\n".join(["<div>", *lines, "</div>"])


def html_inline(node: RenderTreeNode, context: RenderContext) -> str:
    return context.env["notes2book"].html.clean_tag(_with_book_addresses(node, context))
