"""A whole book page: title, normalized headings, body, and the note's metadata kept aside."""

from __future__ import annotations

from typing import Any

import yaml

from notes2book.index import Index
from notes2book.parse import Page, markdown
from notes2book.render.escape import escape_inline
from notes2book.render.myst import MystExtension, RenderState


def normalize_levels(page: Page, index: Index) -> None:
    """One H1 (the title), and no level jumps below it, so Sphinx sees a clean outline."""
    labels = index.heading_labels.get(page.note.path, {})
    stack: list[tuple[int, int]] = []  # (level in the note, level in the book)
    for heading in page.headings:
        opening = page.tokens[heading.token_index]
        if heading is page.title_heading:
            opening.meta = {**(opening.meta or {}), "is_title": True}
            continue
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        level = min(stack[-1][1] + 1 if stack else 2, 6)
        stack.append((heading.level, level))
        opening.meta = {**(opening.meta or {}), "level": level, "label": labels.get(heading.token_index)}


def _front_matter(page: Page) -> str:
    note = page.note
    data: dict[str, Any] = {"notes2book": {"source": note.path, "kind": note.kind}}
    if note.tags:
        data["notes2book"]["tags"] = list(note.tags)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "---\n" + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=True) + "---\n"


def render_title(page: Page, state: RenderState) -> str:
    if page.title_heading is None:
        return escape_inline(page.note.stem)
    inline = page.tokens[page.title_heading.token_index + 1]
    env = {**page.env, "notes2book": state}
    text = markdown().renderer.render([inline], _options(), env, finalize=False)
    return " ".join(text.split())


def _options() -> dict[str, Any]:
    options = dict(markdown().options)
    options["parser_extension"] = [*options["parser_extension"], MystExtension]
    return options


def render_page(page: Page, index: Index, language: str, line_breaks: bool = True) -> str:
    normalize_levels(page, index)
    state = RenderState(page, index, index.docnames[page.note.path], language, line_breaks)
    env = {**page.env, "notes2book": state}
    body = markdown().renderer.render(page.tokens, _options(), env)
    return f"{_front_matter(page)}\n# {render_title(page, state)}\n\n{body}".rstrip("\n") + "\n"
