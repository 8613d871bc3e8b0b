"""Render a parsed, resolved page's tokens as MyST Markdown for Jupyter Book (myst-parser 3)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from markdown_it.token import Token

from notes2book.parse import markdown
from notes2book.render import blocks, embeds, fences, html, images, inline, plugins
from notes2book.render.state import RenderState


class MystExtension:
    """mdformat's renderer, told how to write our tokens and what MyST reads differently."""

    CHANGES_AST = True
    RENDERERS = {
        "wikilink": inline.wikilink,
        "link": inline.link,
        "image": inline.image,
        "mark": inline.mark,
        "tag": inline.tag,
        "softbreak": inline.softbreak,
        "hardbreak": inline.hardbreak,
        "heading": blocks.heading,
        "callout": blocks.callout,
        "math_block_label": blocks.math_block_label,
        "hr": blocks.rule,
        "callout_title": blocks.callout_title_node,
        "comment": blocks.dropped,
        "note_embed": embeds.note_embed,
        "figure": images.figure,
        "view_embed": plugins.view_embed,
        "html_block": html.html_block,
        "fence": fences.fence,
        "code_block": fences.fence,
        "html_inline": html.html_inline,
    }
    POSTPROCESSORS = {
        "paragraph": blocks.paragraph_post, "dt": blocks.term_post, "text": inline.text_post,
        **{kind: blocks.block_target_post
           for kind in ("bullet_list", "ordered_list", "table", "blockquote", "callout", "dl", "note_embed")},
    }

    @staticmethod
    def update_mdit(mdit: Any) -> None:
        """Parsing is set up once in notes2book.parse; this extension only renders."""


def _without(plugin: Any, names: Mapping[str, object]) -> Any:
    """`plugin` less its renderers of the syntaxes in `names`."""
    if not set(plugin.RENDERERS) & set(names):
        return plugin
    renderers = {name: render for name, render in plugin.RENDERERS.items() if name not in names}
    return SimpleNamespace(RENDERERS=renderers, POSTPROCESSORS=getattr(plugin, "POSTPROCESSORS", {}),
                           CHANGES_AST=getattr(plugin, "CHANGES_AST", False))


@lru_cache(maxsize=1)
def _options() -> dict[str, Any]:
    options = dict(markdown().options)
    # mdformat keeps the first renderer given for a syntax (and logs the clash): theirs give way.
    options["parser_extension"] = [*(_without(plugin, MystExtension.RENDERERS) for plugin in options["parser_extension"]),
                                   MystExtension]
    return options


def render_tokens(tokens: list[Token], state: RenderState, env: dict[str, Any], finalize: bool = True) -> str:
    return markdown().renderer.render(tokens, _options(), {**env, "notes2book": state}, finalize=finalize)
