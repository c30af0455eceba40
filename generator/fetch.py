"""What to fetch from the Hub, and merging it into the content store.

``plan_days`` decides which listing days a run asks for; ``run_fetch`` asks
for them (and for the topics' search queries), merging every answer through
``Store.merge``, the one way papers enter the day store: a paper seen again
gets the newest counts, a paper that moved stays once on its latest day and
nothing stored is ever dropped.

A failed day (no answer after the retries, or an answer that is not the
expected JSON) is reported and skipped; its stored file stays as it was and
the days that worked are saved. Answers are merged in batches, so a run
killed at any moment loses at most the batch in flight, never a stored paper
(every write is atomic).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .api_items import paper_from_api
from .errors import ContentError, FetchError
from .hub_client import HubClient
from .model import Paper, merge_paper
from .search_store import SearchStore
from .store import MergeReport, Store
from .topics import Topic

log = logging.getLogger(__name__)

# A listing day keeps changing after it is published: upvotes and comments
# grow, and late submissions are added for a few days. A routine run
# therefore re-fetches the last stored days as well as the new ones.
REFETCH_DAYS = 3

# Answers are merged into the store in batches: every this many days, or
# this many seconds of fetching, whichever comes first. Store.merge reads the
# whole archive, so merging after every day of a 1,000-day backfill would read
# half a million files; a batch bounds what a killed run has to fetch again.
MERGE_EVERY_DAYS = 100
MERGE_EVERY_SECONDS = 60.0


def feed_today() -> dt.date:
    """The current feed day: the Hub lists days by their UTC date."""
    return dt.datetime.now(dt.timezone.utc).date()


def plan_days(
    store: Store,
    start: dt.date,
    today: dt.date,
    *,
    date: dt.date | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[dt.date]:
    """The days a run fetches, oldest first.

    ``date`` alone: that day. ``since``/``until``: that range (``until``
    defaults to today, ``since`` to the archive start). Neither: from the
    last stored day minus ``REFETCH_DAYS`` (the archive start when nothing
    is stored) through today.
    """
    if date is not None:
        if since is not None or until is not None:
            raise FetchError("--date cannot be combined with --since/--until")
        return [date]
    if since is None and until is None:
        stored = store.dates()
        since = max(start, stored[-1] - dt.timedelta(days=REFETCH_DAYS)) if stored else start
    first = since or start
    last = until or today
    if last > today:
        raise FetchError(f"--until {last} is after today ({today} UTC): the feed has no such day yet")
    if first > last:
        raise FetchError(f"nothing to fetch: {first} is after {last}")
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def search_queries(topics: Iterable[Topic]) -> list[tuple[str, str]]:
    """(topic id, query) for every query of every topic, in file order."""
    return [(t.id, q) for t in topics for q in t.queries]


@dataclass
class FetchSummary:
    days_fetched: int = 0
    days_empty: int = 0  # fetched, and the Hub listed nothing (weekends)
    days_not_yet: int = 0
    papers_found: int = 0
    items_skipped: int = 0
    added: set[str] = field(default_factory=set)
    updated: set[str] = field(default_factory=set)
    moved: set[str] = field(default_factory=set)
    searches: int = 0
    search_results: int = 0
    failures: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    def take(self, report: MergeReport) -> None:
        self.added |= report.added
        self.updated |= report.updated - self.added
        self.moved |= report.moved

    def line(self) -> str:
        parts = [f"{self.days_fetched} days fetched ({self.days_empty} empty)"]
        if self.days_not_yet:
            parts.append(f"{self.days_not_yet} not available yet")
        parts += [f"{len(self.added)} papers added", f"{len(self.updated)} updated"]
        if self.moved:
            parts.append(f"{len(self.moved)} moved to a later day")
        if self.items_skipped:
            parts.append(f"{self.items_skipped} items skipped")
        if self.searches:
            parts.append(f"{self.searches} searches ({self.search_results} results)")
        parts.append(f"{len(self.failures)} failures")
        parts.append(f"{self.requests} requests in {self.seconds:.1f} s")
        return "fetch: " + ", ".join(parts)


def papers_of(items: Sequence[object], where: str, day: dt.date | None) -> tuple[list[Paper], int]:
    """Parse API items; items missing required fields are skipped with a warning. Returns (papers, skipped)."""
    papers, skipped = [], 0
    for i, item in enumerate(items):
        try:
            papers.append(paper_from_api(item, f"{where}: item #{i + 1}", day=day))
        except ContentError as e:
            # The live API does return such items (see tests/fixtures/hub/PROVENANCE.md).
            log.warning("skipped %s", e.message)
            skipped += 1
    return papers, skipped


Progress = Callable[[str, FetchSummary], None]


def run_fetch(
    client: HubClient,
    store: Store,
    days: Sequence[dt.date],
    queries: Sequence[tuple[str, str]] = (),
    *,
    search_store: SearchStore | None = None,
    progress: Progress | None = None,
) -> FetchSummary:
    """Fetch ``days`` then ``queries``, merging into ``store``; failures are collected, not raised."""
    summary = FetchSummary()
    started = time.perf_counter()
    pending: list[Paper] = []
    pending_days = 0
    # Where each paper is listed: the store's view, then each answer's. A paper
    # already listed on a later day is refreshed from that day's answer, not
    # from an earlier day's (which the Hub may answer with older counts);
    # otherwise two batches of one run could flip it back and forth.
    listed_on = {p.id: p.day for p in store.load().papers()}

    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal pending, pending_days, last_flush
        if pending:
            # One paper per id (duplicates within an answer, or across days of the
            # batch, folded in the order seen), so a repeat of the same answers
            # reports no change instead of updating a paper back and forth.
            combined: dict[str, Paper] = {}
            for paper in pending:
                combined[paper.id] = merge_paper(combined[paper.id], paper) if paper.id in combined else paper
            summary.take(store.merge(combined.values()))
        pending, pending_days, last_flush = [], 0, time.monotonic()

    try:
        for date in days:
            try:
                answer = client.daily_papers(date)
            except FetchError as e:
                log.error("%s", e.message)
                summary.failures.append(e.message)
            else:
                if answer.items is None:
                    summary.days_not_yet += 1
                else:
                    papers, skipped = papers_of(answer.items, f"{date}", date)
                    summary.days_fetched += 1
                    summary.days_empty += not papers
                    summary.items_skipped += skipped
                    summary.papers_found += len({p.id for p in papers})
                    for paper in papers:
                        day = paper.day or date
                        if listed_on.get(paper.id, day) <= day:
                            listed_on[paper.id] = day
                            pending.append(paper)
                    pending_days += 1
                    if pending_days >= MERGE_EVERY_DAYS or time.monotonic() - last_flush >= MERGE_EVERY_SECONDS:
                        flush()
            summary.requests = client.stats.requests
            if progress:
                progress("day", summary)
        flush()
        for topic_id, query in queries:
            _search(client, store, search_store, topic_id, query, summary)
            summary.requests = client.stats.requests
            if progress:
                progress("search", summary)
    finally:
        # Also on Ctrl+C: what was fetched is saved.
        flush()
        summary.requests = client.stats.requests
        summary.seconds = time.perf_counter() - started
    return summary


def _search(
    client: HubClient,
    store: Store,
    search_store: SearchStore | None,
    topic_id: str,
    query: str,
    summary: FetchSummary,
) -> None:
    try:
        items = client.search(query)
    except FetchError as e:
        log.error("%s", e.message)
        summary.failures.append(e.message)
        return
    papers, skipped = papers_of(items, f"search {query!r} (topic {topic_id})", None)
    summary.searches += 1
    summary.items_skipped += skipped
    summary.search_results += len(papers)
    listed = [p for p in papers if p.day is not None]
    if listed:
        summary.take(store.merge(listed))
    if search_store is not None:
        search_store.record(topic_id, query, papers)
