"""The site's search, for learners: words found with or without their accents, in any case,
as they are typed.

- Sphinx indexes each word as its language's stemmer gives it, and the search page stems the query
  with the same stemmer in JavaScript. Here both sides first fold the word (lower case, accents
  removed: Unicode NFD without its combining marks), so « accessibilite » and « accessibilité »
  are one entry: on the Python side by the site language's own search class with a folding `stem`,
  on the JavaScript side by notes2book/static/search-language.js, which wraps the same
  Snowball stemmer and is written into `language_data.js` (Sphinx's `html_search_scorer`).
- That file also ranks tag pages below the notes they list.
- notes2book/static/notes2book-site.js takes the extracts under the results from the article's
  own text (never the download menu, buttons or a diagram's source), finds the words in them
  without their accents, and loads the index only when a search starts. The theme's
  search-as-you-type shows results in the search dialog while the reader types.
"""

from __future__ import annotations

import unicodedata
from importlib import import_module
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parent / "static"
SEARCH_LANGUAGE_JS = STATIC / "search-language.js"


def fold(word: str) -> str:
    """`word` in lower case without its accents (as search-language.js's `fold`)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def _search_class(language: str) -> type[Any] | None:
    from sphinx.search import languages

    found = languages.get(language)
    if isinstance(found, str):
        module, _, name = found.rpartition(".")
        found = getattr(import_module(module), name)
    return found


def _folding(base: type[Any]) -> type[Any]:
    # Sphinx stems every word of every page, in the main process even when writing in parallel,
    # and a Snowball stemmer in pure Python is slow: a course repeats a few thousand words, each
    # stemmed once.
    stems: dict[str, str] = {}

    def stem(self: Any, word: str) -> str:
        found = stems.get(word)
        if found is None:
            found = stems[word] = base.stem(self, fold(word))
        return found

    return type(f"Folding{base.__name__}", (base,), {"stem": stem, "__doc__": f"{base.__name__}, accents folded."})


def _configure(app: Any, config: Any) -> None:
    language = (config.html_search_language or config.language or "en").split("_")[0]
    base = _search_class(language)
    if base is not None and not getattr(base, "notes2book_folds", False):
        folding = _folding(base)
        folding.notes2book_folds = True
        app.add_search_language(folding)
    config.html_search_scorer = str(SEARCH_LANGUAGE_JS)
    options = dict(config.html_theme_options or {})
    options["search_as_you_type"] = True
    config.html_theme_options = options


def setup(app: Any) -> None:
    """Connect the search; called by notes2book.sphinxext's own setup."""
    app.connect("config-inited", _configure)
