"""How the processes of a Sphinx build collect garbage.

Python's cycle collector walks every object of the oldest generation at each full collection. A
build's main process holds the whole environment (at 1,000 pages, millions of objects), and its
full collections, which docutils' documents (cycles: a node and its parent) keep calling for, took
a sixth of the build's time. Sphinx forks its readers and writers from that process: each child's
first full collection walked the parent's objects too, writing to each one's header, so the
system copied every page of the parent's memory into the child.

So, while a build runs:
- before every fork, the parent's objects are frozen (moved out of the collector's reach): the
  child never walks them. The parent unfreezes them once forked, so that its own garbage is still
  collected; unless they were frozen for good before the build (`serve`'s rebuilds, forked from
  a server that froze what it holds: `freeze_held`), and then they stay so;
- the main process collects its youngest objects every 10,000 allocations rather than 700: fewer
  collections, and a document dropped soon after it was made is found in a young generation,
  before it is promoted to the oldest one. Its memory peak grows (about 400 MB for a 1,000-note
  course, against 250). The forked children keep Python's usual thresholds.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 10_000
_DEFAULT = gc.get_threshold()
_state = {"active": False, "frozen_before": False, "registered": False}


def _before_fork() -> None:
    if _state["active"]:
        gc.freeze()


def _after_fork_in_parent() -> None:
    if _state["active"] and not _state["frozen_before"]:
        gc.unfreeze()


def _after_fork_in_child() -> None:
    if _state["active"]:
        _state["active"] = False  # the child builds nothing of its own: its forks, if any, freeze nothing
        gc.set_threshold(*_DEFAULT)


def freeze_held() -> None:
    """Freeze what this process holds for good (`serve`'s server, before it forks its rebuilds)."""
    gc.freeze()
    _state["frozen_before"] = True


@contextmanager
def build_collection() -> Iterator[None]:
    """Collect garbage as above for the length of the block."""
    if not _state["registered"]:  # hooks cannot be removed: registered once, inert outside a build
        os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                            after_in_child=_after_fork_in_child)
        _state["registered"] = True
    previous = gc.get_threshold()
    _state["active"] = True
    gc.set_threshold(YOUNG_THRESHOLD, *previous[1:])
    try:
        yield
    finally:
        _state["active"] = False
        gc.set_threshold(*previous)
