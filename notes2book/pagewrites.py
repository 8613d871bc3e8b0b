"""Which pages a site build writes, and with how many processes.

- **Only the pages that changed.** Sphinx writes the pages it read again (and those an extension
  names, `env-get-updated`), and also, at every build, the home page and every page whose
  contents list holds one of them, in case a title they show changed. notes2book's pages show
  other pages' titles only in the course tree, the previous and next links and the hover
  previews: their contents lists, made from `_toc.yml` by sphinx-external-toc, are hidden. A change
  of a title or of the course's order is a change of the tree, which names every page to write
  again (notes2book.navigation); the previews of links to a page are written again when what they
  show of it changed (notes2book.tippy); and a page whose own text changed (the home page's course
  map, the « Mènent ici » of the pages a note links to) is read again by Sphinx. The home page,
  the course map of every note, was most of a one-note rebuild's writing.
- **A writer per job.** Sphinx's parallel write forks one writer fewer than its number of jobs
  (`-j 2`: one), and the main process, meanwhile, loads and resolves the pages the writers are
  handed. On two cores, one page was written at a time: the write used 1.3 cores of 2, and was two
  thirds of a 1,000-note build. With a writer per job, the main process's share runs beside them.
  A few pages (a rebuild after an edit) are written in the main process, as Sphinx reads a few:
  forking writers took longer than writing them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

FEW_PAGES = 5  # Sphinx reads more pages than this in parallel, fewer in its main process


def setup_writes(app: Any) -> None:
    """At `builder-inited`: for the site's builder, the changes above."""
    builder = app.builder
    if builder.name != "html" or not hasattr(builder, "_write_parallel"):
        return
    write, prepare = builder.write, builder.prepare_writing
    write_serial, write_parallel = builder._write_serial, builder._write_parallel
    asked: set[str] | None = None  # what this build's write was asked for; None: every page

    def chosen(docnames: Iterable[str]) -> list[str]:
        return [name for name in docnames if asked is None or name in asked]

    def recording(build_docnames: Iterable[str] | None, updated_docnames: Sequence[str],
                  method: str = "update") -> None:
        # What Sphinx was asked to write before it adds the home page and the contents' parents;
        # everything when it builds all pages or chosen ones.
        nonlocal asked
        asked = None if method != "update" or build_docnames is None or build_docnames == ["__all__"] \
            else {*build_docnames, *updated_docnames}
        write(build_docnames, updated_docnames, method)

    def serial(docnames: Sequence[str]) -> None:
        if pages := chosen(docnames):
            write_serial(pages)

    def parallel(docnames: Sequence[str], nproc: int) -> None:
        pages = chosen(docnames)
        if len(pages) > FEW_PAGES:
            write_parallel(pages, nproc=max(nproc, app.parallel))
        elif pages:
            write_serial(pages)

    builder.write = recording
    # Sphinx drops from the search index the pages it is about to write: only those it writes.
    builder.prepare_writing = lambda docnames: prepare(set(chosen(docnames)))
    builder._write_serial, builder._write_parallel = serial, parallel
