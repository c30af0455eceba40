"""What a fetch run asks the Hub for: the listing days (each with why) and the topics' searches.

``plan_fetch`` makes the ``FetchPlan`` of one run from what is stored and the
command's options; ``describe_plan`` puts it in words (``fetch --dry-run``).
Executing a plan is ``fetch.fetch``'s job.

The daily run (no date options) asks for

* the recent days and the stored days due for a refresh of their counts
  (``refresh.refresh_plan``);
* then, with what is left of its request budget (``RUN_REQUESTS``, or
  ``extra.archive.requests_per_run``; and no more than the run's time budget
  allows), the archive's **missing history**: every day between
  ``extra.archive.start_date`` and the recent window that has no day file and
  no record of an empty answer (``content/empty-days.json``), newest first.

So an archive heals itself: a gap left by failed runs, the years before the
oldest stored day, or a whole history when ``content/days`` starts empty, all
arrive through the scheduled runs alone, a few hundred days a run. A day the
Hub answered with no papers is recorded once and not asked again, so the
filling converges. ``fetch --since`` still fetches any range at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from ..config import Settings
from ..content.days import DayStore
from ..content.empty_days import EmptyDays
from ..content.listing_pages import ListingPageStore
from ..content.topics import Topic, load_topics
from ..errors import UsageError
from ..wording import plural
from .refresh import Due, recent_window, refresh_plan

# What one daily run may ask the Hub in all, listing days and searches: well under the Hub's
# anonymous limit of 500 requests per 5 minutes (the client keeps to 450 by itself), so a run
# never waits on it and takes a few minutes. What the refresh and the searches leave of it goes
# to the missing history: ~220 days a run at the feed's size in 2026, the whole feed since
# 2023-05-04 (about 1,300 days) within a week of runs.
RUN_REQUESTS = 300
# What one request may take, the client's own throttle included (450 per 5 minutes: 0.67 s
# each), with room: a run's time budget (fetch --time-budget) bounds the history it takes on too.
SECONDS_PER_REQUEST = 2.0
HISTORY = "history: nothing stored yet"

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
    """The days a run fetches, oldest first, each with why (the missing history aside: ``plan_history``).

    ``date`` alone: that day. ``since``/``until``: that range (``until``
    defaults to today, ``since`` to the archive start). Neither: the daily
    refresh (``refresh.refresh_plan``): the recent days, and stored days by their age.
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


@dataclass(frozen=True)
class History:
    """The archive's missing history on the day of a run, and the part of it the run fetches."""

    start: dt.date  # the archive's first day (extra.archive.start_date)
    last: dt.date  # the last day before the recent window, which the refresh asks for anyway
    missing: int  # days from start to last with no day file and no empty answer recorded
    due: list[Due]  # those this run fetches: the newest ones, newest first

    def line(self) -> str:
        """One line for ``fetch --dry-run``: how many days are missing, how many this run fetches."""
        if not self.missing:
            return f"no day missing from {self.start} to {self.last}"
        head = f"{plural(self.missing, 'day')} missing from {self.start} to {self.last}"
        if not self.due:
            return f"{head}; this run fetches none of them (no request left in its budget)"
        span = f"{self.due[0].date}" if len(self.due) == 1 else f"{self.due[0].date} .. {self.due[-1].date}"
        rest = self.missing - len(self.due)
        later = f"; {rest} left for the next runs" if rest else ""
        return f"{head}; this run fetches {len(self.due)} of them, newest first ({span}){later}"


def missing_days(
    stored: Collection[dt.date], empty: Collection[dt.date], start: dt.date, last: dt.date
) -> list[dt.date]:
    """The days from ``start`` to ``last`` with neither a day file nor a recorded empty answer, newest first."""
    known = set(stored) | set(empty)
    span = (last - start).days + 1
    return [day for i in range(span) if (day := last - dt.timedelta(days=i)) not in known]


def plan_history(
    stored: Collection[dt.date], empty: Collection[dt.date], start: dt.date, today: dt.date, room: int
) -> History:
    """The missing history before the recent window, and the ``room`` newest days of it to fetch."""
    last = recent_window(today)[0] - dt.timedelta(days=1)
    missing = missing_days(stored, empty, start, last)
    return History(start, last, len(missing), [Due(day, HISTORY) for day in missing[: max(room, 0)]])


def history_room(budget: int, planned: int, time_budget: float | None) -> int:
    """How many days of history fit in a run beside its ``planned`` requests."""
    if time_budget is not None:
        budget = min(budget, int(time_budget / SECONDS_PER_REQUEST))
    return max(budget - planned, 0)


def search_queries(topics: Iterable[Topic]) -> list[tuple[str, str]]:
    """(topic id, query) for every query of every topic, in file order."""
    return [(t.id, q) for t in topics for q in t.queries]


@dataclass(frozen=True)
class FetchPlan:
    """What one run asks the Hub for."""

    due: list[Due]  # the listing days in the order asked, each with why
    queries: list[tuple[str, str]]  # (topic id, Hub search query)
    listings: list[str] = field(default_factory=list)  # topics whose listed papers are looked up on the Hub
    history: History | None = None  # the daily run's missing history (None for --date, --since, --until)

    @property
    def days(self) -> list[dt.date]:
        return [d.date for d in self.due]

    def describe(self, endpoint: str) -> list[str]:
        """The lines of ``fetch --dry-run``: every day and why (a long backfill: the first and last few)."""
        lines = []
        if not self.due:
            lines.append("dry run: no day to fetch")
        else:
            first, last = min(self.days), max(self.days)
            span = f"{first}" if first == last else f"{first} .. {last}"
            asked = f"{plural(len(self.days), 'day')} ({span}) from {endpoint}/api/daily_papers"
            lines.append(f"dry run: would fetch {asked}")
            kinds: dict[str, int] = {}
            for due in self.due:
                kind = due.why.split(":")[0]
                kinds[kind] = kinds.get(kind, 0) + 1
            lines.append("dry run: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items()))
        if self.history is not None:
            lines.append(f"dry run: {self.history.line()}")
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
    time_budget: float | None = None,
) -> FetchPlan:
    """The days and searches of a run (see ``plan_days``); ``search=False`` leaves the topics' queries out.

    The daily run (no date options) also takes on the missing history, as far as its request
    budget and ``time_budget`` (seconds) allow: recent days first, then history newest first.
    """
    today = today or feed_today()
    store = DayStore(settings.content_dir)
    due = plan_days(store, settings.start_date, today, date=date, since=since, until=until)
    queries = search_queries(load_topics(settings.topics_file)) if search else []
    listings = ListingPageStore(settings.content_dir).topic_ids() if resolve_listings else []
    if date is not None or since is not None or until is not None:
        return FetchPlan(due, queries, listings)
    budget = settings.requests_per_run or RUN_REQUESTS
    room = history_room(budget, len(due) + len(queries), time_budget)
    empty = EmptyDays(settings.content_dir).load()
    history = plan_history(store.dates(), empty, settings.start_date, today, room)
    return FetchPlan(due + history.due, queries, listings, history)


def describe_plan(plan: FetchPlan, endpoint: str) -> list[str]:
    """``plan`` in words, naming the Hub it would ask, ``endpoint`` (``fetch --dry-run``)."""
    return plan.describe(endpoint)
