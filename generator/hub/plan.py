"""What a fetch run asks the Hub for: the listing days (each with why) and the topics' searches.

``plan_fetch`` makes the ``FetchPlan`` of one run from what is stored and the
command's options; ``describe_plan`` puts it in words (``fetch --dry-run``).
Executing a plan is ``fetch.fetch``'s job. Which stored days the daily run asks
for again, by their age, is ``refresh.refresh_plan``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..config import Settings
from ..content.days import DayStore
from ..content.listing_pages import ListingPageStore
from ..content.topics import Topic, load_topics
from ..errors import UsageError
from ..wording import plural
from .refresh import Due, refresh_plan

# A dry run lists every day and why up to this many (a daily refresh is ~90); a backfill shows its ends.
DRY_RUN_DAYS = 120


def feed_today() -> dt.date:
    """The current feed day: the Hub lists days by their UTC date."""
    return dt.datetime.now(dt.UTC).date()


def plan_days(
    store: DayStore,
    start: dt.date,
    today: dt.date,
    *,
    date: dt.date | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Due]:
    """The days a run fetches, oldest first, each with why.

    ``date`` alone: that day. ``since``/``until``: that range (``until``
    defaults to today, ``since`` to the archive start). Neither: the daily
    refresh (``refresh.refresh_plan``): new days, and stored days by their age.
    """
    if date is not None:
        if since is not None or until is not None:
            raise UsageError(None, "--date cannot be combined with --since/--until")
        return [Due(date, "asked for with --date")]
    if since is None and until is None:
        return refresh_plan(store.dates(), start, today)
    first = since or start
    last = until or today
    if last > today:
        raise UsageError(None, f"--until {last} is after today ({today} UTC): the feed has no such day yet")
    if first > last:
        raise UsageError(None, f"nothing to fetch: {first} is after {last}")
    return [Due(first + dt.timedelta(days=i), "in the range asked for") for i in range((last - first).days + 1)]


def search_queries(topics: Iterable[Topic]) -> list[tuple[str, str]]:
    """(topic id, query) for every query of every topic, in file order."""
    return [(t.id, q) for t in topics for q in t.queries]


@dataclass(frozen=True)
class FetchPlan:
    """What one run asks the Hub for."""

    due: list[Due]  # the listing days, oldest first, each with why
    queries: list[tuple[str, str]]  # (topic id, Hub search query)
    listings: list[str] = field(default_factory=list)  # topics whose listed papers are looked up on the Hub

    @property
    def days(self) -> list[dt.date]:
        return [d.date for d in self.due]

    def describe(self, endpoint: str) -> list[str]:
        """The lines of ``fetch --dry-run``: every day and why (a long backfill: the first and last few)."""
        if not self.due:
            return ["dry run: no day to fetch", "dry run: nothing requested, nothing written"]
        span = f"{self.days[0]}" if len(self.days) == 1 else f"{self.days[0]} .. {self.days[-1]}"
        lines = [f"dry run: would fetch {plural(len(self.days), 'day')} ({span}) from {endpoint}/api/daily_papers"]
        kinds: dict[str, int] = {}
        for due in self.due:
            kind = due.why.split(":")[0]
            kinds[kind] = kinds.get(kind, 0) + 1
        lines.append("dry run: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items()))
        shown = self.due if len(self.due) <= DRY_RUN_DAYS else [*self.due[:5], None, *self.due[-5:]]
        lines += [f"dry run:   {d.date} {d.why}" if d else "dry run:   …" for d in shown]
        lines += [f"dry run: would search {query!r} for topic {topic_id}" for topic_id, query in self.queries]
        lines += [f"dry run: would look up the unresolved listed papers of topic {t} on the Hub" for t in self.listings]
        lines.append("dry run: nothing requested, nothing written")
        return lines


def plan_fetch(
    settings: Settings,
    *,
    date: dt.date | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    search: bool = True,
    resolve_listings: bool = False,
    today: dt.date | None = None,
) -> FetchPlan:
    """The days and searches of a run (see ``plan_days``); ``search=False`` leaves the topics' queries out."""
    due = plan_days(
        DayStore(settings.content_dir),
        settings.start_date,
        today or feed_today(),
        date=date,
        since=since,
        until=until,
    )
    queries = search_queries(load_topics(settings.topics_file)) if search else []
    listings = ListingPageStore(settings.content_dir).topic_ids() if resolve_listings else []
    return FetchPlan(due, queries, listings)


def describe_plan(plan: FetchPlan, endpoint: str) -> list[str]:
    """``plan`` in words, naming the Hub it would ask, ``endpoint`` (``fetch --dry-run``)."""
    return plan.describe(endpoint)
