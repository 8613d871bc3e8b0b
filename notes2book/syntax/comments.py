"""`%% comment %%`, inline or over several lines: parsed so it can be dropped."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline


def _block_comment(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if state.sCount[start_line] - state.blkIndent >= 4 or not state.src.startswith("%%", begin):
        return False
    close = state.src.find("%%", begin + 2)
    last = start_line
    if close >= 0:
        while last + 1 < end_line and state.eMarks[last] < close:
            last += 1
        rest = state.src[close + 2 : state.eMarks[last]].strip()
        if rest:
            return False  # text follows the comment on its line: leave it to the inline rule
    else:
        last = end_line - 1
    if silent:
        return True
    token = state.push("comment", "", 0)
    token.content = state.getLines(start_line, last + 1, state.blkIndent, False)
    token.map = [start_line, last + 1]
    state.line = last + 1
    return True


def _inline_comment(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("%%", state.pos):
        return False
    close = state.src.find("%%", state.pos + 2)
    end = close + 2 if close >= 0 else state.posMax
    if not silent:
        token = state.push("comment", "", 0)
        token.content = state.src[state.pos : end]
    state.pos = end
    return True


def comments_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("paragraph", "comment", _block_comment)
    md.inline.ruler.before("emphasis", "comment", _inline_comment)
