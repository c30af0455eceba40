# The two set-up commands of the README:
#   make site   build the site from the bundled content/ into site/ (no network but PyPI, no account)
#   make test   run the whole test suite
# Both create .venv with the pinned versions of requirements.lock on first use.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: site test serve clean

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

test: $(VENV)/.test
	$(PY) -m pytest

serve: $(VENV)/.site
	$(PY) -m generator serve

clean:
	rm -rf site .pytest_cache
