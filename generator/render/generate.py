"""Turn the stored archive into the Markdown pages of the site, and write them into docs/.

``render_pages`` is pure: the same archive and topics give the same pages,
byte for byte. ``write_pages`` is the I/O edge: it writes only the files whose
bytes changed and removes generated pages that are no longer produced.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..content.atomic import remove_atomic, write_atomic
from ..content.days import DayStore, require_folder
from ..content.topics import Topic, load_topics
from ..model import Archive, Day, Paper
from . import paths
from .export import render_exports
from .feeds import render_feeds
from .organizations import collect_orgs
from .pages.calendar import render_archive, render_month, render_year
from .pages.data import render_data
from .pages.day import render_day
from .pages.home import render_home
from .pages.organization import render_org, render_orgs_index
from .pages.paper import Related
from .pages.permalink import render_permalinks
from .pages.rankings import render_top, render_trending
from .pages.stats import render_stats
from .pages.topic import render_topic, render_topics_index
from .pages.week import render_this_week, render_weeks
from .topic_members import Found, Members, collect_members, load_found, unmatched_topics

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
) -> dict[str, str | bytes]:
    """docs-relative path → Markdown, for every generated page (and the feeds, permalink and data files).

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
    orgs = collect_orgs(archive.papers())
    org_pages = {org.name: org.path for org in orgs}

    def related_of(paper: Paper) -> Related:
        org = org_pages.get(paper.organization.name) if paper.organization else None
        return Related(topics=topics_by_paper.get(paper.id, ()), org_page=org)

    pages: dict[str, str | bytes] = {}
    days = archive.days
    for i, day in enumerate(days):
        previous = days[i - 1] if i > 0 else None
        following = days[i + 1] if i + 1 < len(days) else None
        pages[paths.day_path(day.date)] = render_day(day, previous, following, related_of)

    months: dict[tuple[int, int], list[Day]] = {}
    for day in days:
        months.setdefault((day.date.year, day.date.month), []).append(day)
    for (year, month), month_days in months.items():
        pages[paths.month_path(year, month)] = render_month(year, month, month_days)
    for year in sorted({y for y, _ in months}):
        pages[paths.year_path(year)] = render_year(year, [d for d in days if d.date.year == year])
    pages[paths.ARCHIVE] = render_archive(days)

    by_id = {p.id: p for p in archive.papers()}
    for topic in topics:
        pages.update(render_topic(topic, list(members[topic.id].values())))
    pages[paths.TOPICS] = render_topics_index(topics, members)
    for org in orgs:
        pages.update(render_org(org))
    pages.update(render_orgs_index(orgs))
    pages[paths.HOME] = render_home(archive, topics, {t: len(m) for t, m in members.items()})
    topic_papers = [(t.id, t.title, [by_id[pid] for pid in members[t.id] if pid in by_id]) for t in topics]
    pages.update(render_weeks(days))
    pages[paths.WEEKS] = render_this_week(days)
    pages[paths.TRENDING] = render_trending(archive)
    pages[paths.TOP] = render_top(archive)
    pages[paths.STATS] = render_stats(archive, [(title, papers) for _, title, papers in topic_papers])
    pages.update(render_permalinks(archive.papers()))
    pages.update(render_feeds(archive, topic_papers, site_url, site_name))
    topic_ids = {pid: [t.id for t in topics if pid in members[t.id]] for pid in by_id}
    exports = render_exports(archive, topic_ids)
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


@dataclass(frozen=True)
class SiteInputs:
    """What the pages and the site search are made of, read once from content/ (``load_site_inputs``)."""

    archive: Archive
    topics: list[Topic]
    found: Found
    members: Members  # topic id → its papers, with why (topic_members.collect_members)


def load_site_inputs(settings: Settings) -> SiteInputs:
    """Read content/: the days, the topics, what Hub searches and imports found, each topic's papers.

    A content folder that is missing or not a folder is an error, not an empty
    archive: an empty archive would remove every page generated before.
    """
    require_folder(settings.content_dir, settings.config_file.name)
    archive = DayStore(settings.content_dir).load()
    topics = load_topics(settings.topics_file)
    found = load_found(settings.content_dir, topics)
    return SiteInputs(archive, topics, found, collect_members(topics, archive.papers(), found))


def generate(settings: Settings, inputs: SiteInputs | None = None) -> WriteReport:
    """Render every page from ``settings.content_dir`` (or ``inputs`` read from it already)
    and write them into ``settings.docs_dir``.

    A topic that matches no paper is logged as a warning (the pages are written all the same).
    """
    inputs = inputs or load_site_inputs(settings)
    for warning in unmatched_topics(settings.topics_file, inputs.topics, inputs.members):
        log.warning("%s", warning)
    pages = render_pages(
        inputs.archive,
        inputs.topics,
        site_url=settings.site_url,
        site_name=settings.site_name,
        found=inputs.found,
        members=inputs.members,
    )
    return write_pages(settings.docs_dir, pages)


def topic_warnings(settings: Settings) -> list[str]:
    """What ``generate`` warns about the topics (``check`` shows it too): each topic that matches no paper."""
    inputs = load_site_inputs(settings)
    return unmatched_topics(settings.topics_file, inputs.topics, inputs.members)
