"""Turn the stored archive into the Markdown pages of the site, and write them into docs/.

``render_pages`` is pure: the same archive and topics give the same pages,
byte for byte. ``write_pages`` is the I/O edge: it writes only the files whose
bytes changed and removes generated pages that are no longer produced.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..content.atomic import remove_atomic, write_atomic
from ..content.days import DayStore
from ..content.topics import Topic, load_topics
from ..model import Archive, Paper
from . import paths
from .feeds import render_feeds
from .pages.calendar import render_archive, render_month, render_year
from .pages.day import render_day
from .pages.home import render_home
from .pages.permalink import render_permalinks
from .pages.rankings import render_top, render_trending
from .pages.stats import render_stats
from .pages.topic import render_topic, render_topics_index
from .pages.week import render_weeks
from .topic_members import Found, Members, collect_members, load_found

log = logging.getLogger(__name__)

# Written into docs/ beside the pages: the list of files the last run generated,
# so that a page no longer produced (a topic removed, say) is removed too.
MANIFEST = ".generated"


def render_pages(
    archive: Archive,
    topics: list[Topic],
    site_url: str = "",
    site_name: str = "HF Daily Papers Archive",
    found: Found | None = None,
    members: Members | None = None,
) -> dict[str, str]:
    """docs-relative path → Markdown, for every generated page (and the feeds and permalink files).

    ``site_url`` makes the feeds' links absolute (see ``generator.feeds`` for the fallback).
    ``found`` adds papers to topics beyond their terms: Hub search results and
    imported listings (``topic_members.load_found``). ``members``, when given, is
    ``collect_members`` of these already (the build shares it with the site search).
    """
    if members is None:
        members = collect_members(topics, archive.papers(), found)
    topics_by_paper: dict[str, list[tuple[str, str]]] = {}
    for topic in topics:
        for paper_id, member in members[topic.id].items():
            if member.stored:
                topics_by_paper.setdefault(paper_id, []).append((topic.title, paths.topic_path(topic.id)))

    def topics_of(paper: Paper) -> list[tuple[str, str]]:
        return topics_by_paper.get(paper.id, [])

    pages: dict[str, str] = {}
    days = archive.days
    for i, day in enumerate(days):
        previous = days[i - 1] if i > 0 else None
        following = days[i + 1] if i + 1 < len(days) else None
        pages[paths.day_path(day.date)] = render_day(day, previous, following, topics_of)

    months: dict[tuple[int, int], list] = {}
    for day in days:
        months.setdefault((day.date.year, day.date.month), []).append(day)
    for (year, month), month_days in months.items():
        pages[paths.month_path(year, month)] = render_month(year, month, month_days)
    for year in sorted({y for y, _ in months}):
        pages[paths.year_path(year)] = render_year(year, [d for d in days if d.date.year == year])
    pages[paths.ARCHIVE] = render_archive(days)

    by_id = {p.id: p for p in archive.papers()}
    for topic in topics:
        pages[paths.topic_path(topic.id)] = render_topic(topic, list(members[topic.id].values()))
    pages[paths.TOPICS] = render_topics_index(topics, members)
    pages[paths.HOME] = render_home(archive, topics, {t: len(m) for t, m in members.items()})
    topic_papers = [(t.id, t.title, [by_id[pid] for pid in members[t.id] if pid in by_id]) for t in topics]
    pages.update(render_weeks(days))
    pages[paths.TRENDING] = render_trending(archive)
    pages[paths.TOP] = render_top(archive)
    pages[paths.STATS] = render_stats(archive, [(title, papers) for _, title, papers in topic_papers])
    pages.update(render_permalinks(archive.papers()))
    pages.update(render_feeds(archive, topic_papers, site_url, site_name))
    return pages


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int

    def summary(self) -> str:
        return f"{self.written} pages written, {self.unchanged} unchanged, {self.removed} removed"


def write_pages(docs_dir: Path, pages: dict[str, str]) -> WriteReport:
    """Write ``pages`` below ``docs_dir``; unchanged files are not touched."""
    manifest = docs_dir / MANIFEST
    try:
        previous = set(manifest.read_text(encoding="utf-8").split("\n")) - {""}
    except FileNotFoundError:
        previous = set()
    written = unchanged = removed = 0
    for rel, markdown in sorted(pages.items()):
        # Not fsynced: docs/ is derived from content/ and a run rewrites any page whose
        # bytes differ, so a page lost to a power cut is rewritten; an fsync per page
        # was most of a full generation (CI always generates from an empty docs/).
        if write_atomic(docs_dir / rel, markdown.encode("utf-8"), durable=False):
            written += 1
        else:
            unchanged += 1
    for rel in sorted(previous - pages.keys()):
        # Only ever remove what the generator owns, whatever the manifest says.
        if rel.split("/", 1)[0] not in paths.GENERATED_ROOTS or ".." in rel.split("/"):
            continue
        if remove_atomic(docs_dir / rel):
            removed += 1
    write_atomic(manifest, ("\n".join(sorted(pages)) + "\n").encode("utf-8"))
    report = WriteReport(written, unchanged, removed)
    log.info("generate: %s", report.summary())
    return report


@dataclass(frozen=True)
class Sources:
    """What the pages are made of, read once from content/ (``load_sources``)."""

    archive: Archive
    topics: list[Topic]
    found: Found
    members: Members  # topic id → its papers, with why (topic_members.collect_members)


def load_sources(settings: Settings) -> Sources:
    archive = DayStore(settings.content_dir).load()
    topics = load_topics(settings.topics_file)
    found = load_found(settings.content_dir, topics)
    return Sources(archive, topics, found, collect_members(topics, archive.papers(), found))


def generate(settings: Settings, sources: Sources | None = None) -> WriteReport:
    """Render every page from ``settings.content_dir`` (or ``sources`` read from it already)
    and write them into ``settings.docs_dir``."""
    sources = sources or load_sources(settings)
    pages = render_pages(
        sources.archive,
        sources.topics,
        site_url=settings.site_url,
        site_name=settings.site_name,
        found=sources.found,
        members=sources.members,
    )
    return write_pages(settings.docs_dir, pages)
