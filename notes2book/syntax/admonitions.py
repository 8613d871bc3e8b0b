"""```` ```ad-type ```` fences of the Admonition plugin become the tokens of the callout they stand for.

The plugin reads parameter lines at the top of the fence (`title:`, `collapse:`, `icon:`,
`color:`, `metadata:`, each once, in any order) and the rest as Markdown. So the body is parsed
here with the note's own parser, and the fence token is replaced by `callout_open`, an optional
title, the body's tokens and `callout_close`: from then on an ad- fence is a callout like
`> [!type]` for every later step (links resolved, pages, dossier, workbooks). The rule runs
before the callout rule and the inline rule, so callouts inside the body become callouts and
the body's inline text is parsed with the rest of the note; an ad- fence inside the body (with a
longer fence) is met again by the loop below.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from notes2book.syntax.callouts import title_tokens_for

_TYPE = re.compile(r"^ad-([\w-]+)$")
PARAMETERS = ("title", "collapse", "icon", "color", "metadata")
# The plugin makes any other `collapse:` value a closed fold; `false` reads as "not foldable".
_FOLDS = {"open": "+", "closed": "-", "true": "-", "none": "", "false": ""}


def admonition_type(info: str) -> str | None:
    """The callout type an ad- fence's info string names (`ad-note` -> `note`), else None."""
    words = info.strip().split(maxsplit=1)
    match = _TYPE.match(words[0].lower()) if words else None
    return match.group(1) if match else None


def split_parameters(content: str) -> tuple[dict[str, tuple[str, int]], int]:
    """The parameter lines at the top of a fence's content (name -> (value, line number in the
    content)), and how many lines they take. As in the plugin: a line must start with the name and
    its colon, and a name given twice ends the parameters."""
    params: dict[str, tuple[str, int]] = {}
    lines = content.split("\n")
    for count, line in enumerate(lines):
        name, colon, value = line.partition(":")
        if not colon or name not in PARAMETERS or name in params:
            return params, count
        params[name] = (value.strip(), count)
    return params, len(lines)


def _callout(state: StateCore, fence: Token, kind: str) -> list[Token]:
    params, skipped = split_parameters(fence.content)
    first = fence.map[0] + 1 if fence.map else 0  # the note's line of the content's first line
    collapse = params.get("collapse", ("none", 0))[0].lower()
    fold = _FOLDS.get(collapse, "-")
    title, title_line = params.get("title", ("", 0))
    # A blank `title:` shows no title bar, unless the box folds: then it needs its default title.
    untitled = "title" in params and not title and not fold
    opening = Token("callout_open", "div", 1, level=fence.level, block=True, map=fence.map,
                    markup=fence.markup, info=fence.info,
                    meta={"type": kind, "fold": fold, "title": title, "untitled": untitled})
    tokens = [opening]
    if title:
        tokens += title_tokens_for(title, fence.level, [first + title_line, first + title_line + 1])
    body = "\n".join(fence.content.split("\n")[skipped:])
    inner: list[Token] = []
    state.md.block.parse(body, state.md, state.env, inner)
    for token in inner:
        token.level += fence.level + 1
        if token.map:
            token.map = [token.map[0] + first + skipped, token.map[1] + first + skipped]
    tokens += inner
    tokens.append(Token("callout_close", "div", -1, level=fence.level, block=True, markup=fence.markup))
    return tokens


def _admonitions(state: StateCore) -> None:
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = admonition_type(token.info) if token.type == "fence" else None
        if kind is not None:
            # The body's tokens follow the new callout_open: the loop goes on through them.
            tokens[i : i + 1] = _callout(state, token, kind)
        i += 1


def admonitions_plugin(md: MarkdownIt) -> None:
    # Before the callout rule, which must see the blockquotes of the bodies; the inline rule
    # comes after both.
    md.core.ruler.before("callout", "admonition", _admonitions)
