"""Render a parsed, resolved page's tokens as MyST Markdown for Jupyter Book (myst-parser 3)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from types import SimpleNamespace
from typing import Any, ClassVar

from markdown_it.token import Token

from notes2book.parse import markdown
from notes2book.render import blocks, embeds, fences, inline, plugins, sanitize
from notes2book.render.state import RenderState, write_tokens


class MystExtension:
    """mdformat's renderer, told how to write our tokens and what MyST reads differently."""

    CHANGES_AST = True
    RENDERERS: ClassVar[dict[str, Callable[..., str]]] = {
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
        "math_block": fences.math_block,
        "hr": blocks.rule,
        "callout_title": blocks.callout_title_node,
        "comment": blocks.dropped,
        "note_embed": embeds.note_embed,
        "figure": blocks.figure,
        "view_embed": plugins.view_embed,
        "html_block": sanitize.html_block,
        "fence": fences.fence,
        "code_block": fences.fence,
        "html_inline": sanitize.html_inline,
    }
    POSTPROCESSORS: ClassVar[dict[str, Callable[..., str]]] = {
        "paragraph": blocks.paragraph_post, "dt": blocks.term_post, "text": inline.text_post,
        **dict.fromkeys(("bullet_list", "ordered_list", "table", "blockquote", "callout", "dl", "note_embed"),
                        blocks.block_target_post),
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
    return write_tokens(tokens, _options(), state, env, finalize)
