"""What MyST would execute in a generated page, read with myst-parser's own parser as Jupyter Book
configures it: every directive, role, target, comment, block break, attribute and raw HTML of the
page, checked against what notes2book itself writes. A note is data: whatever it contains, nothing
else may appear."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser

import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from projects import REPO

# Directives notes2book writes: the options it gives them, and whether their body is MyST (which
# may hold a note's text, and is checked in turn) or the course map's Graphviz source.
DIRECTIVES = {"admonition": ({"class"}, True), "container": (set(), True), "rubric": ({"heading-level"}, True),
              "graphviz": ({"align"}, False), "figure": ({"alt", "width", "height"}, True)}
ROLES = {"download"}
# `[text]{.class}` spans and link attributes; the classes markdown-it gives task lists.
CLASSES = {"mark", "broken-link", "no-print", "source-link", "contains-task-list", "task-list-item", "task-list-item-checkbox"}
ATTRIBUTES = {"class", "width", "height"}
# Attributes markdown-it itself sets on the tokens of ordinary Markdown.
MARKDOWN_ATTRIBUTES = {"href", "src", "alt", "title", "style", "start", "type", "checked", "disabled",
                       "id", "colspan", "rowspan"}
_LABEL = re.compile(r"^[a-z0-9_][a-z0-9_.-]*$")
_OPTION = re.compile(r"^:([\w-]+):(.*)$")
_UNSAFE_TAGS = {"script", "style", "object", "embed", "form", "base", "meta", "link"}


class _UnsafeHtml(HTMLParser):
    """Tags and attributes of raw HTML that would run or load something."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _UNSAFE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or "javascript:" in (value or "").replace(" ", "").lower():
                self.found.append(f"<{tag} {name}={value!r}>")


def unsafe_html(text: str) -> list[str]:
    parser = _UnsafeHtml()
    parser.feed(text)
    parser.close()
    return parser.found


@lru_cache(maxsize=1)
def myst_parser() -> MarkdownIt:
    """myst-parser's Markdown parser with the extensions the project's `_config.yml` enables."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    extensions = config["parse"]["myst_enable_extensions"]
    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def _tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _tokens(token.children)


def _directive_body(content: str) -> tuple[dict[str, str], str]:
    lines = content.split("\n")
    options = {}
    while lines and _OPTION.match(lines[0]):
        match = _OPTION.match(lines.pop(0))
        assert match
        options[match.group(1)] = match.group(2).strip()
    return options, "\n".join(lines)


def foreign_syntax(text: str, labels: set[str] | None = None) -> list[str]:
    """Everything in a page's MyST text that notes2book does not write itself, described.

    `labels`: the targets the page may define (its headings' and blocks' labels); None accepts
    any well-formed label."""
    problems: list[str] = []
    _check(text, labels, problems, top=True)
    return problems


def _check(text: str, labels: set[str] | None, problems: list[str], top: bool) -> None:
    for token in _tokens(myst_parser().parse(text)):
        where = f"line {token.map[0] + 1}" if token.map else "inline"
        kind = token.type
        if kind in ("fence", "colon_fence"):
            info = token.info.strip()
            if not info.startswith("{"):
                if kind == "colon_fence":
                    problems.append(f"{where}: colon fence {info!r}")
                continue
            name = info[1:].partition("}")[0]
            if name not in DIRECTIVES:
                problems.append(f"{where}: directive {{{name}}}")
                continue
            allowed, myst_body = DIRECTIVES[name]
            options, body = _directive_body(token.content)
            extra = set(options) - allowed
            if extra:
                problems.append(f"{where}: {{{name}}} options {sorted(extra)}")
            if myst_body:
                _check(body, labels, problems, top=False)
        elif kind == "myst_role":
            if token.meta.get("name") not in ROLES:
                problems.append(f"{where}: role {{{token.meta.get('name')}}}")
        elif kind == "myst_target":
            name = token.content
            if not _LABEL.match(name) or (labels is not None and name not in labels):
                problems.append(f"{where}: target ({name})=")
        elif kind == "myst_line_comment" and token.content.strip():
            problems.append(f"{where}: comment {token.content!r}")  # a bare `%` is an empty box's body
        elif kind == "myst_block_break":
            problems.append(f"{where}: block break {token.content!r}")
        elif kind == "front_matter" and not top:
            problems.append(f"{where}: front matter inside a block")
        elif kind in ("html_block", "html_inline") and unsafe_html(token.content):
            problems.append(f"{where}: unsafe HTML {unsafe_html(token.content)}")
        elif kind in ("math_block_label", "amsmath", "substitution_block", "substitution_inline"):
            problems.append(f"{where}: {kind}")
        for attribute, value in (token.attrs or {}).items() if not kind.startswith("myst_") else ():
            if attribute in MARKDOWN_ATTRIBUTES and not (attribute == "id" and kind != "footnote_anchor"):
                continue
            if attribute not in ATTRIBUTES:
                problems.append(f"{where}: attribute {attribute}={value!r} on {kind}")
            elif attribute == "class" and not set(str(value).split()) <= CLASSES:
                problems.append(f"{where}: class {value!r} on {kind}")
