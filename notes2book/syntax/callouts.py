"""`> [!type]± Titre` blockquotes become `callout` tokens (type, fold, title)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_HEADER = re.compile(r"^\[!([^\]\s]+)\]([+-]?)[ \t]*(.*)$")


def _callouts(state: StateCore) -> None:
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if (
            token.type == "blockquote_open"
            and i + 2 < len(tokens)
            and tokens[i + 1].type == "paragraph_open"
            and tokens[i + 2].type == "inline"
        ):
            inline = tokens[i + 2]
            first, _, rest = inline.content.partition("\n")
            match = _HEADER.match(first)
            if match:
                _convert(tokens, i, match, rest)
        i += 1


def _convert(tokens: list[Token], i: int, match: re.Match[str], rest: str) -> None:
    opening = tokens[i]
    close = next(
        j for j in range(i + 1, len(tokens))
        if tokens[j].type == "blockquote_close" and tokens[j].level == opening.level
    )
    opening.type, opening.tag = "callout_open", "div"
    tokens[close].type, tokens[close].tag = "callout_close", "div"
    kind, fold, title = match.group(1).lower(), match.group(2), match.group(3).strip()
    opening.meta = {"type": kind, "fold": fold, "title": title}
    para_open, inline = tokens[i + 1], tokens[i + 2]
    title_tokens = title_tokens_for(title, opening.level, para_open.map) if title else []
    if rest.strip():
        inline.content = rest
        if para_open.map:
            # The body starts on the line after the header: links in it are reported there.
            para_open.map = inline.map = [para_open.map[0] + 1, para_open.map[1]]
        tokens[i + 1 : i + 1] = title_tokens
    else:
        tokens[i + 1 : i + 4] = title_tokens


def title_tokens_for(title: str, level: int, line_map: list[int] | None) -> list[Token]:
    """The title of a callout opened at `level`, as written (its inline Markdown parsed later,
    with every other inline block)."""
    inline = Token("inline", "", 0, content=title, level=level + 2, block=True, map=line_map, children=[])
    return [Token("callout_title_open", "p", 1, level=level + 1, block=True), inline,
            Token("callout_title_close", "p", -1, level=level + 1, block=True)]


def callouts_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "callout", _callouts)
