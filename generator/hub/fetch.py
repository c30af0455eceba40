"""Fetching from the Hub, and merging what arrives into the content store.

``plan.plan_fetch`` decides which listing days and Hub searches a run asks for;
``run_fetch`` asks for them, merging every answer through ``DayStore.merge``,
the one way papers enter the day files: a paper seen again
gets the newest counts, a paper that moved stays once on its latest day and
nothing stored is ever dropped.

A failed day (no answer after the retries, or an answer that is not the
expected JSON) is reported and skipped; its stored file stays as it was and
the days that worked are saved. Answers are merged in batches, so a run
killed at any moment loses at most the batch in flight, never a stored paper
(every write is atomic).

Items are validated at the edge (``items.papers_of``): refused ones are
skipped, those with a listing day no feed can have are quarantined, long
texts are cut; each is counted in the run's summary. The run stops early,
saving what it fetched, when the Hub is unreachable or the time budget
(``DEFAULT_BUDGET``, ``fetch --time-budget``) is spent (``RunStopped``).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..config import Settings
from ..content.days import DayStore
from ..content.hub_searches import HubSearchStore
from ..content.merge import MergeReport
from ..errors import FetchError, RunStopped
from ..model import ListingWindow, Paper, merge_by_id
from .client import HubClient
from .items import ParsedItems, papers_of
from .listing_resolve import ResolveReport, resolve_listings
from .plan import FetchPlan

log = logging.getLogger(__name__)

# A listing day keeps changing after it is published: upvotes and comments
# Answers are merged into the store in batches: every this many days, or
# this many seconds of fetching, whichever comes first. Store.merge reads the
# whole archive, so merging after every day of a 1,000-day backfill would read
# half a million files; a batch bounds what a killed run has to fetch again.
MERGE_EVERY_DAYS = 100
MERGE_EVERY_SECONDS = 60.0

# The whole run's time budget: the update workflow's job has 90 minutes, and a
# backfill of the whole feed (1,300 days) takes ~15 at the anonymous rate limit.
# Past it the run saves what it has and stops (run it again to go on).
DEFAULT_BUDGET = 60 * 60.0


@dataclass
class FetchSummary:
    days_fetched: int = 0
    days_empty: int = 0  # fetched, and the Hub listed nothing (weekends)
    days_not_yet: int = 0
    papers_found: int = 0
    items_skipped: int = 0
    items_quarantined: int = 0  # a listing day outside the window: never stored as a day
    items_truncated: int = 0
    merged: MergeReport = field(default_factory=MergeReport)  # what the run changed in the day files
    listings: ResolveReport | None = None  # listed papers looked up on the Hub (--resolve-listings)
    searches: int = 0
    search_results: int = 0
    failures: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    stopped: str | None = None  # why the run ended before its plan did (RunStopped)
    not_asked: int = 0  # days and searches left unasked when it stopped

    def count(self, parsed: ParsedItems) -> None:
        self.items_skipped += parsed.skipped
        self.items_quarantined += parsed.quarantined
        self.items_truncated += parsed.truncated

    def raise_for_failures(self, plan: FetchPlan) -> None:
        """A FetchError when a day or search failed (every day that worked is saved by then)."""
        if self.stopped:
            raise RunStopped(
                None,
                f"{self.stopped}; {self.not_asked} of {len(plan.days) + len(plan.queries)} days and searches "
                "were not asked; every day fetched was saved; run fetch again to go on",
            )
        if self.failures:
            raise FetchError(
                None,
                f"{len(self.failures)} failed (of {len(plan.days)} days and {len(plan.queries)} searches); "
                "every day that worked was saved; run fetch again to retry the rest",
            )

    def line(self) -> str:
        parts = [f"{self.days_fetched} days fetched ({self.days_empty} empty)"]
        if self.days_not_yet:
            parts.append(f"{self.days_not_yet} not available yet")
        parts += [f"{len(self.merged.added)} papers added", f"{len(self.merged.updated)} updated"]
        if self.merged.moved:
            parts.append(f"{len(self.merged.moved)} moved to a later day")
        if self.items_skipped:
            parts.append(f"{self.items_skipped} items skipped")
        if self.items_quarantined:
            parts.append(f"{self.items_quarantined} items quarantined (listing day out of range)")
        if self.items_truncated:
            parts.append(f"{self.items_truncated} items cut to the bounds")
        if self.searches:
            parts.append(f"{self.searches} searches ({self.search_results} results)")
        if self.listings is not None:
            parts.append(
                f"{len(self.listings.resolved)} of {len(self.listings.resolved) + len(self.listings.unresolved)} "
                "listed papers resolved"
            )
        parts.append(f"{len(self.failures)} failures")
        if self.stopped:
            parts.append(f"stopped early: {self.not_asked} not asked")
        parts.append(f"{self.requests} requests in {self.seconds:.1f} s")
        return "fetch: " + ", ".join(parts)


Progress = Callable[[str, FetchSummary], None]


def fetch(
    settings: Settings, plan: FetchPlan, progress: Progress | None = None, budget: float | None = DEFAULT_BUDGET
) -> FetchSummary:
    """Run ``plan`` against the Hub (``HF_ENDPOINT``, ``HF_TOKEN``) into ``settings.content_dir``,
    within ``budget`` seconds (None: no limit)."""
    with HubClient.from_env() as client:
        client.set_budget(budget)
        summary = run_fetch(
            client,
            DayStore(settings.content_dir),
            plan.days,
            plan.queries,
            hub_searches=HubSearchStore(settings.content_dir),
            progress=progress,
        )
        if plan.listings and not summary.stopped:
            summary.listings = resolve_listings(client, settings.content_dir, plan.listings)
            summary.merged.take(summary.listings.days)
            summary.failures += [r.why for r in summary.listings.failed]
            summary.requests = client.stats.requests
        return summary


def run_fetch(
    client: HubClient,
    store: DayStore,
    days: Sequence[dt.date],
    queries: Sequence[tuple[str, str]] = (),
    *,
    hub_searches: HubSearchStore | None = None,
    progress: Progress | None = None,
) -> FetchSummary:
    """Fetch ``days`` then ``queries``, merging into ``store``; failures are collected, not raised."""
    summary = FetchSummary()
    window = store.window
    started = time.perf_counter()
    pending: list[Paper] = []
    pending_days = 0

    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal pending, pending_days, last_flush
        if pending:
            # One paper per id (duplicates within an answer, or across days of the
            # batch, folded in the order seen), so a repeat of the same answers
            # reports no change instead of updating a paper back and forth.
            summary.merged.take(store.merge(merge_by_id(pending).values()))
        pending, pending_days, last_flush = [], 0, time.monotonic()

    asked = 0
    try:
        for date in days:
            try:
                answer = client.daily_papers(date)
            except RunStopped:
                raise
            except FetchError as e:
                log.error("%s", e.message)
                summary.failures.append(e.message)
            else:
                if answer.items is None:
                    summary.days_not_yet += 1
                else:
                    parsed = papers_of(answer.items, f"{date}", date, window, fetched=answer.fetched)
                    papers = parsed.papers
                    summary.days_fetched += 1
                    summary.days_empty += not papers
                    summary.count(parsed)
                    summary.papers_found += len({p.id for p in papers})
                    # Every version goes in: merge_paper keeps the freshest values whatever the order
                    # (a later listing day's answer over an earlier one's, then the later fetch).
                    pending.extend(papers)
                    pending_days += 1
                    if pending_days >= MERGE_EVERY_DAYS or time.monotonic() - last_flush >= MERGE_EVERY_SECONDS:
                        flush()
            asked += 1
            summary.requests = client.stats.requests
            if progress:
                progress("day", summary)
        flush()
        for topic_id, query in queries:
            _search(client, store, hub_searches, topic_id, query, summary, window)
            asked += 1
            summary.requests = client.stats.requests
            if progress:
                progress("search", summary)
    except RunStopped as e:
        log.error("%s", e.message)
        summary.stopped = e.message
        summary.not_asked = len(days) + len(queries) - asked
    finally:
        # Also on Ctrl+C: what was fetched is saved.
        flush()
        summary.requests = client.stats.requests
        summary.seconds = time.perf_counter() - started
    return summary


def _search(
    client: HubClient,
    store: DayStore,
    hub_searches: HubSearchStore | None,
    topic_id: str,
    query: str,
    summary: FetchSummary,
    window: ListingWindow,
) -> None:
    try:
        items = client.search(query)
        fetched = client.clock.utc()
    except RunStopped:
        raise
    except FetchError as e:
        log.error("%s", e.message)
        summary.failures.append(e.message)
        return
    parsed = papers_of(items, f"search {query!r} (topic {topic_id})", None, window, fetched=fetched)
    papers = parsed.papers
    summary.searches += 1
    summary.count(parsed)
    summary.search_results += len(papers)
    listed = [p for p in papers if p.day is not None]
    if listed:
        summary.merged.take(store.merge(listed))
    if hub_searches is not None:
        hub_searches.record(topic_id, query, papers)
