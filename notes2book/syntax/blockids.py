"""A trailing `^bloc-id` marks its paragraph or list item: kept in meta, removed from the text."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from notes2book.tokenspans import span_closed_at

_TRAILING_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$")


def _owner(tokens: list[Token], inline_index: int) -> Token | None:
    """The block the marker names: the item holding the paragraph, else the paragraph."""
    para = tokens[inline_index - 1] if inline_index else None
    if para is None or para.type != "paragraph_open":
        return None
    before = tokens[inline_index - 2] if inline_index >= 2 else None
    if before is not None and before.type == "list_item_open":
        return before
    return para


def _block_ids(state: StateCore) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        last = token.children[-1]
        if last.type != "text":
            continue
        match = _TRAILING_ID.search(last.content)
        if not match:
            continue
        owner = _owner(tokens, index)
        if owner is None:
            continue
        if match.start() == 0 and len(token.children) == 1 and index >= 2:
            # A marker alone on its line after a list, table or quote names that block.
            owner = _previous_block(tokens, index - 1) or owner
        owner.meta = {**(owner.meta or {}), "block_id": match.group(1)}
        last.content = last.content[: match.start()].rstrip()
        if not last.content and len(token.children) > 1 and token.children[-2].type == "softbreak":
            token.children.pop()
            token.children.pop()


def _previous_block(tokens: list[Token], para_index: int) -> Token | None:
    prev = tokens[para_index - 1] if para_index else None
    if prev is None or prev.nesting != -1 or prev.type == "paragraph_close":
        return None
    block = span_closed_at(tokens, para_index - 1)
    return tokens[block[0]] if block is not None else None


def block_ids_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "block_id", _block_ids)
