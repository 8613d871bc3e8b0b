"""Running tests/pdf/layout_child.py on a built dossier's HTML and stylesheet."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.pdf.conftest import Built

from projects import REPO


def lay_out(dossier: Built, output: Path, *changes: str) -> dict:
    """Lay out the dossier's HTML with only `changes` installed; what the child reports."""
    work = dossier.project.build / "pdf" / ".print"
    html, css = next(work.glob("*.dossier.html")), next(work.glob("*.print.css"))
    done = subprocess.run([sys.executable, "-m", "tests.pdf.layout_child", str(html), str(css), str(output), *changes],
                          cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
