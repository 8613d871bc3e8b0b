"""A link, whatever its spelling, parsed into one value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_BLOCK_ID = re.compile(r"^\^([A-Za-z0-9-]+)$")


@dataclass(frozen=True)
class Link:
    target: str  # note or file name, or vault path, as written; "" means the same note
    headings: tuple[str, ...] = ()
    block: str | None = None
    label: str | None = None  # display text given after "|"
    embed: bool = False
    # An obsidian:// address that opens no note of a vault (a search, a plugin, a new note…),
    # as written: it has no page to lead to.
    command: str | None = None

    def written(self) -> str:
        """The link as Obsidian would show it when it has no label: `Note > Titre`."""
        parts = [self.target] if self.target else []
        parts += list(self.headings)
        if self.block:
            parts.append(f"^{self.block}")
        return " > ".join(parts)


def _split_fragment(target: str, fragment: str, label: str | None, embed: bool) -> Link:
    pieces = [p.strip() for p in fragment.split("#")] if fragment else []
    pieces = [p for p in pieces if p]
    block = None
    if pieces:
        match = _BLOCK_ID.match(pieces[-1])
        if match:
            block = match.group(1)
            pieces = pieces[:-1]
    return Link(target.strip(), tuple(pieces), block, label, embed)


def parse_wikilink(inner: str, embed: bool = False) -> Link:
    """`Note#Titre|texte` (the text between `[[` and `]]`) into a Link."""
    inner = inner.replace("\\|", "|")
    target, bar, label = inner.partition("|")
    target, _, fragment = target.partition("#")
    return _split_fragment(target, fragment, label.strip() if bar else None, embed)


def _obsidian(href: str) -> Link:
    """`obsidian://open?vault=…&file=…` and `obsidian://vault/<vault>/<path>` open a note; every
    other action of Obsidian's URI scheme is a command."""
    parts = urlsplit(href)
    query = parse_qs(parts.query)
    file = ""
    if parts.netloc == "open":
        file = (query.get("file") or query.get("path") or [""])[0]
        if "path" in query and "file" not in query:
            file = file.replace("\\", "/").rsplit("/", 1)[-1]
    elif parts.netloc == "vault":
        file = unquote(parts.path).lstrip("/").partition("/")[2]
    if not file:
        return Link("", command=href)
    path, _, fragment = file.partition("#")
    return _split_fragment(path, fragment, None, False)


def parse_href(href: str) -> Link | None:
    """A Markdown link destination into a Link, or None when it points outside the vault."""
    href = href.strip()
    if href.startswith("app://obsidian.md/"):
        path, _, fragment = href[len("app://obsidian.md/"):].partition("#")
        return _split_fragment(unquote(path), unquote(fragment), None, False)
    if href.startswith("obsidian://"):
        return _obsidian(href)
    if _SCHEME.match(href) or href.startswith("//"):
        return None
    path, _, fragment = href.partition("#")
    path = path.partition("?")[0]
    return _split_fragment(unquote(path), unquote(fragment), None, False)
