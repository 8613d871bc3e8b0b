"""Fault points, so that tests can fail or stop a build at a chosen moment instead of racing it.

`NOTES2BOOK_FAULT=<action>@<point>[#<n>]` acts at the n-th time (default 1) a build step passes
`fault_point(<point>)`: `raise` makes it fail there; `hang` writes the process id to the file named
by `NOTES2BOOK_FAULT_READY` and waits to be killed; `wait` writes it there too, then goes on once
the test has deleted that file (having done to the project what it wanted at that moment).

Points: in `convert`, `vault-read` (the vault read, nothing written yet), `book-write` (the book
about to be written), then the writer's steps by kind (`temp-written`, `journal-written`, `moved`,
`aside`, `removed`, `manifest-written`); Sphinx events of notes2book's extension (`doctree-read`,
`html-page-context`, `build-finished`, in both the site and the print build) and `weasyprint`
(the dossier's layout). Unset, a fault point does nothing.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

FAULT = "NOTES2BOOK_FAULT"
READY = "NOTES2BOOK_FAULT_READY"

_passes: dict[str, int] = {}


class InjectedFault(RuntimeError):
    """The failure a test asked for."""


def fault_point(point: str) -> None:
    spec = os.environ.get(FAULT, "")
    if "@" not in spec:
        return
    action, _, where = spec.partition("@")
    name, _, nth = where.partition("#")
    if name != point:
        return
    _passes[point] = _passes.get(point, 0) + 1
    if _passes[point] != int(nth or 1):
        return
    if action == "raise":
        raise InjectedFault(f"fault injected at {point}")
    ready = os.environ.get(READY)
    if action in ("hang", "wait") and ready:
        Path(ready).write_text(str(os.getpid()), encoding="utf-8")
    if action == "hang":
        while True:
            signal.pause()
    if action == "wait" and ready:
        while Path(ready).exists():
            time.sleep(0.02)
