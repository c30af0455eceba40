"""Shared fixtures. Tests never touch the network: the Hub is replayed on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.store import Archive, Store

from .hubserver import hub, hub_clock  # noqa: F401 (fixtures: the replaying Hub on 127.0.0.1, virtual waits)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HUB_ANSWERS = FIXTURES / "hub" / "daily_papers"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite tests/golden/ from the current output (then review the diff)."
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def bundled_archive() -> Archive:
    """The archive shipped in content/ (30 real days of 2026)."""
    return Store(ROOT / "content").load()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content built once per session by `python -m generator build`
    (pages, MkDocs, Pagefind index) into a temporary directory: the site dir."""
    from .sitebuild import build_bundled_site

    return build_bundled_site(tmp_path_factory.mktemp("built"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project's site sources (mkdocs.yml, docs/, content/, theme).

    Generated pages are not copied: each test generates its own.
    """
    from .sitebuild import copy_sources

    return copy_sources(tmp_path / "project")


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    return Store(tmp_path / "content")
