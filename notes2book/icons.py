"""The theme's icon font and stylesheet cut down to the icons the site shows.

pydata-sphinx-theme draws its icons (menu, contents, search, download, theme, arrows) with Font
Awesome's solid font: 156 KB for some 1,400 icons, of which the site shows about twenty. Once the
site is written, the icons its pages and scripts name (`fa-…` classes) are looked up in the
theme's stylesheet, and the font the site serves is replaced by the theme's font reduced to
those glyphs (fontTools, as for the dossier's fonts; the same input gives the same bytes).
The stylesheet every page loads names each of those 1,800 icons in a rule of its own (86 KB of
its 397): the site's copy keeps only the rules of the icons it shows.

A rebuild reads only the pages written since the last (the icons each file names are kept beside
Sphinx's environment, by the file's size and modification time, as notes2book.staging compares
files), and cuts the font again only for another set of icons.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from pathlib import Path
from typing import Any

FONT = Path("vendor", "fontawesome", "webfonts", "fa-solid-900.woff2")
STYLESHEET = Path("styles", "pydata-sphinx-theme.css")
# `.fa-bars:before,.fa-navicon:before{content:"\f0c9"}`, a whole rule (after a `}` or a `{`)
_RULE = re.compile(r'(?<=[{}])((?:\.fa-[\w-]+:before,?)+)\{content:"\\([0-9a-f]{4,5})"\}')
_NAME = re.compile(r"\bfa-[a-z0-9-]+")
# Files that name icons (the theme's own full icon script aside).
_NAMING = ("*.html", "_static/*.js", "_static/scripts/pydata-sphinx-theme.js", "_static/scripts/sphinx-book-theme.js")
_SAVED = "notes2book-icons.pickle"  # beside Sphinx's environment: what the last build found


def codepoints(stylesheet: str) -> dict[str, int]:
    """Icon class -> its character in the icon font, from the theme's stylesheet."""
    found: dict[str, int] = {}
    for selectors, code in _RULE.findall(stylesheet):
        for name in re.findall(r"\.(fa-[\w-]+):before", selectors):
            found[name] = int(code, 16)
    return found


def cut_stylesheet(stylesheet: str, used: set[str]) -> str:
    """`stylesheet` without the rules of the icons not in `used` (class names, `fa-…`)."""
    def kept(rule: re.Match[str]) -> str:
        return rule.group(0) if used & set(re.findall(r"\.(fa-[\w-]+):before", rule.group(1))) else ""

    return _RULE.sub(kept, stylesheet)


def used_icons(site: Path, known: dict[str, tuple[int, int, list[str]]] | None = None) -> set[str]:
    """The icons the site's files name. `known` holds, by path from the site's root, a file's size,
    modification time and the icons it named, taken for a file of the same size and time, and
    updated for the others."""
    known = {} if known is None else known
    names: set[str] = set()
    seen: set[str] = set()
    for pattern in _NAMING:
        for path in site.rglob(pattern) if pattern == "*.html" else site.glob(pattern):
            rel, found = path.relative_to(site).as_posix(), path.stat()
            seen.add(rel)
            entry = known.get(rel)
            if entry is None or entry[:2] != (found.st_size, found.st_mtime_ns):
                text = path.read_text(encoding="utf-8", errors="replace")
                entry = known[rel] = (found.st_size, found.st_mtime_ns, sorted(set(_NAME.findall(text))))
            names.update(entry[2])
    for gone in set(known) - seen:
        del known[gone]
    return names


def subset_font(source: Path, characters: set[int]) -> bytes:
    import io

    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    font = subset.load_font(str(source), options)
    font.recalcTimestamp = False  # the same glyphs give the same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(characters))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def _theme_static() -> Path | None:
    import pydata_sphinx_theme

    folder = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    return folder if (folder / FONT).is_file() and (folder / STYLESHEET).is_file() else None


def _cut(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    static, site = _theme_static(), Path(app.outdir)
    if static is None or not (site / "_static" / FONT).is_file():
        return
    saved = Path(app.doctreedir, _SAVED)
    try:
        files, fonts = pickle.loads(saved.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        files, fonts = {}, {}
    stylesheet = (static / STYLESHEET).read_text(encoding="utf-8")
    known = codepoints(stylesheet)
    used = used_icons(site, files)
    characters = sorted({known[name] for name in used if name in known})
    theme_font = (static / FONT).read_bytes()
    key = hashlib.sha256(theme_font + repr(characters).encode()).hexdigest()
    if key not in fonts:  # the last cut only: another set of icons is another site
        fonts = {key: subset_font(static / FONT, set(characters))}
    # From the theme's own files each time: Sphinx copies them again over the cut ones at each build.
    for target, data in ((site / "_static" / FONT, fonts[key]),
                         (site / "_static" / STYLESHEET, cut_stylesheet(stylesheet, used).encode())):
        if target.is_file() and target.read_bytes() != data:
            target.write_bytes(data)
    partial = saved.with_name(saved.name + ".part")
    partial.write_bytes(pickle.dumps((files, fonts), pickle.HIGHEST_PROTOCOL))
    partial.replace(saved)


def setup(app: Any) -> None:
    """Connect the cut; called by notes2book.sphinxext's own setup."""
    app.connect("build-finished", _cut, priority=800)  # once every page and script is written
