# The two commands of the README: `make book` and `make test`. The course's commands are those of
# every project `notes2book new` writes (book, convert, html, pdf, check, serve, clean); this
# repository adds its tests.
include notes2book/project/Makefile

# What the tests need besides: the browser tests' driver, and pdftoppm for looking at the dossier.
DEBIAN_PACKAGES += chromium-driver poppler-utils

.PHONY: test test-fast lint

# What the tests need beyond requirements.txt, installed without its dependencies (the file says why).
TEST_INSTALLED := $(VENV)/.test-requirements-installed

$(TEST_INSTALLED): tests/requirements-no-deps.txt $(INSTALLED)
	$(PY) -m pip install --quiet --no-deps --require-hashes -r tests/requirements-no-deps.txt
	touch $@

# The linter and the type checker (configured in pyproject.toml), before any test.
lint: $(INSTALLED)
	$(PY) -m ruff check notes2book tests scripts
	$(PY) -m mypy notes2book

# Everything, the whole builds (Jupyter Book, WeasyPrint, Chromium) included.
test: lint $(TEST_INSTALLED) system-packages
	$(PY) -m pytest

# The tests that run no whole build (those marked `slow` are left out; tests/conftest.py marks them).
test-fast: lint system-packages
	$(PY) -m pytest -m "not slow"
