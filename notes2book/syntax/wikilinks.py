"""`[[Note#Titre|texte]]` and `![[Note]]` as `wikilink` tokens carrying a Link."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import table
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline

from notes2book.links import parse_wikilink


def _wikilink(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    embed = src.startswith("![[", pos)
    start = pos + (3 if embed else 2)
    if not embed and not src.startswith("[[", pos):
        return False
    end = src.find("]]", start)
    if end < 0:
        return False
    inner = src[start:end].replace(_BAR, "|")
    target = inner.split("|", 1)[0]
    if not inner.strip() or "\n" in inner or "[" in target or "]" in target:
        return False  # Obsidian allows no bracket in a name: `[[2,3],[5,7]]` is text
    if not silent:
        token = state.push("wikilink", "", 0)
        token.content = src[pos : end + 2].replace(_BAR, "|")
        token.meta = {"link": parse_wikilink(inner, embed)}
    state.pos = end + 2
    return True


# Obsidian reads `[[Note|texte]]` in a table row as one link, where Markdown would split the row
# at its bar. While a table's rows are split, the bars inside wikilinks are this character (one
# character for one: the parser's offsets hold), restored once inline parsing is done.
_BAR = "\ue000"
_SHIELDED = "notes2book_wikilink_bars"
_WIKILINK_WITH_BAR = re.compile(r"\[\[[^\[\]\n]*\|[^\[\]\n]*\]\]")


def _shielded(state: StateBlock) -> str | None:
    """`state.src` with the bars of its wikilinks replaced, or None when it has none; worked out
    once per text (the note, or an admonition's body parsed on its own)."""
    texts = state.env.setdefault(_SHIELDED, {})
    known = texts.get(id(state.src))
    if known is None or known[0] is not state.src:
        src = state.src
        shielded = _WIKILINK_WITH_BAR.sub(lambda m: m.group(0).replace("|", _BAR), src) \
            if "[[" in src and _WIKILINK_WITH_BAR.search(src) else None
        known = texts[id(src)] = (src, shielded)
    return known[1]


def _table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    shielded = _shielded(state)
    if shielded is None:
        return table(state, start, end, silent)
    original, state.src = state.src, shielded
    try:
        return table(state, start, end, silent)
    finally:
        state.src = original


def _restore_bars(state: StateCore) -> None:
    texts = state.env.pop(_SHIELDED, {})
    if not any(shielded for _, shielded in texts.values()):
        return
    for token in state.tokens:
        for child in token.children or []:
            child.content = child.content.replace(_BAR, "|")


def wikilinks_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "wikilink", _wikilink)
    md.block.ruler.at("table", _table)
    md.core.ruler.after("inline", "wikilink_bars_restored", _restore_bars)
