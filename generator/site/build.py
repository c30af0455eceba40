"""``build``: the whole chain from content/ to a searchable site.

generate (Markdown into docs/) → ``mkdocs build --strict`` (HTML into the
site directory, with the build stamp in every footer) → the site search index
(Pagefind, into ``<site>/pagefind/``). Nothing here needs the network.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..content.days import DayStore
from ..render.generate import WriteReport, generate
from .mkdocs_build import run_mkdocs
from .search_index import IndexReport, index_site
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
    """Generate the pages, build the site with MkDocs into ``site_dir``, then index it for the site search."""
    started = time.perf_counter()
    pages = generate(settings)
    dates = DayStore(settings.content_dir).dates()
    stamp = stamp_env(dates[-1] if dates else None, now or dt.datetime.now(dt.UTC), os.environ)
    run_mkdocs(settings.config_file, site_dir.resolve(), env=stamp)
    search = index_site(site_dir.resolve())
    return BuildReport(pages, search, site_dir, time.perf_counter() - started)
