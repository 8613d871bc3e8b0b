"""The site's controls for learners, on every screen width and in the site's language.

- notes2book-site.js (loaded by notes2book/templates/layout.html) makes the menu and contents buttons work (the themes bind a hidden button,
  pydata-sphinx-theme#2451) and say whether their panel is open; notes2book-ui.css gives every
  control a visible focus, readable search highlights in dark mode, a light plate behind a logo
  drawn for light pages only, and the search page one search field.
- The themes' words that Sphinx's translations do not cover ("Search this book...", "Toggle
  primary sidebar", the logo's "… - Home") come from notes2book.words, in the site's language:
  as theme options where the theme has one, else from notes2book's templates
  (notes2book/templates/toggle-*.html, ahead of the theme's on the template path).
- Tag pages are out of the previous / next chain of the course.
- One search field: the sidebar's is left out (the header, or on narrow screens the article's
  header, has one).
"""

from __future__ import annotations

import re
from typing import Any

from notes2book.words import label

UI_CSS = "notes2book-ui.css"
# The words of notes2book's templates, in `html_context` as `notes2book_ui`.
# The logo is in the navigation (notes2book/templates/sbt-sidebar-nav.html): alone before it, it
# was the only part of the page in no landmark.
SIDEBAR = ("sbt-sidebar-nav.html", "icon-links.html")
TEMPLATE_WORDS = ("site_menu", "site_contents", "site_navigation")


def _language(config: Any) -> str:
    return (config.language or "en").split("_")[0]


def _words(app: Any, config: Any) -> None:
    language = _language(config)
    options = dict(config.html_theme_options or {})
    options["search_bar_text"] = label(language, "site_search_box")
    logo = dict(options.get("logo") or {})
    logo.setdefault("alt_text", f"{config.html_title or config.project} — {label(language, 'site_home')}")
    options["logo"] = logo
    config.html_theme_options = options
    # A logo drawn for a light page only: notes2book-ui.css sets it on a light plate in dark mode.
    logo_plate = bool(config.html_logo or logo.get("image_light")) and not logo.get("image_dark")
    if not config.html_sidebars:
        # sphinx-book-theme's sidebar without its search field: the header has one already.
        config.html_sidebars = {"**": list(SIDEBAR)}
    context = dict(config.html_context or {})
    context["notes2book_ui"] = {name.removeprefix("site_"): label(language, name) for name in TEMPLATE_WORDS}
    context["notes2book_logo_plate"] = logo_plate
    config.html_context = context


_TAG_PAGE = re.compile(r"(^|/)_tags/")  # notes2book.tags.tag_docname


def _reading_chain(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Tag pages lists of notes, not steps of the course: no "previous" and "next" on them, and
    none leading to them from the last page of the course."""
    tag_page = bool(_TAG_PAGE.search(pagename))
    for key in ("prev", "next"):
        link = context.get(key)
        if link and (tag_page or _TAG_PAGE.search(str(link.get("link", "")))):
            context[key] = None


def _add_files(app: Any) -> None:
    if app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    app.add_css_file(UI_CSS)


def setup(app: Any) -> None:
    """Connect the controls; called by notes2book.sphinxext's own setup."""
    app.connect("config-inited", _words)
    app.connect("builder-inited", _add_files)
    app.connect("html-page-context", _reading_chain)
