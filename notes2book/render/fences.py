"""Fenced and indented code: shown as code, never read by MyST as one of its directives.

A note's fence reaches the page with a language the highlighter knows and lexes without error,
else as plain text; its info string is never copied, so ```` ```{include} ```` or
```` ```{raw} html ```` stay code. Blocks that Obsidian draws (Mermaid diagrams) are handed to
their renderer in `DIAGRAMS`; blocks that Obsidian computes (`PLUGIN_BLOCKS`) become a notice.
The Admonition plugin's ```` ```ad-type ```` fences never come here: they are callouts from the
parser on (notes2book.syntax.admonitions).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

import mdformat_dollarmath
from mdformat.renderer import RenderContext, RenderTreeNode
from pygments.filters import ErrorToken
from pygments.lexer import Lexer
from pygments.lexers import find_lexer_class_by_name
from pygments.util import ClassNotFound

from notes2book.diagnostics import Diagnostic, Severity
from notes2book.render import plugins
from notes2book.render.state import RenderState, state_of

_LANGUAGE = re.compile(r"^[A-Za-z0-9_+#.-]{1,40}$")
# Names Sphinx's highlighter knows besides Pygments' own (sphinx.highlighting, IPython's lexers).
_SPHINX_NAMES = frozenset({"none", "text", "default", "python", "python3", "pycon", "pycon3", "rest"})
PLAIN = "text"
_DOLLARMATH = mdformat_dollarmath.RENDERERS


@lru_cache(maxsize=256)
def _lexer_class(name: str) -> type[Lexer] | None:
    try:
        return find_lexer_class_by_name(name)
    except ClassNotFound:
        return None


def fence_language(info: str) -> str:
    """The language a fence's info string names (its first word), or ""."""
    words = info.strip().split(maxsplit=1)
    return words[0].lower() if words else ""


def _lexes(lexer: Lexer, code: str) -> bool:
    """Sphinx lexes with errors raised, and warns when a block does not lex: check first."""
    try:
        for _ in lexer.get_tokens(code):
            pass
    except ErrorToken:
        return False
    return True


def highlight_language(language: str, code: str) -> tuple[str, str]:
    """The language to give Sphinx for this code, and why it is not the note's own ("" when it is)."""
    if not language or language in _SPHINX_NAMES:
        return language, ""
    lexer = _lexer_class(language) if _LANGUAGE.match(language) else None
    if lexer is None:
        return PLAIN, "unknown"
    strict = lexer(stripnl=False, ensurenl=True)  # as Sphinx makes it, errors raised
    strict.add_filter("raiseonerror")
    return (language, "") if _lexes(strict, code) else (PLAIN, "invalid")


def literal(code: str, language: str) -> str:
    """A backtick fence longer than any backtick run in `code`, with a safe language name."""
    if code and not code.endswith("\n"):
        code += "\n"
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code}{fence}"


def _problem(state: RenderState, node: RenderTreeNode, code: str, message: str, hint: str) -> None:
    line = state.page.note.body_line + node.map[0] if node.map else None
    state.problems.append(Diagnostic(code, Severity.INFO, state.page.note.path, line, message, hint))


def mermaid(source: str, state: RenderState) -> str:
    """On the site, drawn in the browser by the site's own mermaid.js; in workbooks, a mermaid
    fence, which Jupyter draws."""
    if not state.myst:
        return literal(source, "mermaid")
    return f'<pre class="mermaid">\n{html.escape(source.rstrip())}\n</pre>'


DIAGRAMS: dict[str, Callable[[str, RenderState], str]] = {"mermaid": mermaid}

# Obsidian's search embed and the Dataview, Tasks and Bases blocks: results only Obsidian can
# compute, from the whole vault. Each is a kind of notice in notes2book.render.plugins.
PLUGIN_BLOCKS = frozenset({"query", "dataview", "dataviewjs", "tasks", "base"})


def fence(node: RenderTreeNode, context: RenderContext) -> str:
    state = state_of(context)
    code = node.content
    language = fence_language(node.info) if node.type == "fence" else ""
    if language in DIAGRAMS:
        return DIAGRAMS[language](code, state)
    if language in PLUGIN_BLOCKS:
        # Info, not a warning: the note is right for Obsidian and the page says what is missing.
        _problem(state, node, "obsidian-block",
                 f"this ```{language} block ({plugins.BLOCKS[language].what}) is computed by Obsidian; "
                 "the page shows a notice in its place",
                 "if readers need its result, write it into the note as text")
        return plugins.notice(language, state)
    shown, why = highlight_language(language, code)
    if language.startswith("{"):
        _problem(state, node, "myst-directive-as-code",
                 f"'{language.split('}')[0]}}}' is MyST syntax, which a note never runs; the block is shown as code",
                 "notes are published as written: write the content itself rather than a directive")
    elif why == "unknown":
        _problem(state, node, "fence-language-unknown",
                 f"the code block's language '{node.info.strip()[:60]}' is not one the highlighter knows",
                 "it is shown as plain text; write a known language name to colour it")
    elif why == "invalid":
        _problem(state, node, "fence-not-highlighted",
                 f"the code block does not read as {language}; it is shown as plain text",
                 "correct the code, or mark the block with another language")
    return literal(code, shown if state.myst else language if _LANGUAGE.match(language) else "")


def math_block(node: RenderTreeNode, context: RenderContext) -> str:
    """A formula block. One holding `$$`, which no formula can (it ends display math), would end
    early in MyST and let its rest be read as MyST: it is shown as the note wrote it."""
    if "$$" not in node.content:
        return _DOLLARMATH["math_block"](node, context)
    _problem(state_of(context), node, "math-unclosed", "a formula block holds `$$`: it is shown as written",
             "end the formula with `$$` on a line of its own")
    return literal(f"$${node.content}$$", PLAIN)
