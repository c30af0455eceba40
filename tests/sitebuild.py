"""The tests' archive (tests/fixtures/archive) built into a complete site, as `make site` builds content/.

Used by the session fixture ``built_site`` (tests/conftest.py): the link check and
the browser tests all read the same build.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from generator.render import paths

from .common import ARCHIVE, ROOT

# The tests' 598 papers: 2026-07 (~290) in one search bundle, 2026-08 in another.
BUNDLE_PAPERS = 400


def copy_sources(dest: Path, content: bool = True) -> Path:
    """A private copy of the site's sources: mkdocs.yml, the theme, the hand-written docs
    (generated pages left out, whatever a local build left in docs/) and, with
    ``content``, the tests' archive (tests/fixtures/archive) as its content/."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    if content:
        shutil.copytree(ARCHIVE, dest / "content")
    shutil.copytree(ROOT / "generator" / "theme", dest / "generator" / "theme")
    docs = ROOT / "docs"
    generated = {".generated", *paths.GENERATED_ROOTS}

    def top_level_generated(folder: str, names: list[str]) -> set[str]:
        return generated & set(names) if Path(folder) == docs else set()

    shutil.copytree(docs, dest / "docs", ignore=top_level_generated)
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_bundled_site(workdir: Path) -> Path:
    """Run ``python -m generator build`` (generate, mkdocs build, Pagefind) on a copy of the
    sources with the tests' archive; return the site dir.

    The site is built for http://127.0.0.1:<a free port>/ (SITE_URL, as the deploy workflow
    sets it): Material's instant navigation only takes over links listed in sitemap.xml,
    which MkDocs leaves empty without a site_url. ``served_at(site)`` gives that URL.
    """
    project = copy_sources(workdir / "project")
    # Two search bundles (July and August) instead of one: the browser tests then search, sort and
    # count across bundles, as on the full archive (5 bundles, a year each, at 1,000 days).
    config = project / "mkdocs.yml"
    setting = f"  archive:\n    search_bundle_papers: {BUNDLE_PAPERS}\n"
    config.write_text(config.read_text().replace("  archive:\n", setting, 1))
    site = workdir / "site"
    url = f"http://127.0.0.1:{free_port()}/"
    cmd = [sys.executable, "-m", "generator", "--config", str(project / "mkdocs.yml"), "build", "--site-dir", str(site)]
    env = {**os.environ, "SITE_URL": url}
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}"
    (workdir / "served_at").write_text(url)
    return site


def served_at(site: Path) -> str:
    """The URL ``site`` was built for (its SITE_URL)."""
    return (site.parent / "served_at").read_text()
