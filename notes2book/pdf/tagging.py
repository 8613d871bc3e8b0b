"""A tagged PDF (PDF/UA, PDF/A) written in time linear in its pages (step 8b, the layout
subprocess only).

WeasyPrint asks pydyf for a page's reference once per tagged element (and per link), and pydyf
builds the list of every page's reference at each ask: for a dossier of 400 pages, tens of
millions of steps, a third of the time spent writing the PDF. Here the list is built once per
page count. The PDF stays the same, byte for byte (tests/pdf/test_tagging.py).
"""

from __future__ import annotations

from typing import Any


def install() -> None:
    """Change this process's pydyf as above. For the layout subprocess only (notes2book.pdf.render)."""
    import pydyf

    references = pydyf.PDF.page_references

    def page_references(self: Any) -> tuple[bytes, ...]:  # self: a pydyf PDF
        count = len(self.pages["Kids"])  # pages are only ever added
        cached = self.__dict__.get("_page_references")
        if cached is None or cached[0] != count:
            cached = self.__dict__["_page_references"] = (count, references.fget(self))
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
