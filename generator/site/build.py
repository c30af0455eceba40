"""``build``: the whole chain from content/ to a searchable site.

Two branches, at the same time (2 cores: MkDocs takes one; the search index, a child
process of lower priority, the other and whatever MkDocs leaves, ``background.py``)::

    generate (Markdown into docs/) ──▶ mkdocs build --strict (HTML into the site dir) ──┐
    the site search: records from content/ ──▶ Pagefind, a bundle at a time ────────────┴─▶ <site>/pagefind/

The search index is made from content/, not from the built pages
(``search_index.py``), so it needs nothing from MkDocs; its bundles go into the
site once MkDocs is done (``mkdocs build --clean`` empties the site dir first).
Nothing here needs the network.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..render.generate import WriteReport, generate
from ..render.site_data import load_site_data
from . import background
from .mkdocs_build import start_mkdocs
from .search_index import IndexReport, index_archive, install
from .stamp import stamp_env


@dataclass(frozen=True)
class BuildReport:
    pages: WriteReport
    search: IndexReport
    site_dir: Path
    seconds: float

    def lines(self) -> list[str]:
        return [
            f"generate: {self.pages.summary()}",
            f"search: {self.search.summary()}",
            f"build: site written to {self.site_dir} in {self.seconds:.1f} s",
        ]


def build(settings: Settings, site_dir: Path, now: dt.datetime | None = None) -> BuildReport:
    """Generate the pages and build them with MkDocs into ``site_dir``, indexing the search meanwhile."""
    started = time.perf_counter()
    now = now or dt.datetime.now(dt.UTC)
    site_dir = site_dir.resolve()
    data = load_site_data(settings)  # read once, for the pages and the search index
    # The search index in a child process of lower priority (``background``): MkDocs keeps its core.
    search = background.start("site search index", index_archive, settings, data)
    mkdocs = None
    try:
        pages = generate(settings, data, today=now.astimezone(dt.UTC).date())
        stamp = stamp_env(data.newest_day, now, os.environ)
        mkdocs = start_mkdocs(settings.config_file, site_dir, env=stamp)
        index = search.result()
        mkdocs.wait()
    except BaseException:
        # A failure, Ctrl+C (the children, in process groups of their own, do not get it): end them.
        if mkdocs is not None:
            mkdocs.stop()
        search.stop()
        raise
    report = install(index, site_dir)
    return BuildReport(pages, report, site_dir, time.perf_counter() - started)
