"""How the PDF steps start their subprocesses: this interpreter, this copy of notes2book."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])


def python_call(module: str, args: list[str]) -> tuple[list[str], dict[str, str]]:
    """The command running `module.main(args)` and its environment.

    `-c` rather than `-m`: the modules are imported by this package's `__init__`, and runpy warns
    when a module already imported is run as `__main__`. PYTHONPATH names this copy of notes2book,
    since the child runs in the project folder, where it may not be importable.
    """
    code = f"import sys; from {module} import main; sys.exit(main(sys.argv[1:]))"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_PARENT, env.get("PYTHONPATH", "")) if p)
    return [sys.executable, "-c", code, *args], env
