# The two commands of the README: `make book` and `make test`. The course's commands are those of
# every project `notes2book new` writes (book, convert, html, pdf, check, serve, clean); this
# repository adds its tests.
include notes2book/project/Makefile

# What the tests need besides: the browser tests' driver, and pdftoppm for looking at the dossier.
DEBIAN_PACKAGES += chromium-driver poppler-utils

.PHONY: test

# What the tests need beyond requirements.txt, installed without its dependencies (the file says why).
TEST_INSTALLED := $(VENV)/.test-requirements-installed

$(TEST_INSTALLED): tests/requirements-no-deps.txt $(INSTALLED)
	$(PY) -m pip install --quiet --no-deps --require-hashes -r tests/requirements-no-deps.txt
	touch $@

test: $(INSTALLED) $(TEST_INSTALLED) system-packages
	$(PY) -m pytest
