"""`- [ ]` with nothing after it on its line is a task in Obsidian too: the task-list extension
marks the item but leaves its checkbox empty, which the Markdown writer cannot handle. Give it its
checkbox."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

CHECKBOX = '<input class="task-list-item-checkbox" disabled="disabled" type="checkbox">'


def _empty_checkboxes(state: StateCore) -> None:
    tokens = state.tokens
    for i, token in enumerate(tokens[:-2]):
        if token.type != "list_item_open" or "task-list-item" not in str(token.attrs.get("class", "")):
            continue
        inline = tokens[i + 2]
        first = inline.children[0] if inline.type == "inline" and inline.children else None
        if first is not None and first.type == "html_inline" and not first.content:
            first.content = CHECKBOX


def tasklists_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("task_checkboxes", _empty_checkboxes)
