"""A page laid out again only when a page number it prints from a reference has changed (step 8b,
the layout subprocess only).

WeasyPrint 70 (pinned) fills `target-counter(…, page)` after the pages are laid out: a page
printing « voir p. N » or a contents line is laid out again once the number is known. Two faults
in its bookkeeping made it lay every such page out twice more, a third of the dossier's layout
time:

- A reference's target is filed under the anchor its token names; for `attr(href url)`, the only
  form the dossier uses, that name is None. Nothing then finds the reference when its target is
  laid out.
- Such references were still filled in, by accident: `compute_content_list` rebinds its list of
  the box's own missing counters to its target's, so each reference also counted as printing its
  own page's counters and was parsed again whenever one changed. They all change again when the
  first pass ends and the total page count is known: every page holding a reference was laid out
  a third time.

Here a reference is filed under its target's real anchor and keeps no counters of its own unless
its content prints some; a reference is laid out again only when a counter it prints from its
target changed; and the references to an anchor come from one index, not from a scan of every
reference of the document at each anchor laid out. Same PDF, byte for byte, from fewer page
layouts (tests/pdf/test_repagination.py).
"""

from __future__ import annotations

import copy
from typing import Any

_COUNTERS = ("counter()", "counters()")
_TARGETS = ("target-counter()", "target-counters()", "target-text()")


def _content(box: Any, css_token: str) -> list[tuple[str, Any]] | None:
    """The box's `content` list, or None for what is not one (`string-set`, `bookmark-label`)."""
    content = box.style["content"] if css_token == "content" else None
    return list(content) if isinstance(content, (list, tuple)) else None


def _anchors(box: Any, content: list[tuple[str, Any]]) -> list[str]:
    """The anchors the box's `attr()` targets name, resolved as WeasyPrint's lookup_target does."""
    from weasyprint.css.targets import anchor_name_from_token
    from weasyprint.urls import get_url_tuple

    anchors = []
    for kind, value in content:
        token = value[0] if kind in _TARGETS else None
        if token is None or token[0] != "attr()":
            continue
        name, type_, fallback = token[1]
        attribute = box.element.get(name, fallback)
        resolved = ("string", attribute) if type_ == "string" else ("url", get_url_tuple(attribute, box.style.base_url))
        anchor = anchor_name_from_token(resolved)
        if anchor is not None and anchor not in anchors:
            anchors.append(anchor)
    return anchors


def _references(collector: Any) -> dict[str, list[Any]]:
    """The `content` lookups of the document by the anchor they print a counter of; built once,
    when collecting is over (no lookup is added after)."""
    index: dict[str, list[Any]] | None = collector.__dict__.get("_references")
    if index is None:
        index = {}
        collector.__dict__["_references"] = index
        for (_, css_token), lookup in collector.counter_lookup_items.items():
            if css_token == "content":
                for anchor in lookup.missing_target_counters:
                    index.setdefault(anchor, []).append(lookup)
    return index


def install() -> None:
    """Change this process's WeasyPrint as above. For the layout subprocess only
    (notes2book.pdf.render)."""
    from weasyprint.css.targets import TargetCollector

    collect = TargetCollector.collect_missing_counters

    def collect_missing_counters(self: Any, parent_box: Any, css_token: str, parse_again: Any,
                                 missing_counters: list[str],
                                 missing_target_counters: dict[str | None, list[str]]) -> None:
        content = _content(parent_box, css_token)
        if content is not None:
            aliased = any(missing_counters is wanted for wanted in missing_target_counters.values())
            if aliased and not any(kind in _COUNTERS for kind, _ in content):
                missing_counters = []
            unnamed = missing_target_counters.pop(None, None)
            if unnamed is not None:
                for anchor in _anchors(parent_box, content):
                    missing_target_counters.setdefault(anchor, list(unnamed))
        collect(self, parent_box, css_token, parse_again, missing_counters, missing_target_counters)

    def cache_target_page_counters(self: Any, anchor_name: str, page_counter_values: dict[str, list[int]],
                                   page_maker_index: int, page_maker: list[Any]) -> None:
        if self.collecting:
            return
        target = self.target_lookup_items.get(anchor_name)
        if target is None or target.state != "up-to-date":
            return
        target.page_maker_index = page_maker_index
        before = target.cached_page_counter_values
        if before == page_counter_values:
            return
        target.cached_page_counter_values = copy.deepcopy(page_counter_values)
        changed = {name for name in before.keys() | page_counter_values.keys()
                   if before.get(name) != page_counter_values.get(name)}
        for lookup in _references(self).get(anchor_name, ()):
            printed = lookup.missing_target_counters[anchor_name]
            if changed.isdisjoint(printed):
                continue
            if lookup.page_maker_index is None or lookup.page_maker_index >= len(page_maker):
                lookup.pending = True  # laid out later: make_page fills it then
            elif any(page_counter_values.get(name) is not None for name in printed):
                page_maker[lookup.page_maker_index][-1]["content_changed"] = True
                lookup.parse_again(lookup.cached_page_counter_values)

    TargetCollector.collect_missing_counters = collect_missing_counters
    TargetCollector.cache_target_page_counters = cache_target_page_counters
