"""Turn the stored archive into the Markdown pages of the site, and write them into docs/.

``render_pages`` is pure: the same site data (``site_data.py``) gives the same
pages, byte for byte. ``write_pages`` is the I/O edge: it writes only the files whose
bytes changed and removes generated pages that are no longer produced.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..content.atomic import remove_atomic, write_atomic
from ..model import Day, Paper
from . import paths
from .export import render_exports
from .feeds import render_feeds
from .mdtext import anchor_id
from .pages.calendar import render_archive, render_month, render_year
from .pages.data import render_data
from .pages.day import render_day
from .pages.home import render_home
from .pages.organization import render_org, render_orgs_index
from .pages.paper import Cards, Related
from .pages.permalink import render_permalinks
from .pages.rankings import render_top, render_trending
from .pages.stats import render_stats
from .pages.topic import render_topic, render_topics_index
from .pages.week import render_this_week, render_weeks
from .site_data import SiteData, load_site_data
from .topic_members import unmatched_topics

log = logging.getLogger(__name__)

# Written into docs/ beside the pages: the list of files the last run generated,
# so that a page no longer produced (a topic removed, say) is removed too.
MANIFEST = ".generated"


def render_pages(
    data: SiteData,
    site_url: str = "",
    site_name: str = "HF Daily Papers Archive",
    thumbnails: bool = True,
    today: dt.date | None = None,
) -> dict[str, str | bytes]:
    """docs-relative path → Markdown, for every generated page (and the feeds, permalink and data files).

    ``site_url`` makes the feeds' links absolute (see ``render/feeds.py`` for the fallback).
    ``thumbnails`` shows each paper's thumbnail from the Hub (``extra.archive.thumbnails``);
    ``today`` is the build's date: the home page says when the newest day is older than it.
    """
    archive, topics = data.archive, list(data.topics)

    def related_of(paper: Paper) -> Related:
        org = data.org_of.get(paper.organization.name) if paper.organization else None
        topic_links = [(t.title, paths.topic_path(t.id)) for t in data.topics_of.get(paper.id, ())]
        similar = [data.papers_by_id[pid] for pid in data.similar.get(paper.id, ())]
        similar_links = [(p.title, f"{paths.day_path(p.day)}#{anchor_id(p.id)}") for p in similar if p.day]
        return Related(topics=topic_links, org_page=org.path if org else None, similar=similar_links)

    cards = Cards(thumbnails=thumbnails, related_of=related_of)
    pages: dict[str, str | bytes] = {}
    days = archive.days
    for i, day in enumerate(days):
        previous = days[i - 1] if i > 0 else None
        following = days[i + 1] if i + 1 < len(days) else None
        pages[paths.day_path(day.date)] = render_day(day, previous, following, cards)

    months: dict[tuple[int, int], list[Day]] = {}
    for day in days:
        months.setdefault((day.date.year, day.date.month), []).append(day)
    month_keys = sorted(months)
    for i, (year, month) in enumerate(month_keys):
        earlier = month_keys[i - 1] if i > 0 else None
        later = month_keys[i + 1] if i + 1 < len(month_keys) else None
        pages[paths.month_path(year, month)] = render_month(year, month, months[year, month], cards, earlier, later)
    years = sorted({y for y, _ in months})
    for i, year in enumerate(years):
        pages[paths.year_path(year)] = render_year(
            year,
            [d for d in days if d.date.year == year],
            cards,
            years[i - 1] if i > 0 else None,
            years[i + 1] if i + 1 < len(years) else None,
        )
    pages[paths.ARCHIVE] = render_archive(days)

    for topic in topics:
        pages.update(render_topic(topic, list(data.members[topic.id].values()), cards))
    pages[paths.TOPICS] = render_topics_index(topics, data.members)
    for org in data.orgs:
        pages.update(render_org(org, cards))
    pages.update(render_orgs_index(list(data.orgs)))
    pages[paths.HOME] = render_home(archive, topics, dict(data.topic_counts), cards, today)
    pages.update(render_weeks(days, cards))
    pages[paths.WEEKS] = render_this_week(days, cards)
    pages[paths.TRENDING] = render_trending(archive, data.trending, cards)
    pages[paths.TOP] = render_top(archive, cards)
    pages[paths.STATS] = render_stats(archive, [(t.title, data.stored_papers_of[t.id]) for t in topics])
    pages.update(render_permalinks(archive.papers()))
    topic_papers = [(t.id, t.title, data.stored_papers_of[t.id]) for t in topics]
    pages.update(render_feeds(archive, topic_papers, site_url, site_name))
    exports = render_exports(archive, {pid: [t.id for t in ts] for pid, ts in data.topics_of.items()})
    pages.update(exports)
    pages[paths.DATA] = render_data(archive, exports)
    return pages


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int

    def summary(self) -> str:
        return f"{self.written} pages written, {self.unchanged} unchanged, {self.removed} removed"


def write_pages(docs_dir: Path, pages: Mapping[str, str | bytes]) -> WriteReport:
    """Write ``pages`` below ``docs_dir``; unchanged files are not touched.

    The manifest lists, at every moment, every generated file on disk: before
    any page is written it is extended to the pages about to be written, and
    only once the pages no longer produced are gone is it cut to this run's.
    A run killed anywhere leaves no page the next run would not know to remove.
    """
    manifest = docs_dir / MANIFEST
    try:
        previous = set(manifest.read_text(encoding="utf-8").split("\n")) - {""}
    except FileNotFoundError:
        previous = set()
    if not pages.keys() <= previous:
        write_atomic(manifest, _manifest(previous | pages.keys()))
    written = unchanged = removed = 0
    for rel, page in sorted(pages.items()):
        # Not fsynced: docs/ is derived from content/ and a run rewrites any page whose
        # bytes differ, so a page lost to a power cut is rewritten; an fsync per page
        # was most of a full generation (CI always generates from an empty docs/).
        data = page.encode("utf-8") if isinstance(page, str) else page
        if write_atomic(docs_dir / rel, data, durable=False):
            written += 1
        else:
            unchanged += 1
    for rel in sorted(previous - pages.keys()):
        # Only ever remove what the generator owns, whatever the manifest says.
        if rel.split("/", 1)[0] not in paths.GENERATED_ROOTS or ".." in rel.split("/"):
            continue
        if remove_atomic(docs_dir / rel):
            removed += 1
    write_atomic(manifest, _manifest(pages.keys()))
    report = WriteReport(written, unchanged, removed)
    log.info("generate: %s", report.summary())
    return report


def _manifest(names: Iterable[str]) -> bytes:
    return ("\n".join(sorted(names)) + "\n").encode("utf-8")


def generate(settings: Settings, data: SiteData | None = None, today: dt.date | None = None) -> WriteReport:
    """Render every page from ``settings.content_dir`` (or ``data`` read from it already)
    and write them into ``settings.docs_dir``. ``today`` is the build's date (by default the
    clock's, UTC): the home page says when the newest stored day is older than it.

    A topic that matches no paper is logged as a warning (the pages are written all the same).
    """
    data = data or load_site_data(settings)
    for warning in unmatched_topics(settings.topics_file, data.topics, data.members):
        log.warning("%s", warning)
    pages = render_pages(
        data,
        site_url=settings.site_url,
        site_name=settings.site_name,
        thumbnails=settings.thumbnails,
        today=today or dt.datetime.now(dt.UTC).date(),
    )
    return write_pages(settings.docs_dir, pages)


def topic_warnings(settings: Settings) -> list[str]:
    """What ``generate`` warns about the topics (``check`` shows it too): each topic that matches no paper."""
    data = load_site_data(settings)
    return unmatched_topics(settings.topics_file, data.topics, data.members)
