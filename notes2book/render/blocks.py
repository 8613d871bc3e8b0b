"""Block forms: headings, callouts, block targets, comments, and MyST-safe paragraphs."""

from __future__ import annotations

from mdformat.renderer import DEFAULT_RENDERERS, RenderContext, RenderTreeNode

from notes2book.labels import CALLOUT_STYLES, callout_title
from notes2book.render.escape import escape_inline, escape_line_starts
from notes2book.render.inline import render_inline
from notes2book.render.state import state_of


def heading(node: RenderTreeNode, context: RenderContext) -> str:
    meta = node.nester_tokens.opening.meta or {}
    text = render_inline(node, context).replace("\n", " ")
    state = state_of(context)
    if state.embedded:
        # Sections cannot nest inside a directive: an embedded heading is shown, not structural.
        return f"**{text}**"
    marked = block_label(node, context)  # a `^id` alone on the line after the heading
    if meta.get("is_title"):
        return marked.rstrip("\n")
    label = meta.get("label") if state.myst else None
    target = f"({label})=\n" if label else ""
    return f"{marked}{target}{'#' * meta.get('level', node.level)} {text}"


def callout(node: RenderTreeNode, context: RenderContext) -> str:
    meta = node.nester_tokens.opening.meta
    kind, fold = meta["type"], meta["fold"]
    children = list(node.children)
    state = state_of(context)
    # An ad- fence with a blank `title:` has no title bar.
    title = "" if meta.get("untitled") else escape_inline(callout_title(state.language, kind))
    if children and children[0].type == "callout_title":
        title = render_inline(children.pop(0), context).replace("\n", " ")
    body = "\n\n".join(part for part in (child.render(context) for child in children) if part)
    classes = [CALLOUT_STYLES.get(kind, "note"), "callout", f"callout-{kind}"]
    if fold == "-":
        classes.append("dropdown")
    elif fold == "+":
        classes += ["dropdown", "toggle-shown"]
    return state.box(title, classes, body)


def callout_title_node(node: RenderTreeNode, context: RenderContext) -> str:
    return render_inline(node, context)


def dropped(node: RenderTreeNode, context: RenderContext) -> str:
    return ""


def block_label(node: RenderTreeNode, context: RenderContext) -> str:
    state = state_of(context)
    if state.embedded or not state.myst:
        return ""
    owner = node.nester_tokens.opening
    parent = node.parent
    if parent is not None and parent.type == "list_item" and parent.children[0] is node \
            and (parent.nester_tokens.opening.meta or {}).get("block_id"):
        owner = parent.nester_tokens.opening
    block_id = (owner.meta or {}).get("block_id")
    if not block_id:
        return ""
    label = state.index.block_labels[state.page.note.path].get(block_id.casefold())
    return f"({label})=\n" if label else ""


def paragraph_post(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    return block_label(node, context) + escape_line_starts(text)


def block_target_post(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    """A list, table, quote or box that a `^id` alone on the line after it names: its target."""
    return block_label(node, context) + text


def term_post(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    """A definition list's term starts a line, as a paragraph does."""
    return escape_line_starts(text)


def math_block_label(node: RenderTreeNode, context: RenderContext) -> str:
    """`$$…$$ (name)`: the formula, and the name as text; as a label it would become a Sphinx target
    named by the note, clashing with any other note's."""
    formula = context.renderers["math_block"](node, context)
    return f"{formula}\n\n{escape_inline(f'({node.info})')}"


def rule(node: RenderTreeNode, context: RenderContext) -> str:
    """A horizontal rule, as HTML on the book's pages: as a docutils transition it could not open a
    section, follow another rule or sit in a list, all of which Obsidian shows."""
    return '<hr class="rule">' if state_of(context).myst else DEFAULT_RENDERERS["hr"](node, context)
