"""`serve`: a live preview. Build, serve the site, and on every save in the vault or `_config.yml`
convert and rebuild, then reload the pages open in the browser.

Built on what sphinx-autobuild is built on, and on its own parts: watchfiles watches the files,
sphinx-autobuild's `RebuildServer` runs each rebuild in a process of its own and then tells the
open pages through a WebSocket, its middleware adds the few lines of script that listen for it to
every page served, and Starlette (through uvicorn) serves `_build/html`.

Each rebuild is what `convert` then `html` do (the same `run_build`, the dossier too with --pdf), so
it is incremental the same way: `convert` writes only the files whose bytes changed, and Sphinx
reads again only those pages (and rewrites those whose navigation or links changed). Each rebuild runs in a process forked from the server,
which runs Sphinx itself rather than starting a new interpreter; once the first build is done, the
server imports the modules it used (Sphinx, the site's extensions...), so that the later rebuilds
start with them loaded: most of a small rebuild's time would be those imports. It also runs a
conversion itself, writing nothing, and selects in a parsed HTML page, so that what is made on
first use (the Markdown parser and its rules, the workbooks' schema validator, the patterns of
Beautiful Soup and of its CSS selectors, which the site's extensions use on every page written) is
made once, not in every rebuild. The site is published by swapping folders
(notes2book.staging), so a page is served from the last site or the new one, never from one half
written. A rebuild that fails (an error in a note, a build error) prints its diagnostics and
leaves the last site served; the server goes on watching.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import logging
import socket
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from notes2book.config import ConfigError, Project
from notes2book.diagnostics import Diagnostics
from notes2book.garbage import freeze_held

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
WEBSOCKET = "/websocket-reload"  # sphinx-autobuild's script connects there

Report = Callable[[Diagnostics, object], None]
Load = Callable[[], Project]  # reads the project's settings again: `_config.yml` may have changed


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    """The `serve` command's arguments."""
    serve = sub.add_parser("serve", parents=parents,
                           help=f"build, serve the site on http://{HOST}:{DEFAULT_PORT} and rebuild it on every save")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"the port to serve on (default {DEFAULT_PORT})")
    serve.add_argument("--pdf", action="store_true", help="also rebuild the PDF dossier on every save")


def _watched(config: Path, project: Project) -> Callable[[str], bool]:
    """Whether a changed path calls for a rebuild: the configuration, or a file of the vault that
    is not hidden (Obsidian's `.obsidian/` settings and `.trash/`, editors' swap files)."""
    vault = project.vault.resolve()

    def watched(path: str) -> bool:
        changed = Path(path).resolve()
        if changed == config.resolve():
            return True
        if not changed.is_relative_to(vault):
            return False
        parts = changed.relative_to(vault).parts
        return not any(part.startswith(".") for part in parts) and not changed.name.endswith("~")

    return watched


def rebuild(load: Load, pdf: bool, report: Report) -> bool:
    """Convert, then build the dossier (with `pdf`) and the site; print what went wrong. Never
    raises: the server outlives every failure. True when the site was published."""
    from notes2book.build import Step, run_build
    from notes2book.defaults import write_config
    from notes2book.errors import OutputError
    from notes2book.site import BuildError

    start = time.perf_counter()
    diags = Diagnostics()
    try:
        project = load()
        write_config(project)  # a vault without settings: its title or language may have changed
        steps = (Step.CONVERT, Step.PDF, Step.HTML) if pdf else (Step.CONVERT, Step.HTML)
        outcome = run_build(project, steps, diags, in_process=True)
        if outcome.refused:
            print("serve: book/ left as it was (see the errors below); the last site is still served",
                  file=sys.stderr)
            return False
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return False
    except (BuildError, OutputError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return False
    except Exception as exc:  # noqa: BLE001 - a bug must not end the preview either
        print(f"error: notes2book failed unexpectedly (a bug): {type(exc).__name__}: {exc}", file=sys.stderr)
        return False
    finally:
        report(diags, sys.stderr)
    print(f"serve: rebuilt in {time.perf_counter() - start:.1f} s (convert {outcome.seconds[Step.CONVERT]:.1f} s)",
          file=sys.stderr, flush=True)
    return True


def _first_build(load: Load, pdf: bool, report: Report) -> list[str]:
    """The first build; the modules it used."""
    rebuild(load, pdf, report)
    return sorted(name for name in sys.modules if not name.startswith("_"))


def _import(names: list[str]) -> None:
    """Import these modules here (importing one changes no global state that matters to a build;
    setting up a Sphinx extension would, and happens only in the rebuilds' processes)."""
    for name in names:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - one module fewer only makes a rebuild slower
                continue


def _warm(load: Load) -> None:
    """A conversion run here, its result dropped, and a CSS selector applied: the rebuilds'
    processes, forked from this one, start with what they made on first use."""
    from bs4 import BeautifulSoup

    from notes2book.convert import convert_vault

    # An entity fills Beautiful Soup's table of entities; a selector of many kinds of tokens
    # compiles most of the CSS parser's patterns (each is compiled on first use).
    BeautifulSoup("<p>&amp;</p>", "html.parser").select('div.a > p:not([class]) ~ a[href="#b"]#c, figure')
    try:
        convert_vault(load(), Diagnostics())
    except Exception:  # noqa: BLE001 - the rebuilds report what goes wrong; this only makes them faster
        return


def _on_change(load: Load, pdf: bool, report: Report, changed_paths: Sequence[Path]) -> None:
    names = ", ".join(sorted({path.name for path in changed_paths}))
    print(f"serve: changed: {names}", file=sys.stderr, flush=True)
    rebuild(load, pdf, report)


def serve(project: Project, load: Load, config: Path, report: Report, port: int = DEFAULT_PORT,
          pdf: bool = False) -> int:
    """Build once, then serve and rebuild on every change until interrupted. `load` gives the
    project as each rebuild finds it; `config` is the trainer's `_config.yml`, if any (a vault built
    without one has its settings written under the output folder, which is not watched)."""
    import uvicorn
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from sphinx_autobuild.server import RebuildServer
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    with socket.socket() as probe:  # a port taken: say so now, not after the first build
        probe.bind((HOST, port))
    with ProcessPoolExecutor(max_workers=1) as pool:  # as each later rebuild runs
        _import(pool.submit(_first_build, load, pdf, report).result())
    _warm(load)
    # What the server holds now is never freed: moved out of the collector's reach, it is not
    # walked again by each rebuild's collections, nor by sphinx-external-toc, which looks for its
    # collector among every object of the process at each build.
    freeze_held()
    site = project.build / "html"
    site.mkdir(parents=True, exist_ok=True)  # a first build that failed: serve an empty site
    watched = _watched(config, project)
    paths = [path for path in (project.vault, config) if path.exists()]
    # The callback runs in a process of its own: a module-level function and picklable arguments.
    callback = functools.partial(_on_change, load, pdf, report)
    watcher = RebuildServer(paths, lambda path: not watched(path), change_callback=callback)
    app = Starlette(
        routes=[WebSocketRoute(WEBSOCKET, watcher, name="reload"),
                # Each request opens the file under the published folder: the last site or the new
                # one once swapped in, never a half-written one.
                Mount("/", app=StaticFiles(directory=site, html=True, follow_symlink=False), name="site")],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=f"{HOST}:{port}")],
        lifespan=watcher.lifespan,
    )
    logging.getLogger("watchfiles").setLevel(logging.WARNING)  # not a line per change detected
    print(f"serve: http://{HOST}:{port}/ (Ctrl-C to stop); watching {', '.join(map(str, paths))}",
          file=sys.stderr, flush=True)
    uvicorn.run(app, host=HOST, port=port, log_level="warning")
    return 0
