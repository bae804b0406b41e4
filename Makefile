# Set-up and everyday commands. Every target installs what it needs itself.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HANDBOOK := $(VENV)/bin/handbook
STAMP := $(VENV)/.installed
PYTHON ?= python3

.PHONY: help setup system-deps check build serve test bench clean

help:
	@echo "make serve   - set up, check, build and serve the handbook on http://127.0.0.1:8000"
	@echo "make build   - check and build the static site into site/"
	@echo "make check   - check every page"
	@echo "make test    - set up and run every test, browser tests included"
	@echo "make bench   - run the benchmarks and write benchmarks/RESULTS.md"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(STAMP)

# Debian packages the tests and print need: Chromium for browser tests,
# poppler-utils to read PDFs back and render them, fonts for WeasyPrint.
SYSTEM_PACKAGES := chromium poppler-utils fonts-dejavu-core
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

check: setup
	$(HANDBOOK) check --cache

build: setup
	$(HANDBOOK) build

serve: build
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

test: setup system-deps
	$(PY) -m pytest -q

# Generates corpora of 200, 2,000 and 10,000 pages into benchmarks/corpus/ (git-ignored);
# SIZES=200,2000 for a quicker run.
SIZES ?= 200,2000,10000
bench: setup
	$(PY) benchmarks/run.py --sizes $(SIZES)

clean:
	rm -rf site .handbook .pytest_cache
