"""`#tag` and `#nested/tag` in text as `tag` tokens (not `#` in URLs, headings or code)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

# Obsidian: letters, digits, `_`, `-` and `/`, with at least one character that is not a digit.
_TAG = re.compile(r"#([\w/-]*[^\W\d][\w/-]*)", re.UNICODE)


def _tag(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != "#" or (pos > 0 and not state.src[pos - 1].isspace() and state.src[pos - 1] not in "(["):
        return False
    match = _TAG.match(state.src, pos)
    if not match:
        return False
    name = match.group(1).strip("/")
    if not name:
        return False
    if not silent:
        token = state.push("tag", "", 0)
        token.content = match.group(0)
        token.meta = {"tag": name}
    state.pos = match.end()
    return True


def tags_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("emphasis", "tag", _tag)
