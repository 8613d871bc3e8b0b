"""A build's forked children do not walk their parent's objects, and the parent still frees its own
garbage (notes2book.garbage)."""

from __future__ import annotations

import gc
import multiprocessing
import weakref

from notes2book import garbage
from notes2book.garbage import YOUNG_THRESHOLD, build_collection, freeze_held


class _Node:
    """A node of a cycle, as docutils' nodes are (a child points to its parent)."""

    def __init__(self) -> None:
        self.parent: _Node | None = None
        self.children: list[_Node] = []


def _report_frozen(queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    queue.put((gc.get_freeze_count(), gc.get_threshold()[0]))


def _child_view() -> tuple[int, int]:
    """Fork as Sphinx does; what the child sees of its collector."""
    queue: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()  # type: ignore[type-arg]
    child = multiprocessing.get_context("fork").Process(target=_report_frozen, args=(queue,))
    child.start()
    seen = queue.get(timeout=60)
    child.join(timeout=60)
    return seen


def test_children_of_a_build_skip_the_parents_objects_and_the_parent_frees_its_cycles() -> None:
    assert gc.get_freeze_count() == 0
    before = gc.get_threshold()
    with build_collection():
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        parent, child = _Node(), _Node()
        child.parent, parent.children = parent, [child]
        gone = weakref.ref(parent)
        frozen, threshold = _child_view()
        assert frozen > 0  # the parent's objects, out of the child's collections
        assert threshold == before[0]  # the child collects as Python usually does
        assert gc.get_freeze_count() == 0  # the parent's own objects are collectable again
        del parent, child
        gc.collect()
        assert gone() is None  # so the cycle, dropped after the fork, is freed
    assert gc.get_threshold() == before
    assert _child_view()[0] == 0  # outside a build, forks are left alone


def test_what_was_frozen_before_a_build_stays_frozen() -> None:
    """`serve` freezes what its server holds before forking a rebuild: the rebuild's own forks do
    not hand it back to the collector."""
    freeze_held()
    try:
        frozen = gc.get_freeze_count()
        with build_collection():
            _child_view()
            assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
        garbage._state["frozen_before"] = False
