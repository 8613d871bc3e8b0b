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
    title_tokens: list[Token] = []
    if title:
        title_open = Token("callout_title_open", "p", 1, level=opening.level + 1, block=True)
        title_inline = Token("inline", "", 0, content=title, level=opening.level + 2, block=True,
                             map=para_open.map, children=[])
        title_close = Token("callout_title_close", "p", -1, level=opening.level + 1, block=True)
        title_tokens = [title_open, title_inline, title_close]
    if rest.strip():
        inline.content = rest
        if para_open.map:
            para_open.map = [para_open.map[0] + 1, para_open.map[1]]
        tokens[i + 1 : i + 1] = title_tokens
    else:
        tokens[i + 1 : i + 4] = title_tokens


def callouts_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "callout", _callouts)
