"""The layout subprocess as notes2book.pdf.render runs it, with only the named changes to WeasyPrint
and pydyf installed:

    python -m tests.pdf.layout_child HTML CSS OUTPUT [CHANGE ...]

It writes the tagged PDF and prints as JSON its page count, how many times pydyf built the list of
the pages' references, and how many pages were laid out in each pass."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any


def main(argv: list[str]) -> None:
    html, css, output, *changes = argv
    import pydyf
    from weasyprint import CSS, HTML

    from notes2book.pdf.render import LAYOUT_CHANGES

    built = []
    whole_list = pydyf.PDF.page_references.fget

    def counted(pdf: Any) -> Any:
        built.append(1)
        return whole_list(pdf)

    pydyf.PDF.page_references = property(counted)
    for change in changes:
        LAYOUT_CHANGES[change]()

    passes = [0]

    class Count(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if "Repagination" in message:
                passes.append(0)
            elif message.startswith("Step 5 - Creating layout - Page") and "up-to-date" not in message:
                passes[-1] += 1

    progress = logging.getLogger("weasyprint.progress")
    progress.addHandler(Count())
    progress.setLevel(logging.INFO)
    progress.propagate = False
    document = HTML(filename=html).render(stylesheets=[CSS(filename=css)])
    document.write_pdf(output, pdf_identifier=True, pdf_variant="pdf/ua-1")
    print(json.dumps({"pages": len(document.pages), "built": len(built), "laid_out": passes}))


if __name__ == "__main__":
    main(sys.argv[1:])
