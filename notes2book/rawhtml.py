"""The addresses raw HTML holds (`src`, `href`, `poster`), read with the standard library's HTML
tokenizer: found once when links are resolved, rewritten when pages are written, and read again
by the Sphinx extension to know which files the built pages reach.

Only the start tags whose addresses change are written anew; every other byte stays as written,
and the sanitizer still has the last word on what is kept.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

URL_ATTRIBUTES = frozenset({"src", "href", "poster"})


@dataclass(frozen=True)
class UrlAttribute:
    tag: str
    name: str  # src, href or poster
    value: str  # as the browser reads it: character references decoded
    line: int  # 0 for the first line of the HTML
    classes: tuple[str, ...] = ()  # the element's classes


@dataclass
class _StartTag:
    tag: str
    attrs: list[tuple[str, str | None]]
    start: int  # offsets of the tag's text in the HTML
    end: int
    line: int
    self_closing: bool
    closed_at: int | None = None  # offset just past the matching end tag, if there is one


class _Tags(HTMLParser):
    """Every start tag of a piece of HTML, with where it stands and where its element ends."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self._text = text
        self._line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
        self._open: list[_StartTag] = []
        self.starts: list[_StartTag] = []
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        start = self._offset()
        element = _StartTag(tag, attrs, start, start + len(text), self.getpos()[0] - 1, text.endswith("/>"))
        self.starts.append(element)
        if not element.self_closing:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for position in range(len(self._open) - 1, -1, -1):
            if self._open[position].tag == tag:
                offset = self._offset()
                self._open[position].closed_at = self._text.find(">", offset) + 1 or len(self._text)
                del self._open[position:]
                return


def _classes(attrs: list[tuple[str, str | None]]) -> tuple[str, ...]:
    return tuple(" ".join(value or "" for name, value in attrs if name == "class").split())


def url_attributes(text: str) -> Iterator[UrlAttribute]:
    """Each address attribute of each start tag in `text`, in order."""
    for start in _Tags(text).starts:
        for name, value in start.attrs:
            if name in URL_ATTRIBUTES and value is not None:
                yield UrlAttribute(start.tag, name, value, start.line, _classes(start.attrs))


def _start_tag(tag: _StartTag, attrs: list[tuple[str, str | None]]) -> str:
    written = "".join(f" {name}" if value is None else f' {name}="{html.escape(value)}"' for name, value in attrs)
    return f"<{tag.tag}{written}{' /' if tag.self_closing else ''}>"


def _splice(text: str, spans: list[tuple[int, int, str]]) -> str:
    pieces, done = [], 0
    for begin, end, replacement in spans:
        if begin >= done:
            pieces += [text[done:begin], replacement]
            done = end
    return "".join(pieces) + text[done:]


def rewrite_urls(text: str, new_value: Callable[[str], str | None]) -> str:
    """`text` with each address attribute's value replaced by `new_value(value)`; None drops the
    attribute. Start tags whose addresses stay the same are left byte for byte."""
    spans = []
    for start in _Tags(text).starts:
        attrs: list[tuple[str, str | None]] = []
        changed = False
        for name, value in start.attrs:
            if name in URL_ATTRIBUTES and value is not None:
                replaced = new_value(value)
                changed = changed or replaced != value
                if replaced is None:
                    continue
                value = replaced
            attrs.append((name, value))
        if changed:
            spans.append((start.start, start.end, _start_tag(start, attrs)))
    return _splice(text, spans)


def drop_elements(text: str, tag: str, css_class: str) -> str:
    """`text` without the `<tag class="… css_class …">…</tag>` elements it holds."""
    return _splice(text, [(s.start, s.closed_at or s.end, "") for s in _Tags(text).starts
                          if s.tag == tag and css_class in _classes(s.attrs)])
