"""A whole book page: title, normalized headings, body, and the note's metadata kept aside."""

from __future__ import annotations

from typing import Any

import yaml

from notes2book.linkgraph import LinkGraph
from notes2book.parse import Page
from notes2book.render.escape import escape_inline
from notes2book.render.generated import cited_in, related_questions, source_line
from notes2book.render.myst import render_tokens
from notes2book.render.state import RenderState


def _front_matter(page: Page) -> str:
    note = page.note
    data: dict[str, Any] = {"notes2book": {"source": note.path, "kind": str(note.kind)}}
    if note.tags:
        data["notes2book"]["tags"] = list(note.tags)
    if note.meta:
        # Kept as page metadata (never shown), under our key: MyST reads some top-level keys itself.
        data["notes2book"]["meta"] = _plain(note.meta)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "---\n" + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=True) + "---\n"


def _plain(value: Any) -> Any:
    """Front-matter values as YAML can write them back safely (dates and the like as text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def render_title(page: Page, state: RenderState) -> str:
    if page.title_heading is None:
        return escape_inline(page.note.stem)
    inline = page.tokens[page.title_heading.token_index + 1]
    return " ".join(render_tokens([inline], state, page.env, finalize=False).split())


def _tag_line(page: Page, state: RenderState) -> str:
    """The note's front-matter tags under its title, each a link to its tag page."""
    links = []
    for name in page.note.tags:
        href = state.tag_href(name)
        if href:
            links.append(f"[{escape_inline('#' + name)}]({href})")
    return " ".join(links) + "\n\n" if links else ""


def _first_section(page: Page) -> int:
    """Where the note's first section starts among its tokens (their end when it has none)."""
    title = page.title_heading.token_index if page.title_heading else -1
    for position, token in enumerate(page.tokens):
        if token.type == "heading_open" and token.level == 0 and position != title:
            return position
    return len(page.tokens)


def render_page(page: Page, state: RenderState, graph: LinkGraph, lead: str = "", ahead: str = "",
                around: str = "") -> str:
    """The page's MyST text, with generated parts: `lead` under its title, `ahead` before the
    note's first section (after its opening text), `around` at the very end; what goes wrong on
    the way is appended to `state.problems`."""
    head = (f"{_front_matter(page)}\n# {render_title(page, state)}\n\n"
            f"{_tag_line(page, state)}{source_line(page, state)}{lead}")
    if ahead:
        split = _first_section(page)
        opening = render_tokens(page.tokens[:split], state, page.env, finalize=False).strip("\n")
        rest = render_tokens(page.tokens[split:], state, page.env).strip("\n")
        body = "\n\n".join(part for part in (opening, ahead.strip("\n"), rest) if part)
    else:
        body = render_tokens(page.tokens, state, page.env).strip("\n")
    parts = (related_questions(page, graph, state), cited_in(page, graph, state), around)
    tail = [part.strip("\n") for part in parts if part]
    return "\n\n".join([head + body, *tail]).rstrip("\n") + "\n"
