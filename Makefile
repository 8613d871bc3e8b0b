# The two commands of the README: `make book` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.requirements-installed
# Debian packages: WeasyPrint's text layout (Pango), fonts, headless Chromium for the dossier's
# Mermaid diagrams and the site tests, pdftoppm for looking at the dossier, and Graphviz for the
# course map.
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation fonts-sil-charis \
	chromium chromium-driver poppler-utils graphviz

.PHONY: book convert html pdf check serve test system-packages clean

book: $(INSTALLED) system-packages
	$(PY) -m notes2book build

convert: $(INSTALLED)
	$(PY) -m notes2book convert

# `make check STRICT=1`: warnings fail too (the publish workflows' opt-in).
check: $(INSTALLED)
	$(PY) -m notes2book check $(if $(STRICT),--strict)

html: $(INSTALLED)
	$(PY) -m notes2book html

pdf: $(INSTALLED) system-packages
	$(PY) -m notes2book pdf

serve: $(INSTALLED)
	$(PY) -m notes2book serve

test: $(INSTALLED) system-packages
	$(PY) -m pytest

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Installs what is missing, once; asks for nothing when all is there.
system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf _build
