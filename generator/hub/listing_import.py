"""``import-listing``: the papers of a saved listing page join a topic.

The page's text is read by ``listing_page.parse_listing_page``; its papers are
stored in the topic's file of ``content/listings/`` (``ListingPageStore``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..content.days import DayStore
from ..content.listing_pages import ListingPageStore
from ..content.merge import MergeReport
from ..content.topics import Topic
from ..errors import ContentError, UsageError
from ..model import merge_by_id, normalise_title
from .listing_page import ListingPage, parse_listing_page


@dataclass(frozen=True)
class ImportReport:
    file: str
    topic: str
    page: ListingPage
    merge: MergeReport
    already_stored: int  # papers whose title is already in the day files
    repeats: int  # blocks showing a title an earlier block showed (one paper)

    def lines(self) -> list[str]:
        n = len(self.page.entries)
        out = [
            f"import-listing: {self.file} → topic {self.topic}: {n} papers read, {self.merge.summary('file')}",
            f"  viewing year: {self.page.year_source}",
            f"  {self.already_stored} of them already in the archive (same title): the topic shows the stored paper",
        ]
        if self.repeats:
            out.append(f"  {self.repeats} blocks repeat the title of an earlier block: merged into one paper")
        missing = [e for e in self.page.entries if e.authors is None or e.date is None]
        for e in missing:
            lacks = [w for w, v in (("author count", e.authors), ("date", e.date)) if v is None]
            out.append(f"  line {e.line}: no {' or '.join(lacks)} under {e.title[:50]!r} (kept without)")
        for cut in self.page.chrome:
            out.append(f"  line {cut.line}: cut the page's own words off the first title: {cut.text!r}")
        for note in self.page.notes:
            out.append(f"  note: {note}")
        out.append(f"  skipped: {len(self.page.skipped)}")
        out += [f"  skipped {s}" for s in self.page.skipped]
        return out


def import_listing(
    content_dir: Path,
    topics: list[Topic],
    file: Path,
    topic_id: str,
    year: int | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """Read saved listing page ``file`` and store its papers among the saved listing pages of ``topic_id``."""
    known = {t.id for t in topics}
    if topic_id not in known:
        raise UsageError(
            None, f"--topic: no topic {topic_id!r} in topics.yml ({', '.join(sorted(known)) or 'none'}); add it first"
        )
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as e:
        raise ContentError(file, f"cannot read ({e.strerror})") from None
    except UnicodeDecodeError:
        raise ContentError(file, "not UTF-8 text: save the page as plain text") from None
    page = parse_listing_page(text, year=year, today=today)
    if not page.entries:
        line = page.skipped[0].line if page.skipped else 1
        raise ContentError(f"{file}:{line}", "no paper blocks found (is this the text of a papers listing page?)")
    papers = merge_by_id(entry.to_paper() for entry in page.entries)
    stored_titles = {normalise_title(p.title) for p in DayStore(content_dir).load().papers()}
    already = sum(1 for p in papers.values() if normalise_title(p.title) in stored_titles)
    report = ListingPageStore(content_dir).merge(topic_id, file.name, page.viewed, papers.values())
    return ImportReport(file.name, topic_id, page, report, already, len(page.entries) - len(papers))
