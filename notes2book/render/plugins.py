"""Blocks only Obsidian can show — its search, Dataview and Tasks queries, Bases, canvases — become
a notice in the reader's language in their place. Their source means nothing to a learner, so it is
never shown; a file (`.base`, `.canvas`) is never published either.
"""

from __future__ import annotations

from dataclasses import dataclass

from mdformat.renderer import RenderContext, RenderTreeNode

from notes2book.render.escape import escape_inline
from notes2book.render.state import RenderState, embed_of, state_of
from notes2book.words import label


@dataclass(frozen=True)
class ObsidianBlock:
    name: str  # label of what the block is, for the reader
    notice: str  # label of the sentence saying why it is not shown
    what: str  # what the block is, for diagnostics


# By fence language, and by file extension for `.base` and `.canvas` files.
BLOCKS: dict[str, ObsidianBlock] = {
    "query": ObsidianBlock("obsidian_query", "obsidian_computed", "an Obsidian search"),
    "dataview": ObsidianBlock("obsidian_dataview", "obsidian_computed", "a Dataview query"),
    "dataviewjs": ObsidianBlock("obsidian_dataviewjs", "obsidian_computed", "a Dataview script"),
    "tasks": ObsidianBlock("obsidian_tasks", "obsidian_computed", "a Tasks query"),
    "base": ObsidianBlock("obsidian_base", "obsidian_computed", "an Obsidian base"),
    "canvas": ObsidianBlock("obsidian_canvas", "obsidian_drawn", "an Obsidian canvas"),
    "excalidraw": ObsidianBlock("obsidian_excalidraw", "obsidian_sketched", "an Excalidraw drawing"),
}


def notice(kind: str, state: RenderState, name: str = "") -> str:
    """The notice standing for a block of `kind` (a key of BLOCKS), titled with `name` if given."""
    block = BLOCKS[kind]
    title = escape_inline(label(state.language, block.name))
    if name:
        # Escaped apart: escape_inline would make the separator's no-break space a plain one.
        title += label(state.language, "context_sep") + escape_inline(name)
    classes = ["note", "not-reproduced", f"not-reproduced-{kind}"]
    return state.box(title, classes, escape_inline(label(state.language, block.notice)))


def view_embed(node: RenderTreeNode, context: RenderContext) -> str:
    """`![[Projets.base]]`, `![[Carte.canvas]]` alone in a paragraph: the notice, named after the file
    (and the base's view, `#Vue`). The diagnostic comes from the link's resolution."""
    state = state_of(context)
    link, target, _ = embed_of(node, state)
    name = target.path.rsplit("/", 1)[-1]
    if name.lower().endswith(".md"):  # an Excalidraw drawing, kept as a note
        stem, kind = name[: -len(".md")].removesuffix(".excalidraw"), "excalidraw"
    else:
        stem, _, kind = name.rpartition(".")
    return notice(kind.lower(), state, link.label or " > ".join((stem, *link.headings)))
