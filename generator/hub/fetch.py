"""Fetching from the Hub, and merging what arrives into the content store.

``plan.plan_fetch`` decides which listing days and Hub searches a run asks for;
``run_fetch`` asks for them (a ``FetchRun``), merging every answer through
``DayStore.merge``, the one way papers enter the day files: a paper seen again
gets the newest counts, a paper that moved stays once on its latest day and
nothing stored is ever dropped.

Each answer is checked against its request: an item is placed on the day asked
for, and one listed more than a day from it is reported and skipped; a day whose
answer holds items of which none is usable fails, naming the missing fields. A
day's pages are parsed into papers as they arrive (the raw pages are dropped, so
memory stays flat whatever a day holds), and the days' papers merged into the
store in batches, so a run killed at any moment loses at most the batch in
flight, never a stored paper (every write is atomic). A run that would move or
retitle more than a small share of the stored papers stops before writing
(``content.merge.ChangeGuard``).

A failed day (no answer after the retries, an answer that is not the expected
JSON, or none of its items usable) is reported and skipped; its stored file
stays as it was and the days that worked are saved. Items are validated at the
edge (``items.papers_of``): refused ones are skipped, those with a listing day no
feed can have are quarantined, long texts are cut; each is counted in the run's
summary. The run stops early, saving what it fetched, when the Hub is
unreachable or the time budget (``DEFAULT_BUDGET``, ``fetch --time-budget``) is
spent (``RunStopped``).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..config import Settings
from ..content.days import DayStore
from ..content.empty_days import EmptyDays
from ..content.hub_searches import HubSearchStore
from ..content.merge import ChangeGuard, MergeReport
from ..errors import FetchError, RunStopped
from ..model import Paper, merge_paper
from .client import HubClient, NotListedYet
from .items import ParsedItems, papers_of
from .listing_resolve import ResolveReport, resolve_listings
from .plan import FetchPlan

log = logging.getLogger(__name__)

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
    answered_empty: list[dt.date] = field(default_factory=list)  # days whose answer held no item at all
    days_not_yet: int = 0
    papers_found: int = 0
    items_skipped: int = 0
    items_quarantined: int = 0  # a listing day outside the window: never stored as a day
    items_other_day: int = 0  # listed on a day other than the one asked for: skipped
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
        self.items_other_day += parsed.other_day
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
        if self.merged.retitled:
            parts.append(f"{len(self.merged.retitled)} retitled")
        if self.items_skipped:
            parts.append(f"{self.items_skipped} items skipped")
        if self.items_quarantined:
            parts.append(f"{self.items_quarantined} items quarantined (listing day out of range)")
        if self.items_other_day:
            parts.append(f"{self.items_other_day} items listed on another day than asked (skipped)")
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
    settings: Settings,
    plan: FetchPlan,
    client: HubClient,
    progress: Progress | None = None,
    budget: float | None = DEFAULT_BUDGET,
    guard: ChangeGuard | None = None,
) -> FetchSummary:
    """Run ``plan`` with ``client`` into ``settings.content_dir``, within ``budget`` seconds (None: no
    limit); ``guard`` (default: a ``ChangeGuard`` that allows nothing unusual) checks every merge."""
    client.set_budget(budget)
    guard = guard or ChangeGuard()
    store = DayStore(settings.content_dir)
    summary = run_fetch(
        client,
        store,
        plan.days,
        plan.queries,
        hub_searches=HubSearchStore(settings.content_dir),
        progress=progress,
        guard=guard,
    )
    # Recorded, so that filling the history never asks for them again (content/empty_days.py).
    EmptyDays(settings.content_dir).record(summary.answered_empty, listed=store.dates())
    if plan.listings and not summary.stopped:
        summary.listings = resolve_listings(client, settings.content_dir, plan.listings, guard=guard)
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
    guard: ChangeGuard | None = None,
) -> FetchSummary:
    """Fetch ``days`` then ``queries``, merging into ``store``; failures are collected, not raised
    (a ``MassChange`` is: the run stops there)."""
    return FetchRun(client, store, hub_searches, progress, guard or ChangeGuard()).run(days, queries)


class FetchRun:
    """One run's fetching: each day's pages parsed as they arrive, the days' papers merged into the
    store in batches (``MERGE_EVERY_DAYS`` or ``MERGE_EVERY_SECONDS``), the searches after them."""

    def __init__(
        self,
        client: HubClient,
        store: DayStore,
        hub_searches: HubSearchStore | None,
        progress: Progress | None,
        guard: ChangeGuard,
    ) -> None:
        self.client = client
        self.store = store
        self.hub_searches = hub_searches
        self.progress = progress
        self.guard = guard
        self.summary = FetchSummary()
        # The batch: one paper per id, every version seen folded in (merge_paper keeps the freshest
        # values whatever the order), so a repeat of the same answers reports no change.
        self.pending: dict[str, Paper] = {}
        self.pending_days = 0
        self.last_merge = time.monotonic()

    def run(self, days: Sequence[dt.date], queries: Sequence[tuple[str, str]]) -> FetchSummary:
        started = time.perf_counter()
        asked = 0
        try:
            for date in days:
                self.fetch_day(date)
                asked += 1
                self._progressed("day")
            self.merge()
            for topic_id, query in queries:
                self.search(topic_id, query)
                asked += 1
                self._progressed("search")
        except RunStopped as e:
            log.error("%s", e.message)
            self.summary.stopped = e.message
            self.summary.not_asked = len(days) + len(queries) - asked
        finally:
            # Also on Ctrl+C: what was fetched is saved.
            self.merge()
            self.summary.requests = self.client.stats.requests
            self.summary.seconds = time.perf_counter() - started
        return self.summary

    def fetch_day(self, date: dt.date) -> None:
        """Ask for ``date``'s pages, parse each as it arrives, and add the day's papers to the batch."""
        parsed = ParsedItems()
        try:
            for page in self.client.daily_pages(date):
                where = str(date)
                papers_of(page.items, where, date, self.store.window, fetched=page.fetched, asked=date, into=parsed)
        except NotListedYet:
            self.summary.days_not_yet += 1
            return
        except RunStopped:
            raise
        except FetchError as e:
            self.fail(e.message)
            return
        finally:
            parsed.warn_unshown(str(date))
            self.summary.count(parsed)
        unusable = parsed.unusable()
        if unusable:
            self.fail(f"{date}: {unusable}")
            return
        self.summary.days_fetched += 1
        self.summary.days_empty += not parsed.papers
        if not parsed.items:
            self.summary.answered_empty.append(date)
        self.summary.papers_found += len({p.id for p in parsed.papers})
        for paper in parsed.papers:
            known = self.pending.get(paper.id)
            self.pending[paper.id] = merge_paper(known, paper) if known is not None else paper
        self.pending_days += 1
        if self.pending_days >= MERGE_EVERY_DAYS or time.monotonic() - self.last_merge >= MERGE_EVERY_SECONDS:
            self.merge()

    def merge(self) -> None:
        """Merge the batch into the store (the guard checks it first)."""
        batch, self.pending, self.pending_days = self.pending, {}, 0
        self.last_merge = time.monotonic()
        if batch:
            self.summary.merged.take(self.store.merge(batch.values(), guard=self.guard))

    def search(self, topic_id: str, query: str) -> None:
        """One topic query: its results recorded for the topic, those listed on Daily Papers merged into their day."""
        try:
            items = self.client.search(query)
            fetched = self.client.clock.utc()
        except RunStopped:
            raise
        except FetchError as e:
            self.fail(e.message)
            return
        where = f"search {query!r} (topic {topic_id})"
        parsed = papers_of(items, where, None, self.store.window, fetched=fetched)
        parsed.warn_unshown(where)
        self.summary.searches += 1
        self.summary.count(parsed)
        self.summary.search_results += len(parsed.papers)
        listed = [p for p in parsed.papers if p.day is not None]
        if listed:
            self.summary.merged.take(self.store.merge(listed, guard=self.guard))
        if self.hub_searches is not None:
            self.hub_searches.record(topic_id, query, parsed.papers)

    def fail(self, message: str) -> None:
        log.error("%s", message)
        self.summary.failures.append(message)

    def _progressed(self, kind: str) -> None:
        self.summary.requests = self.client.stats.requests
        if self.progress:
            self.progress(kind, self.summary)
