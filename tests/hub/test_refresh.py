"""The daily refresh: which stored days each run asks for, so every count stays as fresh as promised."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.hub.refresh import (
    DAILY_WINDOW,
    MONTHLY_PERIOD,
    WEEKLY_PERIOD,
    WEEKLY_WINDOW,
    refresh_plan,
    staleness,
)

from ..common import examples

START = dt.date(2023, 5, 4)  # the feed's first day


def weekdays(first: dt.date, last: dt.date) -> list[dt.date]:
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if d.weekday() < 5]


def test_the_documented_staleness_at_each_age():
    # README: "at most one day stale up to 30 days, a week up to 180 days, a month after that".
    assert [staleness(age) for age in (0, 1, 7, 29, 30, 179, 180, 1000)] == [1, 1, 1, 1, 7, 7, 30, 30]


@settings(max_examples=examples(10), deadline=None)
@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 1, 1)))
def test_every_stored_day_is_refreshed_as_often_as_its_age_promises(first_run):
    """Three months of daily runs over a full archive: between two fetches of a day, never more days than promised."""
    stored = weekdays(START, first_run)
    last_fetched: dict[dt.date, dt.date] = {}
    worst: dict[int, int] = {}
    for i in range(3 * MONTHLY_PERIOD):
        today = first_run + dt.timedelta(days=i)
        due = refresh_plan(stored, START, today)
        assert len({d.date for d in due}) == len(due)  # each day once
        for d in due:
            last_fetched[d.date] = today
        if i < MONTHLY_PERIOD:
            continue  # every day has been due once by now
        for day in stored:
            age = (today - day).days
            gap = (today - last_fetched[day]).days + 1  # stale by the end of today
            assert gap <= staleness(age), (day, today, gap)
            worst[staleness(age)] = max(worst.get(staleness(age), 0), gap)
    assert worst == {7: WEEKLY_PERIOD, 30: MONTHLY_PERIOD}  # the promise is also what happens (no 1-day ages stored)


def test_a_run_over_the_whole_feed_asks_for_about_ninety_days():
    today = dt.date(2026, 11, 29)
    stored = weekdays(START, today - dt.timedelta(days=1))
    sizes = [len(refresh_plan(stored, START, today + dt.timedelta(days=i))) for i in range(MONTHLY_PERIOD)]
    # 30 daily (weekends included: a day with nothing stored is asked while recent), 150/7 weekly, the rest /30.
    expected = DAILY_WINDOW + (WEEKLY_WINDOW - DAILY_WINDOW) * 5 / 7 / WEEKLY_PERIOD + len(stored) / MONTHLY_PERIOD
    assert max(sizes) < 1.2 * expected and min(sizes) > 0.8 * expected - DAILY_WINDOW
    print(f"days asked per run over a month: {min(sizes)}–{max(sizes)} (expected about {expected:.0f})")


def test_new_days_and_the_reason_for_each_day():
    stored = weekdays(dt.date(2026, 1, 1), dt.date(2026, 8, 21))
    plan = {d.date: d.why for d in refresh_plan(stored, START, dt.date(2026, 8, 24))}
    assert plan[dt.date(2026, 8, 24)] == plan[dt.date(2026, 8, 22)] == "new: nothing stored yet"
    assert plan[dt.date(2026, 8, 21)] == "daily: listed 3 days ago"
    weekly = [d for d, why in plan.items() if why.startswith("weekly")]
    monthly = [d for d, why in plan.items() if why.startswith("monthly")]
    assert weekly and all(DAILY_WINDOW <= (dt.date(2026, 8, 24) - d).days < WEEKLY_WINDOW for d in weekly)
    assert len({d.weekday() for d in weekly}) == 1  # spread by the day's own date: one weekday a week
    assert all((dt.date(2026, 8, 24) - d).days >= WEEKLY_WINDOW for d in monthly)


def test_with_nothing_stored_the_run_is_a_backfill_from_the_feed_start():
    plan = refresh_plan([], START, dt.date(2023, 6, 1))
    assert [d.date for d in plan] == [START + dt.timedelta(days=i) for i in range(29)]
    assert {d.why for d in plan} == {"new: nothing stored yet"}
