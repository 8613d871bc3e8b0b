"""The course navigation (the site's left sidebar), computed once per build and shipped once.

sphinx-book-theme, through pydata-sphinx-theme's `generate_toctree_html`, resolves and renders
the whole course tree for every page and writes it into every page: the build's time and the
site's size grow with the square of the number of pages (a page of a 1,000-note course was 178 KB,
159 KB of it the sidebar). The tree is the same on every page but for which entry is current and
which parts are open. So here:

- the tree is rendered once per build, by the theme's own `generate_toctree_html` (its markup,
  classes, `<details>` toggles and captions, hence its CSS and keyboard use, are the theme's),
  with every address written from the site's root;
- it is written once, as `_static/notes2book-nav.<hash>.js`: a script (not a JSON file to
  fetch, which browsers refuse from `file://`) that inserts the tree where it is loaded, points
  its links from the page, marks the page's entry (`current`, `active`, `aria-current`) and opens
  its parts. The name is a hash of the content: the same tree gives the same file, left untouched
  by a rebuild, and a changed tree a new name, so no browser keeps a stale copy;
- the theme's `sbt-sidebar-nav.html` is replaced by notes2book/templates/sbt-sidebar-nav.html
  (first on the template path), which keeps per page only the link to the home page (the
  contents: what a page offers with JavaScript off, beside previous and next in its footer) and
  the script's tag. The theme is not forked: only this one template is replaced.

Two changes to the theme's markup, for screen readers: the part titles are not headings (they
came before the page's own h1, heading level 2 before level 1); each part's list is named by its
title instead. And each toggle that opens an entry's pages is named for that entry (the theme's
is an icon with no name).

A tree that changed (a title, the order of the course) is a change of every page: every page is
written again, where Sphinx would rewrite only the pages whose source changed. A build whose tree
is made of what the last one's was (every page's title and table of contents as Sphinx read them,
the theme's options, this code) does not render it again: rendering it takes time that grows with
the course, and an edit of a page's text changes none of that.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from notes2book.words import label
from notes2book.write import write_if_changed

TEMPLATES = Path(__file__).resolve().parent / "templates"
SCRIPT_LOGIC = TEMPLATES / "notes2book-nav.js"
PREFIX = "notes2book-nav."
THEME = "sphinx_book_theme"
# In the build environment: the name of the navigation script of the last build, and a hash of
# what its tree was rendered from.
NAV = "notes2book_nav"
NAV_INPUTS = "notes2book_nav_inputs"


def applies(app: Any) -> bool:
    """Whether this build writes the theme's sidebar (the site, not the print build)."""
    return app.builder.name == "html" and app.config.html_theme == THEME


def _tobool(value: Any) -> bool:
    """Theme options as the theme's templates read them (Sphinx's `tobool` filter)."""
    return value.lower() in ("true", "1", "yes", "on") if isinstance(value, str) else bool(value)


def _from_root(base: str, href: str) -> str:
    """A link of the page `base` (an address from the site's root), written from the root."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("/", "#")) or not parts.path:
        return href
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), parts.path))
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def render_tree(app: Any) -> str:
    """The sidebar's course tree as the theme renders it on a page with no current entry,
    its internal links written from the site's root."""
    from pydata_sphinx_theme.toctree import add_toctree_functions

    builder, root = app.builder, app.config.root_doc
    options = builder.theme.get_options(builder.theme_options)
    # The theme's own function, given the one context value it reads: Sphinx's `toctree()` for
    # the home page, whose entries are none of them current.
    context: dict[str, Any] = {"toctree": lambda **kwargs: builder._get_local_toctree(root, **kwargs)}
    add_toctree_functions(app, root, "page.html", context, None)
    soup = context["generate_toctree_html"](
        startdepth=0, kind="sidebar", maxdepth=int(options.get("max_navbar_depth", 4)),
        collapse=_tobool(options.get("collapse_navbar", False)), includehidden=True, titles_only=True,
        show_nav_level=int(options.get("show_navbar_depth", 1)))
    base = builder.get_target_uri(root)
    for link in soup.select("a.reference.internal[href]"):
        link["href"] = _from_root(base, link["href"])
    _name_parts_and_toggles(soup, (app.config.language or "en").split("_")[0])
    return str(soup)


def _name_parts_and_toggles(soup: Any, language: str) -> None:
    for number, caption in enumerate(soup.select("p.caption[role=heading]"), start=1):
        del caption["role"]
        caption.attrs.pop("aria-level", None)
        caption["id"] = f"notes2book-nav-part-{number}"  # apart from the ids of headings
        part = caption.find_next_sibling("ul")
        if part is not None:
            part["aria-labelledby"] = caption["id"]
    for summary in soup.select("li > details > summary"):
        entry = summary.parent.parent.find("a", recursive=False)
        if entry is not None:
            title = re.sub(r"[ \t\r\n]+", " ", entry.get_text()).strip()  # no-break spaces kept
            summary["aria-label"] = label(language, "site_pages_under").format(title=title)


def script(tree: str) -> str:
    """The navigation script: its logic (notes2book/templates/notes2book-nav.js) given the tree."""
    logic = SCRIPT_LOGIC.read_text(encoding="utf-8").strip()
    # ASCII only: a script file has no charset of its own; `<\/` never ends an inline script.
    data = json.dumps(tree).replace("</", "<\\/")
    return f"{logic}({data});\n"


def script_name(text: str) -> str:
    return f"{PREFIX}{hashlib.sha256(text.encode()).hexdigest()[:16]}.js"


def write_script(static: Path, name: str, text: str) -> None:
    """Write the script unless the site already holds it (same name, same bytes): a rebuild
    with the same tree rewrites nothing."""
    write_if_changed(static / name, text.encode())


def remove_stale_scripts(static: Path, keep: str) -> None:
    """Scripts of earlier trees: no page names them any more."""
    if static.is_dir():
        for old in static.glob(f"{PREFIX}*.js"):
            if old.name != keep:
                old.unlink()


def tree_inputs(app: Any, env: Any) -> str:
    """A hash of what the tree is rendered from: Sphinx's toctrees, titles and section numbers
    of every page (sets sorted: their order changes with the hash seed), the theme's options and
    the settings that write addresses, and this package's code."""
    from notes2book.rendercache import code_version

    builder = app.builder
    pages = [(doc, env.tocs.get(doc), env.titles.get(doc), env.toctree_includes.get(doc),
              env.toc_secnumbers.get(doc)) for doc in sorted(env.found_docs)]
    settings = (app.config.root_doc, app.config.language, app.config.html_file_suffix, app.config.html_link_suffix,
                sorted(builder.theme.get_options(builder.theme_options).items(), key=repr))
    inputs = (code_version(), settings, pages, sorted(env.glob_toctrees), sorted(env.numbered_toctrees))
    return hashlib.sha256(pickle.dumps(inputs, pickle.HIGHEST_PROTOCOL)).hexdigest()


def compute(app: Any, env: Any) -> list[str]:
    """Once per build, when every page has been read (`env-updated`): render and write the
    script; the pages to write again because the tree changed (all of them), else none."""
    if not applies(app):
        return []
    previous = getattr(env, NAV, None)
    inputs = tree_inputs(app, env)
    if previous and getattr(env, NAV_INPUTS, None) == inputs and Path(app.outdir, "_static", previous).is_file():
        return []
    setattr(env, NAV_INPUTS, inputs)
    # Sphinx 7 caches the home page's document (`master_doctree`, where the tree is read from)
    # in its environment and saves it with it: the next build would render the last build's course
    # order. Dropped before (this build's home page is read afresh) and after (not saved, nor loaded
    # by the next build: at 1,000 pages, most of the environment's size).
    env.__dict__.pop("master_doctree", None)
    text = script(render_tree(app))
    env.__dict__.pop("master_doctree", None)
    name = script_name(text)
    write_script(Path(app.outdir, "_static"), name, text)
    setattr(env, NAV, name)
    return sorted(env.found_docs) if previous != name else []


def page_context(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """What the sidebar template needs: the script's name and this page's address from the root."""
    name = getattr(app.env, NAV, None)
    if name and applies(app):
        context["notes2book_nav"] = name
        context["notes2book_page"] = app.builder.get_target_uri(pagename)


def finish(app: Any, exception: Exception | None) -> None:
    name = getattr(app.env, NAV, None)
    if exception is None and name and applies(app):
        remove_stale_scripts(Path(app.outdir, "_static"), name)


def add_templates(app: Any, config: Any) -> None:
    """notes2book's sidebar template ahead of the theme's, which the themes append to the path."""
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def setup(app: Any) -> None:
    """Connect the navigation; called by notes2book.sphinxext's own setup."""
    app.connect("config-inited", add_templates)
    app.connect("env-updated", compute)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", finish)
