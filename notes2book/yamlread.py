"""YAML read by libyaml, PyYAML's C parser, in the processes of a Sphinx build.

Jupyter Book's extensions read YAML with `yaml.safe_load`, PyYAML's parser in pure Python: every
page's front matter three times (myst-nb, then myst-parser twice), and the course's `_toc.yml`
at every build, a rebuild after one edit too (a quarter of a second at 1,000 notes, ten times
less with libyaml). The same loader's C twin builds the same values from the same text; only
where PyYAML was built without libyaml does the build keep the pure-Python one.
"""

from __future__ import annotations

from typing import Any

import yaml


def _safe_load(stream: Any) -> Any:
    return yaml.load(stream, Loader=yaml.CSafeLoader)


def use_libyaml() -> None:
    """Make `yaml.safe_load` libyaml's, in this process."""
    if getattr(yaml, "__with_libyaml__", False):
        yaml.safe_load = _safe_load
