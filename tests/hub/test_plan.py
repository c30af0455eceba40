"""The daily run's plan fills the archive's missing history: newest first, within its budget, and to the end.

The days the Hub lists are weekdays; it answers weekends with no papers. An archive fetching
every day from nothing (or with a gap, or with only recent days) must reach the whole feed since
its start through daily runs alone, each within its request budget, and stop asking once it has.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import cli
from generator.content.days import DayStore
from generator.content.empty_days import EmptyDays
from generator.errors import ContentError
from generator.hub.plan import (
    HISTORY,
    RUN_REQUESTS,
    SECONDS_PER_REQUEST,
    history_room,
    missing_days,
    plan_history,
)
from generator.hub.refresh import recent_window, refresh_plan
from generator.model import FEED_START

from ..common import HUB_ANSWERS


def listed(day: dt.date) -> bool:
    """The simulated feed: papers on weekdays, an empty answer on weekends."""
    return day.weekday() < 5


def daily_runs(start: dt.date, first_run: dt.date, runs: int, budget: int, stored: set[dt.date]) -> list[list[dt.date]]:
    """Run the daily plan ``runs`` times from ``first_run``; return each run's history days, as asked."""
    empty: set[dt.date] = set()
    histories = []
    for n in range(runs):
        today = first_run + dt.timedelta(days=n)
        due = refresh_plan(sorted(stored), start, today)
        history = plan_history(stored, empty, start, today, history_room(budget, len(due), None))
        asked = [d.date for d in due + history.due]
        assert len(asked) <= budget, f"run {n} asked {len(asked)} days"
        for day in asked:
            (stored if listed(day) else empty).add(day)
        histories.append([d.date for d in history.due])
    return histories


def test_an_empty_archive_reaches_the_whole_feed_through_daily_runs():
    today = dt.date(2026, 12, 2)
    histories = daily_runs(FEED_START, today, runs=10, budget=RUN_REQUESTS, stored=set())
    asked = [day for history in histories for day in history]
    first_window = recent_window(today)[0]
    # Every day of the feed from its first day to the recent window, once, newest first across runs.
    assert asked == [first_window - dt.timedelta(days=i) for i in range(1, (first_window - FEED_START).days + 1)]
    done = next(n for n, history in enumerate(histories) if not history)
    assert 4 <= done <= 6  # ~1,300 days at ~270 a run
    assert not any(histories[done:])  # nothing asked again: the weekends are recorded, not missing


def test_a_gap_in_the_middle_and_the_years_before_the_oldest_day_are_filled_newest_first():
    today, start = dt.date(2026, 12, 2), dt.date(2025, 1, 1)
    # Stored: most of 2026, with a hole (runs that failed) in June; nothing before March.
    stretch = (dt.date(2026, 3, 1) + dt.timedelta(days=i) for i in range(250))
    hole = {dt.date(2026, 6, 1) + dt.timedelta(days=i) for i in range(20)}
    stored = {d for d in stretch if listed(d) and d not in hole}
    histories = daily_runs(start, today, runs=12, budget=150, stored=set(stored))
    asked = [day for history in histories for day in history]
    assert asked == sorted(asked, reverse=True) and len(asked) == len(set(asked))  # newest first, each once
    assert hole <= set(histories[0])  # the hole, newer, before the months before the oldest stored day
    done = next(n for n, history in enumerate(histories) if not history)
    assert asked[-1] == start and not any(histories[done:])


@settings(deadline=None)  # timing is not what is checked: a loaded machine must not fail it
@given(
    stored=st.sets(st.dates(dt.date(2025, 1, 1), dt.date(2025, 6, 30)), max_size=60),
    empty=st.sets(st.dates(dt.date(2025, 1, 1), dt.date(2025, 6, 30)), max_size=60),
    room=st.integers(0, 200),
)
def test_the_history_is_the_newest_missing_days_never_a_known_one(stored, empty, room):
    start, today = dt.date(2025, 1, 1), dt.date(2025, 7, 15)
    history = plan_history(stored, empty, start, today, room)
    days = [d.date for d in history.due]
    last = recent_window(today)[0] - dt.timedelta(days=1)
    missing = [
        d for d in (last - dt.timedelta(days=i) for i in range((last - start).days + 1)) if d not in stored | empty
    ]
    assert days == missing[:room] and history.missing == len(missing)
    assert all(d.why == HISTORY for d in history.due)
    assert missing_days(stored, empty, start, last) == missing


def test_the_run_keeps_within_its_request_and_time_budgets():
    assert history_room(RUN_REQUESTS, 80, None) == RUN_REQUESTS - 80
    assert history_room(RUN_REQUESTS, 400, None) == 0  # a busy refresh leaves no room: never a negative count
    assert history_room(RUN_REQUESTS, 80, 10 * 60) == int(10 * 60 / SECONDS_PER_REQUEST) - 80
    assert RUN_REQUESTS <= 500 * 0.6  # well under the Hub's anonymous limit of 500 requests per 5 minutes


# -- through the command ----------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An empty archive starting 2026-06-01, with a small request budget."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: test\nextra:\n  archive:\n    content_dir: content\n    topics: content/topics.yml\n"
        "    start_date: 2026-06-01\n    requests_per_run: 50\n"
    )
    return tmp_path


def fetch(site: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(site / "mkdocs.yml"), "fetch", "--no-search", *args])


def test_the_dry_run_says_how_many_days_are_missing_and_how_many_this_run_fetches(site):
    result = fetch(site, "--dry-run", "--today", "2026-08-21")
    assert result.exit_code == 0, result.output
    # 2026-06-01 .. 2026-07-22: 52 days before the recent window; 50 requests, 30 of them for the window.
    assert "dry run: 52 days missing from 2026-06-01 to 2026-07-22; this run fetches 20 of them, newest first " \
        "(2026-07-22 .. 2026-07-03); 32 left for the next runs" in result.output  # fmt: skip
    assert "dry run: 30 new, 20 history" in result.output
    # A backfill of a range plans that range, and says nothing of the history.
    ranged = fetch(site, "--dry-run", "--since", "2026-06-01", "--until", "2026-06-05", "--today", "2026-08-21")
    assert "missing" not in ranged.output and "would fetch 5 days" in ranged.output


def test_daily_runs_against_the_hub_fill_the_history_and_stop_asking(hub, site):
    """The local Hub replays 2026-07-13 .. 2026-08-21 (and [] for any other day before it)."""
    today = dt.date(2026, 8, 21)
    window = recent_window(today)[0]
    missing = []
    for _ in range(4):
        hub.requests.clear()
        result = fetch(site, "--today", str(today))
        assert result.exit_code == 0, result.output
        assert result.output.startswith("history: ")  # in the workflow's job summary, above the run's line
        asked = {dt.date.fromisoformat(r.query["date"]) for r in hub.paths("/api/daily_papers")}
        assert len(asked) <= 50  # requests_per_run
        dry = fetch(site, "--dry-run", "--today", str(today)).output
        missing.append(int(m.group(1)) if (m := re.search(r"dry run: (\d+) days? missing", dry)) else 0)
    # 52 days before the recent window: ~20 a run beside the window's 30 and the weekly refreshes.
    assert missing[0] == 32 and missing == sorted(missing, reverse=True) and missing[-1] == 0
    assert {d for d in asked if d < window} <= set(DayStore(site / "content").dates())  # only refreshes now
    stored = {p.stem for p in (site / "content" / "days").rglob("*.json")}
    assert stored == {p.stem for p in HUB_ANSWERS.glob("2026-0[78]-*.json")}
    # Every other day from the start was answered [] and recorded once: no run asks for it again.
    empty = EmptyDays(site / "content").load()
    assert min(empty) == dt.date(2026, 6, 1) and not {d.isoformat() for d in empty} & stored
    assert "dry run: no day missing from 2026-06-01 to 2026-07-22" in dry


def test_a_day_recorded_empty_that_later_has_papers_leaves_the_record(hub, site):
    day = dt.date(2026, 7, 14)
    hub.days[day] = []
    assert fetch(site, "--date", str(day)).exit_code == 0
    assert EmptyDays(site / "content").load() == {day}
    hub.days[day] = json.loads((HUB_ANSWERS / f"{day}.json").read_text())
    assert fetch(site, "--date", str(day)).exit_code == 0
    assert EmptyDays(site / "content").load() == set()


def test_a_broken_record_of_empty_days_is_one_line_naming_it(site):
    path = site / "content" / "empty-days.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"dates": ["2026-02-30"]}')
    with pytest.raises(ContentError, match="'2026-02-30' is not a date"):
        EmptyDays(site / "content").load()
    result = CliRunner().invoke(cli, ["--config", str(site / "mkdocs.yml"), "check"])
    assert result.exit_code == 1 and f"{path}: '2026-02-30' is not a date (YYYY-MM-DD)" in result.output
