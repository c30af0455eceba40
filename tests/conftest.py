"""Shared fixtures. Tests never touch the network: the Hub is replayed on 127.0.0.1."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import settings

from generator.content.days import DayStore
from generator.content.topics import load_topics
from generator.model import Archive
from generator.render.generate import render_pages
from generator.render.site_data import derive_site_data

from .common import ARCHIVE, ARCHIVE_TOPICS
from .hubserver import hub, hub_clock  # noqa: F401 (fixtures: the replaying Hub on 127.0.0.1, virtual waits)

# No per-example deadline: hypothesis times each example (200 ms by default), and the suite runs
# in parallel beside Chromium and builds, where a slow example says nothing about the code.
# Speed is measured by the benchmarks, never asserted by a test.
# `make test-fast` sets HYPOTHESIS_PROFILE=fast: a quarter of the examples, for the quick loop while
# working; `make test` (and CI) runs them all. Tests that ask for more use common.examples(n).
settings.register_profile("archive", deadline=None)
settings.register_profile("fast", deadline=None, max_examples=25)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "archive"))

# Fixtures that build a whole site or run the workflow's commands in child processes: a test
# that uses one is a `site` test. (Tests that do so by themselves carry the mark in their module.)
SLOW_FIXTURES = {"built_site", "hostile", "imported_site", "tiny_run", "repo"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tests by what makes them slow, so ``-m "not site and not browser and not command"``
    runs in seconds: everything below tests/browser/ drives Chromium; the fixtures above wait for a build."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current output (then review the diff).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def bundled_archive() -> Archive:
    """The tests' archive (tests/fixtures/archive: 30 real days of 2026), never the repository's content/."""
    return DayStore(ARCHIVE).load()


@pytest.fixture(scope="session")
def bundled_pages(bundled_archive: Archive) -> Mapping[str, str | bytes]:
    """Every page of the tests' archive with its topics (``render_pages``), rendered once per worker
    for the tests that only read them; read-only, so no test can change what another reads."""
    data = derive_site_data(bundled_archive, load_topics(ARCHIVE_TOPICS))
    return MappingProxyType(render_pages(data))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' archive built once per session by `python -m generator build`
    (pages, MkDocs, Pagefind index) into a temporary directory: the site dir."""
    from .sitebuild import build_bundled_site

    return build_bundled_site(tmp_path_factory.mktemp("built"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project's site sources (mkdocs.yml, docs/, theme) with the tests' archive as content/.

    Generated pages are not copied: each test generates its own.
    """
    from .sitebuild import copy_sources

    return copy_sources(tmp_path / "project")


@pytest.fixture
def empty_store(tmp_path: Path) -> DayStore:
    return DayStore(tmp_path / "content")
