"""Block forms: headings, callouts, block targets, comments, and MyST-safe paragraphs."""

from __future__ import annotations

import json

from mdformat.renderer import DEFAULT_RENDERERS, RenderContext, RenderTreeNode

from notes2book.render.escape import escape_inline, escape_line_starts
from notes2book.render.images import SIZE, check
from notes2book.render.inline import picture_of, render_inline
from notes2book.render.plan import HeadingPlan
from notes2book.render.state import directive, state_of, token_of
from notes2book.words import CALLOUT_STYLES, callout_title


def heading(node: RenderTreeNode, context: RenderContext) -> str:
    text = render_inline(node, context).replace("\n", " ")
    state = state_of(context)
    if state.embedded:
        # Sections cannot nest inside a directive: an embedded heading is shown, not structural.
        return f"**{text}**"
    marked = block_label(node, context)  # a `^id` alone on the line after the heading
    plan = state.plan.heading(token_of(node)) or HeadingPlan()
    if plan.is_title:
        return marked.rstrip("\n")
    label = plan.label if state.myst else None
    target = f"({label})=\n" if label else ""
    return f"{marked}{target}{'#' * (plan.level or node.level)} {text}"


def callout(node: RenderTreeNode, context: RenderContext) -> str:
    meta = node.meta
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
    meta = node.meta
    parent = node.parent
    if parent is not None and parent.type == "list_item" and parent.children[0] is node \
            and (parent.meta or {}).get("block_id"):
        meta = parent.meta
    block_id = (meta or {}).get("block_id")
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


def figure(node: RenderTreeNode, context: RenderContext) -> str:
    """An image alone in its paragraph (see images.py): as it is, or, with a caption, a MyST figure."""
    state = state_of(context)
    inline = node.children[0]
    parts = [child for child in inline.children if not (child.type == "text" and not child.content.strip())]
    picture = picture_of(parts[0], state)
    plan = state.plan.block(inline.token)
    if plan is None or not plan.captioned or picture is None or not state.myst:
        return paragraph_post(DEFAULT_RENDERERS["paragraph"](node, context), node, context)
    check(state, picture)
    caption = escape_line_starts(" ".join(render_inline(parts[2], context).split()))
    options = {"alt": json.dumps(picture.alt, ensure_ascii=False)}  # quoted: the note's words are data
    match = SIZE.match(picture.size or "")
    if match:
        options["width"] = f"{match.group(1)}px"
        if match.group(2):
            options["height"] = f"{match.group(2)}px"
    return block_label(node, context) + directive("figure", picture.src, options, caption)
