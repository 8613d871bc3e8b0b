"""Step 8b, first half: the print build, Sphinx `singlehtml` of the same pages with our bare theme.

Jupyter Book's own configuration (extensions, MyST options, `_toc.yml`) is reused as is, so the
dossier shows what the site shows; only the theme changes. Sphinx runs in a subprocess so that a
hung or crashing build can be stopped by a timeout and leaves this process's docutils state alone.
"""

from __future__ import annotations

from pathlib import Path

from notes2book.children import ChildTimeout, child_env, python_call, run_child, sphinx_jobs
from notes2book.garbage import build_collection

THEME_DIR = Path(__file__).parent / "templates"
THEME = "print-theme"
# Sphinx warns about the site theme's options (launch buttons...) that our bare theme ignores.
_NOISE = ("unsupported theme option", "isn't included in any toctree")
# Extensions that only add to the site's pages what paper cannot show (previews on hover, copy
# and launch buttons, comments): the print build leaves them out. sphinx-tippy alone read every
# page's HTML again, a fifth of the print build.
SITE_ONLY = ("sphinx_tippy", "sphinx_copybutton", "sphinx_thebe", "sphinx_comments")


class PrintBuildError(Exception):
    """Sphinx could not produce the single HTML page."""


def run_print_build(root: Path, out_dir: Path, doctrees: Path, timeout: int) -> tuple[Path, list[str]]:
    """Build `out_dir/<root doc>.html` (Sphinx's environment in `doctrees`); return it and Sphinx's
    warnings (noise removed)."""
    command = python_call("notes2book.pdf.printbuild", [str(root), str(out_dir), str(doctrees)])
    try:
        done = run_child(command, timeout, cwd=root, env=child_env())
    except ChildTimeout as exc:
        raise PrintBuildError(f"Sphinx {exc}") from exc
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    warnings = [line for line in lines if "WARNING" in line and not any(n in line for n in _NOISE)]
    if done.returncode != 0:
        detail = "\n".join(lines[-20:]) or done.stdout[-2000:]
        raise PrintBuildError(f"Sphinx failed (exit {done.returncode}):\n{detail}")
    page = out_dir / (done.stdout.strip().splitlines() or [""])[-1]
    if not page.is_file():
        raise PrintBuildError(f"Sphinx wrote no single page in {out_dir}")
    return page, warnings


def main(argv: list[str]) -> int:
    """The subprocess: build ROOT's pages as one HTML page in OUT_DIR (environment in DOCTREES);
    print its file name."""
    root, out_dir, doctrees = (Path(arg) for arg in argv)
    from jupyter_book.config import get_final_config  # imported here: only the subprocess needs Sphinx
    from jupyter_book.sphinx import build_sphinx

    config = root / "_config.yml"
    site, _ = get_final_config(user_yaml=config, cli_config={"latex_individualpages": False}, sourcedir=root)
    overrides = {
        "extensions": [name for name in site["extensions"] if name not in SITE_ONLY],
        "html_theme": THEME,
        "html_theme_path": [str(THEME_DIR)],
        "html_static_path": [],
        "html_copy_source": False,
        "latex_individualpages": False,  # Jupyter Book's CLI always passes it; its config expects it
    }
    with build_collection():
        result = build_sphinx(
            str(root), str(out_dir), noconfig=True, path_config=str(config),
            confoverrides=overrides, doctreedir=str(doctrees),
            builder="singlehtml", quiet=True, jobs=sphinx_jobs(),
        )
    if result != 0:
        return 1
    from notes2book.pdf.structure import read_outline

    # singlehtml names its page after the root document; tell the parent which file that is.
    print(f"{read_outline(root / '_toc.yml').root}.html")
    return 0

