"""Formulas on paper. The site's MathJax cannot run in WeasyPrint: each formula is drawn once, at
build time, as SVG by matplotlib's mathtext, and set in the text at the size of the words around it.
"""

from __future__ import annotations

import base64
import io
import re
from functools import cache

from bs4 import BeautifulSoup, Tag

_DELIMITERS = re.compile(r"^\s*(?:\\\(|\\\[|\$\$?)(.*?)(?:\\\)|\\\]|\$\$?)\s*$", re.DOTALL)
_DATE = re.compile(r"\s*<dc:date>[^<]*</dc:date>")
FONT_PT = 10  # mathtext's size: one em of the text the formula sits in


@cache
def formula_svg(tex: str) -> tuple[str, float, float, float] | None:
    """(SVG data URI, width, height, depth in em) for a TeX formula, or None if mathtext cannot set it."""
    import matplotlib

    matplotlib.use("svg")
    matplotlib.rcParams["svg.hashsalt"] = "notes2book"  # the same ids, so the same bytes, every build
    from matplotlib import mathtext

    try:
        width, height, depth = mathtext.MathTextParser("path").parse(f"${tex}$", dpi=72)[:3]
        buffer = io.BytesIO()
        mathtext.math_to_image(f"${tex}$", buffer, format="svg")
    # mathtext looks some fonts up as files relative to the working folder (`\mathbb` as `bb`):
    # whatever is found there, a formula it cannot set stays as TeX.
    except (ValueError, OSError):
        return None
    svg = _DATE.sub("", buffer.getvalue().decode())
    data = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return data, float(width) / FONT_PT, float(height) / FONT_PT, float(depth) / FONT_PT


def set_formulas(soup: BeautifulSoup, scope: Tag) -> int:
    """Replace each formula of `scope` with its drawing; one mathtext cannot set stays as TeX."""
    count = 0
    for element in scope.select("span.math, div.math"):
        match = _DELIMITERS.match(element.get_text())
        if match is None or (drawn := formula_svg(" ".join(match.group(1).split()))) is None:
            continue
        data, width, height, depth = drawn
        display = element.name == "div"
        style = f"width: {width:.3f}em; height: {height:.3f}em"
        if not display:
            style += f"; vertical-align: -{depth:.3f}em"
        image = soup.new_tag("img", attrs={"class": "formula" + (" display" if display else ""),
                                           "src": data, "alt": match.group(1).strip(), "style": style})
        if display:
            holder = soup.new_tag("div", attrs={"class": "formula-block"})
            holder.append(image)
            image = holder
        element.replace_with(image)
        count += 1
    return count
