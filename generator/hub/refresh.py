"""Which listing days the daily run fetches again, so that stored counts stay close to the Hub's.

A paper's upvotes and comments keep growing for one to two weeks after it is
listed, and slowly after that. The daily run (``fetch`` with no date options)
therefore asks again for

* every day of the last ``DAILY_WINDOW`` days, every day: their counts are at
  most one day old;
* every day of the last ``WEEKLY_WINDOW`` days once a week: at most 7 days old;
* every older day once every ``MONTHLY_PERIOD`` days: at most 30 days old;

plus every day of the recent window with nothing stored (new days, and
weekends: asked while they are recent). Older days with nothing stored are the
archive's missing history, which the run fills with what is left of its request
budget (``plan.plan_history``). The weekly and monthly
refreshes are spread over the week and the month by the day's own date
(``date.toordinal() % period``), so each run asks for about the same number of
days, and a day is never left out: it is due exactly once in every period.

At the feed's size in 2026 (about 930 listing days, weekdays since 2023-05-04)
that is 57 to 80 days a run (tests/hub/test_refresh.py counts them over a
month of runs), one request each for most days, well within the Hub's
anonymous limit of 500 requests per 5 minutes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

DAILY_WINDOW = 30  # counts still move every day for a week or two: refresh the last month daily
WEEKLY_WINDOW = 180  # then slowly for months: weekly up to half a year
WEEKLY_PERIOD = 7
MONTHLY_PERIOD = 30  # everything older: once a month


@dataclass(frozen=True)
class Due:
    """One day a run fetches, and why."""

    date: dt.date
    why: str


def staleness(age_days: int) -> int:
    """How many days old the stored counts of a day listed ``age_days`` ago can be, at most."""
    if age_days < DAILY_WINDOW:
        return 1
    return WEEKLY_PERIOD if age_days < WEEKLY_WINDOW else MONTHLY_PERIOD


def recent_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the window that the daily run asks for every day."""
    return today - dt.timedelta(days=DAILY_WINDOW - 1), today


def refresh_plan(stored: Sequence[dt.date], start: dt.date, today: dt.date) -> list[Due]:
    """The days the daily run refreshes on ``today``, oldest first, each with why.

    ``stored`` are the listing days in the store; ``start`` is the first day of
    the feed (nothing before it is asked for). Every day of the recent window is
    asked; a stored day before it when due by its age.
    """
    newest = max(stored, default=None)
    first_new = newest + dt.timedelta(days=1) if newest else start
    due: list[Due] = []
    for date in sorted(d for d in stored if start <= d <= today):
        age = (today - date).days
        if age < DAILY_WINDOW:
            due.append(Due(date, f"daily: listed {age} days ago"))
        elif age < WEEKLY_WINDOW:
            if date.toordinal() % WEEKLY_PERIOD == today.toordinal() % WEEKLY_PERIOD:
                due.append(Due(date, f"weekly: listed {age} days ago"))
        elif date.toordinal() % MONTHLY_PERIOD == today.toordinal() % MONTHLY_PERIOD:
            due.append(Due(date, f"monthly: listed {age} days ago"))
    # Recent days with nothing stored (new days, weekends, a failed run): asked each run.
    known = {d.date for d in due} | set(stored)
    day = max(start, recent_window(today)[0])
    while day <= today:
        if day not in known:
            due.append(Due(day, "new: nothing stored yet" if day >= first_new else "daily: nothing stored that day"))
        day += dt.timedelta(days=1)
    return sorted(due, key=lambda d: d.date)
