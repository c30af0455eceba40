"""The browsing views beside the day/month/topic pages: weeks, trending, all-time top,
stats, per-paper permalinks and the feeds. Pure: data in, ``{docs path: text}`` out.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import paths
from .feeds import render_feeds
from .model import Paper
from .pages.permalink import permalink_pages
from .pages.rankings import top_page, trending_page
from .pages.stats import stats_page
from .pages.week import week_pages
from .store import Archive

TopicPapers = tuple[str, str, Sequence[Paper]]  # (topic id, title, papers)


def render_views(archive: Archive, topics: Sequence[TopicPapers], site_url: str, site_name: str) -> dict[str, str]:
    files: dict[str, str] = {}
    files.update(week_pages(archive.days))
    files[paths.TRENDING] = trending_page(archive)
    files[paths.TOP] = top_page(archive)
    files[paths.STATS] = stats_page(archive, [(title, papers) for _, title, papers in topics])
    files.update(permalink_pages(archive.papers()))
    files.update(render_feeds(archive, topics, site_url, site_name))
    return files
