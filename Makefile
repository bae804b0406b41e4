# Set-up and everyday commands. Every target installs what it needs itself.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HANDBOOK := $(VENV)/bin/handbook
STAMP := $(VENV)/.installed
PYTHON ?= python3

.PHONY: help setup system-deps check build serve test bench clean lock

help:
	@echo "make serve   - set up, check, build and serve the handbook on http://127.0.0.1:8000"
	@echo "make build   - check and build the static site into site/"
	@echo "make check   - check every page"
	@echo "make test    - set up and run every test, browser tests included"
	@echo "make bench   - run the benchmarks and write benchmarks/RESULTS.md"
	@echo "make lock    - pin every dependency with hashes in requirements/lock.txt (after editing pyproject.toml)"

# Every dependency comes from requirements/lock.txt, pinned with hashes (pip refuses anything
# else); the handbook itself is then installed without resolving dependencies again.
LOCK := requirements/lock.txt
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
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
# The site search (issue 14): lunr, Pagefind defaults and the handbook's search side by side;
# quality on the real content (100), bytes to first results at every size.
SEARCH_SIZES ?= 100,2000,10000
bench: setup
	$(PY) benchmarks/run.py --sizes $(SIZES)
	$(PY) benchmarks/bench_search.py --sizes $(SEARCH_SIZES)

# After changing dependencies in pyproject.toml: write the lock anew (pins and hashes for every
# platform), then `make setup`. tests/test_lock.py fails while the lock does not satisfy pyproject.
lock: setup
	$(VENV)/bin/uv pip compile pyproject.toml requirements/build.in --extra test --generate-hashes \
	  --universal --python-version 3.11 --quiet -o $(LOCK)

clean:
	rm -rf site .handbook .pytest_cache
