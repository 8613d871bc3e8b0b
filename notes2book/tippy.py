"""sphinx-tippy (hover previews) made reproducible and correct across incremental builds.

sphinx-tippy 0.4 writes each page's previews to `_static/tippy/<page>.<uuid4>.js`, a new random
name at every build, and fills them from sets (their order changes with the hash seed), so two
builds of the same book differ. It also keeps its per-page data only in memory after Sphinx has
saved its environment, so a rebuild that rewrites one page gives it no preview of the pages it
did not rewrite. Small changes, made here rather than in a fork:

- the file name is the page's name and a hash of the page's body, in place of the uuid
  (`sphinx_tippy.uuid4` is replaced by a function returning that hash for the page being
  written); a file of that name left by an earlier build is removed before the page is written,
  else Sphinx would add a checksum of its old content to the page's script address;
- the link sets are sorted;
- the per-page data is saved beside Sphinx's environment after each build and restored at the
  next, so every page's previews are written from every page, as in a clean build;
- pages written by Sphinx's parallel write are written in child processes, whose data sphinx-tippy
  would never see (it writes the previews at the end, in the main process): each child leaves its
  pages' data in a file, gathered by the main process before the previews are written;
- a page's previews are written again only when they may have changed: when the page was written,
  or a page it links to was removed or written with other previews than the last build's (its
  title, first paragraph or sections: what the previews of links to it show). sphinx-tippy
  rewrites every page's at every build, which made a one-page rebuild's time grow with the size of
  the course; and the home page, which Sphinx writes at every build, is linked to from most. They
  are written by as many processes as Sphinx's parallel write uses (sphinx-tippy writes them one
  by one, once every page is written).

A page's own preview is made from sphinx-tippy's parse of the page (`create_id_to_tip_html`
is given the parsed page), not from a parse of its own.

And the previews say what the page says: a page's preview is its title and its first paragraph
of prose (sphinx-tippy takes the paragraphs right after the title: a question's download link,
a resource's tags); previews are given to the links of the page's text only, not to the
navigation's (`tippy_anchor_parent_selector`, unless the project sets it).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
from pathlib import Path
from typing import Any

import sphinx_tippy
from bs4 import BeautifulSoup, SoupStrainer, Tag

from notes2book.soup import add_class

_SAVED = "notes2book-tippy.pickle"
_SETS = ("refs_in_page", "custom_in_page", "wiki_titles", "dois", "rtd_urls")
_WRITTEN = "notes2book-tippy-written"  # the folder of the data of pages written by children
_current_hash = ""
_main_pid = 0
_changed: set[str] = set()  # pages removed by this build, or written with other previews
_previous: dict[str, Any] = {}  # page -> its previews as the last build left them, while it is written
_pending: list[tuple[str, tuple[Any, ...]]] = []  # previews to write: the page, sphinx-tippy's caches
_current_preview: str | None = None  # the preview of the page being written
_write_page = sphinx_tippy.write_tippy_props_page
_create_tips = sphinx_tippy.create_id_to_tip_html
ARTICLE = "article.bd-article"
PROSE_WORDS = 6  # fewer words: a byline, a date, a list of tags, not what the page says


def _page_hash() -> str:
    return _current_hash


def _scripts(app: Any) -> Path:
    return Path(app.outdir, "_static", "tippy")


def _script_pattern(basename: str) -> re.Pattern[str]:
    return re.compile(re.escape(basename) + r"\.[0-9a-f]{16}\.js")


def _before_tippy(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    global _current_hash, _current_preview
    _current_preview = None
    if doctree is None or app.builder.format != "html":
        return
    _current_hash = hashlib.sha256(f"{pagename}\n{context.get('body', '')}".encode()).hexdigest()[:16]
    _previous[pagename] = _previews(getattr(app.env, "tippy_data", {}).get("pages", {}).get(pagename))
    folder = _scripts(app).joinpath(*pagename.split("/")).parent
    pattern = _script_pattern(pagename.rsplit("/", 1)[-1])
    if folder.is_dir():
        for old in folder.iterdir():
            if pattern.fullmatch(old.name):
                old.unlink()


def _prose(paragraph: Tag) -> bool:
    if paragraph.get("class") or len(paragraph.get_text(" ", strip=True).split()) < PROSE_WORDS:
        return False
    links = paragraph.find_all("a")
    return not links or paragraph.get_text(strip=True) != "".join(a.get_text(strip=True) for a in links)


def page_preview(body: str | BeautifulSoup) -> str | None:
    """A page's title and its first paragraph of prose, as a preview's HTML; None without a title.
    `body` is the page's body, as HTML or as parsed by Beautiful Soup (left unchanged)."""
    # From HTML, only the title and the paragraphs are kept as a tree: building the whole page's
    # was most of the cost of a preview.
    soup = body if isinstance(body, BeautifulSoup) else \
        BeautifulSoup(body, "html.parser", parse_only=SoupStrainer(["h1", "p"]))
    title = soup.find("h1")
    if title is None:
        return None
    header = BeautifulSoup(str(title), "html.parser").h1
    assert header is not None  # parsed from the <h1> found above
    for link in header.find_all(class_="headerlink"):
        link.decompose()
    add_class(header, "tippy-header")
    header["style"] = "margin-top: 0;"
    first = next((p for p in title.find_all_next("p") if _prose(p)), None)
    return str(header) + (str(first) if first is not None else "")


def _previews(data: dict[str, Any] | None) -> tuple[Any, Any] | None:
    """What the previews of links to a page show of it (sphinx-tippy's `write_tippy_props_page`
    reads these two of another page's data)."""
    return None if data is None else (data.get("id_to_html"), data.get("element_id_map"))


def _tips_and_preview(config: Any, body: BeautifulSoup) -> dict[str | None, str]:
    """sphinx-tippy's previews of a page's elements, from its parse of the page's body; and, from
    the same parse, the page's own preview (parsing each page once more was a fifth of the time
    of writing it)."""
    global _current_preview
    _current_preview = page_preview(body)  # first: sphinx-tippy's may change the tree it reads
    return _create_tips(config, body)


def _after_tippy(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    data = getattr(app.env, "tippy_data", {}).get("pages", {}).get(pagename)
    if data is None:
        return
    preview = _current_preview
    if preview is not None and None in data.get("id_to_html", {}):
        data["id_to_html"][None] = preview
    for key in _SETS:
        if isinstance(data.get(key), set):
            data[key] = sorted(data[key], key=lambda item: repr(item))
    changed = _previews(data) != _previous.pop(pagename, None)
    if changed:
        _changed.add(pagename)
    if os.getpid() != _main_pid:  # a child of Sphinx's parallel write
        name = hashlib.sha256(pagename.encode()).hexdigest()
        folder = Path(app.doctreedir, _WRITTEN)
        folder.mkdir(exist_ok=True)
        (folder / f"{name}.pickle").write_bytes(pickle.dumps((pagename, data, changed), pickle.HIGHEST_PROTOCOL))


def _start(app: Any) -> None:
    global _main_pid
    _main_pid = os.getpid()
    _changed.clear()
    _previous.clear()
    _pending.clear()
    shutil.rmtree(Path(app.doctreedir, _WRITTEN), ignore_errors=True)  # left by a failed build


def _gather_written(app: Any, exception: Exception | None) -> None:
    """The data of the pages the children of a parallel write wrote."""
    folder = Path(app.doctreedir, _WRITTEN)
    if not folder.is_dir():
        return
    pages = sphinx_tippy.get_tippy_data(app)["pages"]
    for file in sorted(folder.iterdir()):
        pagename, data, changed = pickle.loads(file.read_bytes())
        pages[pagename] = data
        if changed:
            _changed.add(pagename)
    shutil.rmtree(folder)


def _restore(app: Any) -> None:
    saved = Path(app.doctreedir, _SAVED)
    try:
        pages = pickle.loads(saved.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return
    for data in pages.values():  # saved relative to the output folder, which may have moved
        data["js_path"] = Path(app.outdir, data["js_path"])
    sphinx_tippy.get_tippy_data(app)["pages"].update(pages)


def _forget_removed(app: Any, exception: Exception | None) -> None:
    pages = getattr(app.env, "tippy_data", {}).get("pages", {})
    for pagename in [name for name in pages if name not in app.env.found_docs]:
        del pages[pagename]
        _changed.add(pagename)


def _write_if_changed(app: Any, pagename: str, *caches: Any) -> None:
    """sphinx-tippy's writing of a page's previews, skipped when the script it would write is
    already there: the page was not written (a page written has its script removed first), and
    every page it links to shows what it showed."""
    data = sphinx_tippy.get_tippy_data(app)["pages"][pagename]
    if pagename in _changed or any(ref in _changed for ref, _ in data["refs_in_page"] if ref) \
            or not Path(data["js_path"]).is_file():
        _pending.append((pagename, caches))


def _write_pending(app: Any, exception: Exception | None) -> None:
    """Write the previews sphinx-tippy asked for, in parallel when Sphinx builds so."""
    from sphinx.util.parallel import ParallelTasks, make_chunks, parallel_available

    pending = sorted(_pending, key=lambda item: item[0])
    _pending.clear()
    if exception is not None or not pending:
        return

    def write(chunk: list[tuple[str, tuple[Any, ...]]]) -> None:
        for pagename, caches in chunk:
            _write_page(app, pagename, *caches)

    if app.parallel > 1 and parallel_available and len(pending) > 5:
        tasks = ParallelTasks(app.parallel)  # forked: each process has the data already
        for chunk in make_chunks(pending, app.parallel):  # type: ignore[arg-type]  # typed for docnames, chunks any list
            tasks.add_task(write, chunk)
        tasks.join()
    else:
        write(pending)


def _save_and_prune(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    pages = getattr(app.env, "tippy_data", {}).get("pages", {})
    relative = {name: {**data, "js_path": Path(data["js_path"]).relative_to(app.outdir)}
                for name, data in pages.items()}
    saved = Path(app.doctreedir, _SAVED)
    partial = saved.with_name(saved.name + ".part")
    partial.write_bytes(pickle.dumps(relative, pickle.HIGHEST_PROTOCOL))
    os.replace(partial, saved)
    # Scripts of pages removed since the last build (or renamed by a change of their body).
    current = {Path(data["js_path"]) for data in pages.values()}
    if _scripts(app).is_dir():
        for script in _scripts(app).rglob("*.js"):
            if script not in current:
                script.unlink()


def _previews_in_text(app: Any, config: Any) -> None:
    if not config.tippy_anchor_parent_selector:
        config.tippy_anchor_parent_selector = ARTICLE


def setup(app: Any) -> None:
    """Connect the changes; called by notes2book.sphinxext's own setup."""
    app.connect("config-inited", _previews_in_text)
    sphinx_tippy.uuid4 = _page_hash
    sphinx_tippy.write_tippy_props_page = _write_if_changed
    sphinx_tippy.create_id_to_tip_html = _tips_and_preview
    app.connect("builder-inited", _start)
    app.connect("builder-inited", _restore)
    app.connect("html-page-context", _before_tippy, priority=449)  # sphinx-tippy's runs at 450
    app.connect("html-page-context", _after_tippy, priority=451)
    app.connect("build-finished", _gather_written, priority=498)
    app.connect("build-finished", _forget_removed, priority=499)  # before sphinx-tippy writes
    app.connect("build-finished", _write_pending, priority=501)  # sphinx-tippy asks at 500
    app.connect("build-finished", _save_and_prune, priority=502)
