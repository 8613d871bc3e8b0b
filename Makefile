# The two commands of the README: `make book` and `make test`. The course's commands are those of
# every project `notes2book new` writes (book, convert, html, pdf, check, serve, clean); this
# repository adds its tests.
include notes2book/project/Makefile

# What the tests need besides: the browser tests' driver, and pdftoppm for looking at the dossier.
DEBIAN_PACKAGES += chromium-driver poppler-utils

.PHONY: test test-fast

# Everything, the whole builds (Jupyter Book, WeasyPrint, Chromium) included.
test: $(INSTALLED) system-packages
	$(PY) -m pytest

# The tests that run no whole build (marked `e2e` in tests/conftest.py): about half the time.
test-fast: $(INSTALLED) system-packages
	$(PY) -m pytest -m "not e2e"
