# The two set-up commands of the README:
#   make site   build the site from the bundled content/ into site/ (no network but PyPI, no account)
#   make test   lint, then run the whole test suite (what CI runs: .ci/run)
# Both create .venv with the pinned versions of requirements.lock on first use.
# Others: make test-fast (the tests that build no site and open no browser, in seconds),
# make lint, make format, make serve, make clean.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: site test test-fast lint format serve clean

$(VENV)/.site: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.test: $(VENV)/.site
	$(PY) -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

site: $(VENV)/.site
	$(PY) -m generator build

test: lint
	$(PY) -m pytest

test-fast: $(VENV)/.test
	$(PY) -m pytest -m "not site and not browser"

lint: $(VENV)/.test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.test
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

serve: $(VENV)/.site
	$(PY) -m generator serve

clean:
	rm -rf site .pytest_cache
