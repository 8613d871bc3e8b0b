"""The tagged dossier written without rebuilding the list of its pages at every tagged element
(notes2book.pdf.tagging): the same PDF, byte for byte, and the list built once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.pdf.conftest import Built

from projects import REPO

# The layout subprocess as notes2book.pdf.render runs it, with or without the change; it prints
# how many times pydyf built the list of the pages' references.
_CHILD = """
import json, sys
import pydyf
from weasyprint import CSS, HTML
from notes2book.pdf.tagging import install as tag_in_linear_time
html, css, output, linear = sys.argv[1:5]
built = []
whole_list = pydyf.PDF.page_references.fget
def counted(pdf):
    built.append(1)
    return whole_list(pdf)
pydyf.PDF.page_references = property(counted)
if linear == "yes":
    tag_in_linear_time()
document = HTML(filename=html).render(stylesheets=[CSS(filename=css)])
document.write_pdf(output, pdf_identifier=True, pdf_variant="pdf/ua-1")
print(json.dumps({"pages": len(document.pages), "built": len(built)}))
"""


def _write(html: Path, css: Path, output: Path, linear: bool) -> dict[str, int]:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(html), str(css), str(output), "yes" if linear else "no"],
                          cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_tagged_dossier_is_the_same_with_the_page_list_built_once(dossier: Built, tmp_path: Path) -> None:
    work = dossier.project.build / "pdf" / ".print"
    html, css = next(work.glob("*.dossier.html")), next(work.glob("*.print.css"))
    plain = _write(html, css, tmp_path / "plain.pdf", linear=False)
    linear = _write(html, css, tmp_path / "linear.pdf", linear=True)
    assert (tmp_path / "linear.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()
    assert linear["pages"] == plain["pages"] == dossier.report.pages
    # Without the change the list is built at every tagged element and link: far more than pages.
    assert plain["built"] > 10 * plain["pages"], plain
    assert linear["built"] == 1, linear
