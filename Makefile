# The two set-up commands of the README:
#   make site   build the site from the bundled content/ into site/ (no network but PyPI, no account)
#   make test   lint, type-check, then run the whole test suite in parallel (what CI runs: .ci/run)
# Both create .venv with the pinned versions of requirements.lock on first use.
# Others: make test-fast (mypy, then the tests that build no site and open no browser, in seconds),
# make verify (build, then check the site against content/), make lint, make typecheck, make format,
# make serve, make clean.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: site verify test test-fast lint typecheck format serve clean

# Some machines (these among them) set PYTHONDONTWRITEBYTECODE: then every test worker and every
# command a test runs compiles every module again, and pytest rewrites every test's asserts again
# (5 s a collection here, against 1.4 s with the cache). The caches go to git-ignored __pycache__/.
unexport PYTHONDONTWRITEBYTECODE

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

# The gate before every deploy (both workflows run it): the built site checked against content/.
verify: site
	$(PY) -m generator verify

# pytest-xdist: one worker per core; the `serial` tests time real waits, so they run alone after.
test: lint typecheck
	$(PY) -m pytest -n auto -m "not serial"
	$(PY) -m pytest -m serial

# The quick loop while working: no site built, no browser, no command in a child process, and the
# property tests with a quarter of their examples (the fast hypothesis profile, tests/conftest.py).
test-fast: typecheck
	HYPOTHESIS_PROFILE=fast $(PY) -m pytest -n auto -m "not site and not browser and not command and not serial"

lint: $(VENV)/.test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(VENV)/.test
	$(PY) -m mypy

format: $(VENV)/.test
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

serve: $(VENV)/.site
	$(PY) -m generator serve

clean:
	rm -rf site .pytest_cache
