"""The Sphinx side of notes2book, loaded by Jupyter Book through `_config.yml` (`local_extensions`).

- Scripts the site serves itself (hover previews, formulas, Mermaid diagrams), from this package's
  `static/` folder. Added once Sphinx has its configuration, so that Jupyter Book does not also list
  them on every page. mermaid.js (3.5 MB) is loaded only by the pages that hold a diagram.
- Files the pages reach through raw HTML, which Sphinx does not follow (media players, images of
  a note's HTML, workbooks and other downloads), are copied next to the pages, and only those:
  Jupyter Book's source folder is the whole project, and the site must carry the course, not
  whatever else lies there. Each page's raw HTML is read as Sphinx reads the page; the addresses
  that lead to a file of the book are kept in the build environment and copied once the build
  is done.
- The link to the PDF dossier stays on the page only when the dossier has been built; the page is
  read again when that changes.
- sphinx-tippy's preview scripts get stable names and contents (notes2book.tippy), and myst-nb's
  stylesheet is in place before the pages are written, as Sphinx's own static files are: Sphinx
  adds a checksum to the address of an asset present when a page is written, so an asset written
  after the pages would be addressed differently by a rebuild and by a clean build.
- The course navigation of the sidebar computed once per build and shipped once, as a script
  every page shares (notes2book.navigation), rather than written into every page by the theme.
- Names for screen readers that Sphinx leaves out: source links, diagrams (notes2book.accessible).
- The theme's templates compiled once, not at every build: Jinja's own bytecode cache, kept beside
  Sphinx's environment (compiling them was a quarter of a one-page rebuild's writing time).
- Figure numbers assigned loading only the pages that hold figures or contents lists
  (notes2book.figurenumbers), not every page's document at every build.
- YAML (front matter, the course's `_toc.yml`) read by libyaml (notes2book.yamlread).
- Only the pages that changed written, by as many processes as Sphinx has jobs
  (notes2book.pagewrites).
- Fault points for the tests (notes2book.faults), inert unless NOTES2BOOK_FAULT is set.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from docutils import nodes

from notes2book import (
    accessible,
    diagramtitles,
    figurenumbers,
    icons,
    navigation,
    pageassets,
    pagewrites,
    search,
    sitetext,
    siteui,
    tippy,
    yamlread,
)
from notes2book.config import BOOK_FOLDER, PDF_FOLDER
from notes2book.faults import fault_point
from notes2book.pdf.mermaid import MERMAID_VERSION
from notes2book.rawhtml import drop_elements, rewrite_urls, url_attributes
from notes2book.render.generated import DOSSIER_CLASS

STATIC = Path(__file__).resolve().parent / "static"
MERMAID_JS = f"vendor/mermaid-{MERMAID_VERSION}.min.js"
MERMAID_INIT = "mermaid-init.js"
MERMAID_CSS = "mermaid.css"
SITE_CSS = "notes2book.css"

_TAG = re.compile(r"<[^>]*>")
# In the build environment: docname -> files of the book its raw HTML reaches (source-relative),
# and docname -> (the dossier's place in the site, whether it existed when the page was read).
FILES = "notes2book_files"
DOSSIERS = "notes2book_dossiers"
_PAGE_DATA = (FILES, DOSSIERS, figurenumbers.NUMBERED)  # in Sphinx's environment, by page


def _add_static(app: Any, config: Any) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    # The styles of what notes2book writes (missing links, highlights, embeds...), in every project
    # whether or not it has a `_static/` folder of its own.
    if SITE_CSS not in config.html_css_files:
        config.html_css_files = [*config.html_css_files, SITE_CSS]


# A formula is a note's text too: MathJax must not turn it into links or styles. `\href`,
# `\class`, `\style` and `\cssId` come from its `html` extension, loaded on first use or by
# `\require`: neither may load it.
SAFE_MATH: dict[str, Any] = {"tex": {"autoload": {"html": []}, "packages": {"[-]": ["require"]}}}


def _safe_math(app: Any, config: Any) -> None:
    settings = dict(config.mathjax3_config or {})
    tex = dict(settings.get("tex", {}))
    tex["autoload"] = {**tex.get("autoload", {}), **SAFE_MATH["tex"]["autoload"]}
    tex["packages"] = SAFE_MATH["tex"]["packages"]
    config.mathjax3_config = {**settings, "tex": tex}


def _add_mermaid(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """On a page with a diagram (`<pre class="mermaid">`, written by notes2book.render.fences),
    the scripts that draw it and its style; Sphinx adds files given here to this page only."""
    if app.builder.name == "singlehtml" or 'class="mermaid"' not in context.get("body", ""):
        return  # the print build draws its diagrams at build time (notes2book.pdf.diagrams)
    # Deferred: the page's text shows while the library loads; the two still run in this order.
    app.add_js_file(MERMAID_JS, loading_method="defer")
    app.add_js_file(MERMAID_INIT, loading_method="defer")
    app.add_css_file(MERMAID_CSS)


def _from_root(docname: str, path: str) -> str | None:
    """A relative address's path, written in page `docname`, as a path from the site's root; None
    for an address that is not relative (a web address, a path from the root, an anchor)."""
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), parts.path))


def _site_paths(docname: str, text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each relative address in `text`, as a path from the site's root, with its element's classes."""
    for attribute in url_attributes(text):
        path = _from_root(docname, attribute.value)
        if path is not None:
            yield unquote(urlsplit(path).path), attribute.classes


def _address_from_root(docname: str, value: str) -> str:
    """`value`, an address in page `docname`, as written from the site's root."""
    path = _from_root(docname, value)
    if path is None:
        return value
    parts = urlsplit(value)
    return path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def _dossier(app: Any, site_path: str) -> Path:
    """Where the dossier a page links to is built: `_build/pdf` of the project, unless the
    configuration says otherwise (a vault without _config.yml builds in a folder of its own)."""
    return Path(app.srcdir) / app.config.notes2book_pdf_folder / posixpath.basename(site_path)


def _in_book(srcdir: Path, path: str) -> bool:
    book = (srcdir / BOOK_FOLDER).resolve()
    file = (srcdir / path).resolve()
    return path.startswith(f"{BOOK_FOLDER}/") and file.is_relative_to(book) and file.is_file()


def _read_raw_html(app: Any, doctree: nodes.document) -> None:
    env, srcdir = app.env, Path(app.srcdir)
    docname = env.docname
    files: set[str] = set()
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        written_in = docname
        if app.builder.name == "singlehtml":
            # The print build's one page, at the root, holds every page: addresses from the root.
            text = rewrite_urls(text, lambda value: _address_from_root(docname, value))
            node.replace(node[0], nodes.Text(text))
            written_in = ""
        for path, classes in _site_paths(written_in, text):
            if DOSSIER_CLASS in classes:
                exists = _dossier(app, path).is_file()
                getattr(env, DOSSIERS)[docname] = (path, exists)
                if not exists:  # a dead link until `pdf` has run: leave it out
                    text = drop_elements(text, "a", DOSSIER_CLASS)
                    node.replace(node[0], nodes.Text(text))
                    if not _TAG.sub("", text).strip():  # it was the paragraph's only link
                        node.parent.remove(node)
                        break
            elif _in_book(srcdir, path):
                files.add(path)
    if files:
        getattr(env, FILES)[docname] = files


def _init_env(app: Any, env: Any, docnames: list[str]) -> None:
    for name in _PAGE_DATA:
        if not hasattr(env, name):
            setattr(env, name, {})


def _purge(app: Any, env: Any, docname: str) -> None:
    for name in _PAGE_DATA:
        getattr(env, name, {}).pop(docname, None)


def _merge(app: Any, env: Any, docnames: set[str], other: Any) -> None:
    for name in _PAGE_DATA:
        mine, theirs = getattr(env, name), getattr(other, name, {})
        mine.update({docname: theirs[docname] for docname in docnames if docname in theirs})


def _dossier_changed(app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Pages whose dossier link was decided when the dossier did or did not exist, and now the opposite."""
    return sorted(docname for docname, (path, existed) in getattr(env, DOSSIERS, {}).items()
                  if _dossier(app, path).is_file() != existed)


def _copy(source: Path, target: Path) -> None:
    """Copy unless the site already holds these bytes (a rebuild then rewrites nothing)."""
    if not (target.is_file() and target.read_bytes() == source.read_bytes()):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _copy_reached_files(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "singlehtml"):
        return
    srcdir, site = Path(app.srcdir), Path(app.outdir)
    docnames = set(app.env.found_docs)
    for path in sorted({path for docname, paths in getattr(app.env, FILES, {}).items()
                        if docname in docnames for path in paths}):
        if _in_book(srcdir, path):
            _copy(srcdir / path, site / path)
    for path in sorted({path for docname, (path, existed) in getattr(app.env, DOSSIERS, {}).items()
                        if docname in docnames and existed}):
        if _dossier(app, path).is_file():
            _copy(_dossier(app, path), site / path)


def _template_cache(app: Any) -> None:
    """Jinja's bytecode cache for the builder's templates. Jinja checks each template's source
    against the cached code; the folder is named for the versions that compile the code."""
    import jinja2
    import sphinx

    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None:
        return
    folder = Path(app.doctreedir, f"notes2book-templates-{sphinx.__version__}-{jinja2.__version__}")
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def _mystnb_css_first(app: Any) -> None:
    if app.builder.format != "html" or "myst_nb" not in app.extensions:
        return
    from myst_nb.sphinx_ext import add_global_html_resources

    Path(app.outdir, "_static").mkdir(parents=True, exist_ok=True)
    add_global_html_resources(app, None)  # what myst-nb does at build-finished, done first


# Extensions Jupyter Book always loads that do not say whether Sphinx may read pages in parallel
# (Sphinx then reads on one core, with a warning that -W makes an error), and are safe for it:
# - sphinx-multitoc-numbering keeps no data of its own; it only replaces how section numbers are
#   assigned, which Sphinx does in the main process once every page is read (and notes2book's
#   `_toc.yml` is never `numbered`, so it numbers nothing);
# - sphinx-jupyterbook-latex's transforms work on the page being read, and its data in the
#   environment is set once, before any page is read (for LaTeX builds only).
_PARALLEL_READ_SAFE = ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex")


def _declare_parallel_read_safe(app: Any) -> None:
    for name in _PARALLEL_READ_SAFE:
        extension = app.extensions.get(name)
        if extension is not None and extension.parallel_read_safe is None:
            extension.parallel_read_safe = True


def _fault_points(app: Any) -> None:
    app.connect("doctree-read", lambda app, doctree: fault_point("doctree-read"))
    app.connect("html-page-context", lambda app, *args: fault_point("html-page-context"))
    # Last of all, once every file of the build is written.
    app.connect("build-finished", lambda app, exception: fault_point("build-finished"), priority=900)


def _rubric_levels(app: Any, doctree: Any) -> None:
    """A rubric given a `:heading-level:` (the course map's and a page's neighbours' headings) is
    that heading: myst-parser's HTML writer, which replaces Sphinx's for rubrics, reads `level`."""
    for rubric in doctree.findall(nodes.rubric):
        if "heading-level" in rubric and "level" not in rubric:
            rubric["level"] = rubric["heading-level"]


def setup(app: Any) -> dict[str, Any]:
    yamlread.use_libyaml()
    app.add_config_value("notes2book_pdf_folder", PDF_FOLDER, "env", [str])
    if "sphinx_tippy" in app.config.extensions:  # not in the print build
        tippy.setup(app)
    navigation.setup(app)
    figurenumbers.setup(app)
    siteui.setup(app)
    search.setup(app)
    sitetext.setup(app)
    pageassets.setup(app)
    icons.setup(app)
    diagramtitles.setup(app)
    accessible.setup(app)
    _fault_points(app)
    app.connect("config-inited", _add_static)
    app.connect("config-inited", _safe_math)
    app.connect("builder-inited", _declare_parallel_read_safe)
    app.connect("builder-inited", pagewrites.setup_writes)
    app.connect("builder-inited", _mystnb_css_first)
    app.connect("builder-inited", _template_cache)
    app.connect("html-page-context", _add_mermaid)
    app.connect("env-before-read-docs", _init_env)
    app.connect("env-get-outdated", _dossier_changed)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-read", _read_raw_html)
    app.connect("doctree-read", _rubric_levels)
    app.connect("build-finished", _copy_reached_files)
    return {"version": "2", "env_version": 4, "parallel_read_safe": True, "parallel_write_safe": True}
