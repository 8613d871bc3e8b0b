# The two commands of the README: `make book` and `make test`. The course's commands are those of
# every project `notes2book new` writes (book, convert, html, pdf, check, serve, clean); this
# repository adds its tests.
include notes2book/project/Makefile

# What the tests need besides: the browser tests' driver, and pdftoppm for looking at the dossier.
DEBIAN_PACKAGES += chromium-driver poppler-utils

.PHONY: test test-fast lint

# The linter and the type checker (configured in pyproject.toml), before any test.
lint: $(INSTALLED)
	$(PY) -m ruff check notes2book tests scripts
	$(PY) -m mypy notes2book

# Everything, the whole builds (Jupyter Book, WeasyPrint, Chromium) included.
test: lint system-packages
	$(PY) -m pytest

# The tests that run no whole build (marked `e2e` in tests/conftest.py): about half the time.
test-fast: lint system-packages
	$(PY) -m pytest -m "not e2e"
