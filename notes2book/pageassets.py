"""What each page of the site loads: only what it uses (scripts/page_weight.py measures it).

Jupyter Book's extensions add their files to every page. Here, when a page is written:
- never: sphinx-thebe's (live code on Binder, which a course of notes does not run, with a Binder
  configuration for an unrelated repository written into the page) and sphinx-design's (no note
  makes its cards or tabs);
- only where the page has what they serve: the copy button and code colours (a code block),
  togglebutton (a folding box), myst-nb's styles (a notebook's cells), Graphviz's (a diagram);
- MathJax only where the page has a formula;
- the second viewport tag, docutils' (Sphinx's layout writes one already).
- the hover previews' three scripts (Popper, Tippy and the page's previews) wait for the first
  pointer or keyboard focus on a link of the page's text: notes2book-site.js loads them then, from
  the addresses given to it (`notes2book_previews`), and a page that is only read loads none.
notes2book/templates/layout.html also leaves out pydata-sphinx-theme's fontawesome.js (1.5 MB,
which draws as SVG the icons its stylesheet already draws with the icon font) and loads the
search scripts deferred.
"""

from __future__ import annotations

import re
from typing import Any

_NEVER = {"sphinx-thebe.js", "sphinx-thebe.css", "design-tabs.js", "sphinx-design.min.css"}
# file name (start) -> what the page's body holds when the page needs it
_WHEN = {
    "copybutton.js": 'class="highlight', "copybutton.css": 'class="highlight', "clipboard.min.js": 'class="highlight',
    "pygments.css": 'class="highlight',
    "togglebutton.js": "toggle", "togglebutton.css": "toggle",
    "mystnb.": 'class="cell', "graphviz.css": 'class="graphviz',
}
# Inline scripts that configure the files above.
_SETTINGS = {"window.MathJax": "mathjax", "THEBE_JS_URL": "sphinx-thebe.js", "togglebutton": "togglebutton.js", "toggleHint": "togglebutton.js",
             "toggleOpenOnPrint": "togglebutton.js"}
_THEBE_IN_BODY = re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>\s*<script>kernelName = [^<]*</script>',
                            re.DOTALL)
_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')


def _name(asset: Any) -> str:
    return str(asset.filename or "").rsplit("/", 1)[-1]


def _preview_script(app: Any, asset: Any) -> bool:
    name = str(asset.filename or "").removeprefix("_static/")
    return name.startswith("tippy/") or name in getattr(app.config, "tippy_js", ())


def _needed(name: str, body: str, mathjax: str) -> bool:
    if name in _NEVER:
        return False
    if name == mathjax and 'class="math' not in body:
        return False  # Sphinx loads it on a page whose toctree holds a formula, as the home's does
    return not any(name.startswith(start) and mark not in body for start, mark in _WHEN.items())


def _prune(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name != "html" or "script_files" not in context:
        return
    body = context.get("body", "")
    dropped: set[str] = set()
    mathjax = str(app.config.mathjax_path or "").rsplit("/", 1)[-1]
    # The builder's lists for this page (Sphinx restores them after each page).
    scripts, styles = context["script_files"], context["css_files"]
    for asset in list(scripts):
        name = _name(asset)
        if name and not _needed(name, body, mathjax):
            dropped.add(name)
    for asset in list(styles):
        if not _needed(_name(asset), body, mathjax):
            styles.remove(asset)
    if mathjax in dropped:
        dropped.add("mathjax")
    scripts[:] = [asset for asset in scripts if _name(asset) not in dropped and not any(
        setting in asset.attributes.get("body", "") and file in dropped | _NEVER for setting, file in _SETTINGS.items())]
    previews = [asset for asset in scripts if _preview_script(app, asset)]
    if previews:
        scripts[:] = [asset for asset in scripts if asset not in previews]
        context["notes2book_previews"] = " ".join(context["pathto"](str(asset.filename), resource=True)
                                                  for asset in previews)
    if body:
        context["body"] = _THEBE_IN_BODY.sub("", body)
    context["metatags"] = _VIEWPORT.sub("", context.get("metatags", ""))


def setup(app: Any) -> None:
    """Connect the pruning; called by notes2book.sphinxext's own setup."""
    app.connect("html-page-context", _prune, priority=900)  # once every extension has added its files
