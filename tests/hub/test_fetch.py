"""`fetch` against the replaying Hub on 127.0.0.1: fills and refreshes content/, never loses a paper."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import cli
from generator.content.days import DayStore
from generator.content.empty_days import EmptyDays
from generator.content.hub_searches import HubSearchStore
from generator.errors import ContentError
from generator.hub import client as hub_client
from generator.hub.fetch import MERGE_EVERY_DAYS, run_fetch
from generator.hub.plan import plan_days
from generator.hub.refresh import DAILY_WINDOW
from generator.hub.saved_answers import ingest
from generator.model import Paper

from ..common import HUB_ANSWERS, ROOT, examples
from ..hubserver import FAKE_UTC, env_client, recorded_answers

RECORDED = recorded_answers()
JULY = [d for d in RECORDED if d.year == 2026 and d.month == 7]
FAKE_TOKEN = "hf_FakeTokenForTestsOnly0123456789abcdef"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An empty archive: mkdocs.yml, no content yet."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: test\nextra:\n  archive:\n    content_dir: content\n    topics: content/topics.yml\n"
        "    start_date: 2026-07-13\n"
    )
    return tmp_path


def run(site: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(site / "mkdocs.yml"), "fetch", *args])


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def stored_ids(site: Path) -> set[str]:
    return {p.id for p in DayStore(site / "content").load().papers()}


def ids_of(items) -> set[str]:
    return {i["paper"]["id"] for i in items}


# -- filling and refreshing -------------------------------------------------------------


def test_a_backfill_stores_exactly_what_ingesting_the_same_answers_stores(hub, site, tmp_path):
    result = run(site, "--since", "2026-07-13", "--until", "2026-07-31", "--no-search")
    assert result.exit_code == 0, result.output
    assert "19 days fetched (4 empty)" in result.output and "0 failures" in result.output
    reference = DayStore(tmp_path / "reference")
    ingest(reference, [HUB_ANSWERS / f"{d}.json" for d in JULY], fetched=FAKE_UTC)  # when the fake Hub answered
    assert snapshot(site / "content" / "days") == snapshot(reference.days_dir)
    # weekends were asked for too, and answered []: recorded, so that no run asks for them again
    assert len(hub.paths("/api/daily_papers")) == 19
    weekends = {d for d in (dt.date(2026, 7, 13) + dt.timedelta(days=i) for i in range(19)) if d.weekday() >= 5}
    assert EmptyDays(site / "content").load() == weekends


def test_fetching_twice_leaves_content_byte_identical(hub, site):
    first = run(site, "--since", "2026-07-13", "--until", "2026-08-21", "--no-search")
    assert first.exit_code == 0, first.output
    before = snapshot(site / "content")
    mtimes = {p: p.stat().st_mtime_ns for p in (site / "content").rglob("*.json")}
    second = run(site, "--since", "2026-07-13", "--until", "2026-08-21", "--no-search")
    assert second.exit_code == 0, second.output
    assert "0 papers added, 0 updated" in second.output
    assert snapshot(site / "content") == before
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes  # not even rewritten


def test_a_later_answer_missing_papers_keeps_them_and_takes_the_new_counts(hub, site):
    day = dt.date(2026, 7, 21)
    assert run(site, "--date", str(day), "--no-search").exit_code == 0
    full = RECORDED[day]
    later = copy.deepcopy(full[:5])
    for item in later:
        item["paper"]["upvotes"] += 100
    hub.days[day] = later
    result = run(site, "--date", str(day), "--no-search")
    assert result.exit_code == 0, result.output
    assert "0 papers added, 5 updated" in result.output
    stored = {p.id: p for p in DayStore(site / "content").read_day(day).papers}
    assert set(stored) == ids_of(full)
    for item in later:
        assert stored[item["paper"]["id"]].upvotes == item["paper"]["upvotes"]


def test_duplicates_within_one_answer_are_stored_once(hub, site):
    day = dt.date(2026, 7, 15)
    items = RECORDED[day]
    bumped = copy.deepcopy(items[0])
    bumped["paper"]["upvotes"] += 7
    hub.days[day] = [items[0], *items, bumped]
    assert run(site, "--date", str(day), "--no-search").exit_code == 0
    papers = DayStore(site / "content").read_day(day).papers
    assert sorted(p.id for p in papers) == sorted(ids_of(items))
    assert {p.id: p.upvotes for p in papers}[bumped["paper"]["id"]] == bumped["paper"]["upvotes"]


def test_a_paper_listed_again_on_a_later_day_is_kept_once_on_that_day(hub, site):
    first, later = dt.date(2026, 7, 14), dt.date(2026, 7, 15)
    moved = copy.deepcopy(RECORDED[first][0])
    moved["paper"]["submittedOnDailyAt"] = "2026-07-15T09:00:00.000Z"
    hub.days[later] = [*RECORDED[later], moved]
    result = run(site, "--since", str(first), "--until", str(later), "--no-search")
    assert result.exit_code == 0, result.output
    store = DayStore(site / "content")
    assert moved["paper"]["id"] not in {p.id for p in store.read_day(first).papers}
    assert moved["paper"]["id"] in {p.id for p in store.read_day(later).papers}
    assert stored_ids(site) == ids_of(RECORDED[first]) | ids_of(RECORDED[later])


def test_items_missing_required_fields_are_skipped_and_counted(hub, site, caplog):
    day = dt.date(2026, 7, 16)
    broken = copy.deepcopy(RECORDED[day][:2])
    del broken[0]["paper"]["title"], broken[0]["title"]
    del broken[1]["paper"]["summary"], broken[1]["summary"]  # an empty one is a paper without an abstract
    hub.days[day] = [*broken, *RECORDED[day][2:]]
    result = run(site, "--date", str(day), "--no-search")
    assert result.exit_code == 0, result.output
    assert "2 items skipped" in result.output
    assert stored_ids(site) == ids_of(RECORDED[day][2:])
    assert "2026-07-16: item #1" in caplog.text and "'title'" in caplog.text
    assert "2026-07-16: item #2" in caplog.text and "'summary'" in caplog.text


def test_the_next_day_is_not_available_yet_and_that_is_fine(hub, site):
    hub.today = dt.date(2026, 8, 20)
    result = run(site, "--since", "2026-08-19", "--until", "2026-08-21", "--no-search")
    assert result.exit_code == 0, result.output
    assert "2 days fetched (0 empty), 1 not available yet" in result.output
    assert not DayStore(site / "content").path_of(dt.date(2026, 8, 21)).exists()


def test_large_day_over_two_pages(hub, site):
    day = dt.date(2026, 8, 18)
    hub.days[day] = copy.deepcopy(RECORDED[day] + RECORDED[dt.date(2026, 8, 19)])
    for item in hub.days[day]:
        del item["paper"]["submittedOnDailyAt"]  # as in the 2024 schema: the listing day is the day asked for
    assert run(site, "--date", str(day), "--no-search").exit_code == 0
    assert len(DayStore(site / "content").read_day(day).papers) == 55
    assert [r.query["p"] for r in hub.requests] == ["0", "1"]


# -- faults: the run goes on, saves what worked, exits non-zero, loses nothing ------------------------


@pytest.mark.parametrize("fault", ["html", "truncated", "500-forever", "object"])
def test_a_bad_day_keeps_its_stored_file_and_the_other_days_are_saved(hub, site, fault):
    bad = dt.date(2026, 7, 22)
    assert run(site, "--date", str(bad), "--no-search").exit_code == 0
    stored = DayStore(site / "content").path_of(bad).read_bytes()
    for item in hub.days[bad]:
        item["paper"]["upvotes"] += 1  # a good answer would change the file
    hub.bad_answer(bad, fault)
    result = run(site, "--since", "2026-07-20", "--until", "2026-07-24", "--no-search")
    assert result.exit_code == 1
    assert "4 days fetched" in result.output and "1 failures" in result.output
    assert "failed: 2026-07-22 (GET http://127.0.0.1:" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("Error: 1 failed (of 5 days and 0 searches)")
    assert "Traceback" not in result.output
    assert DayStore(site / "content").path_of(bad).read_bytes() == stored
    for day in (dt.date(2026, 7, 20), dt.date(2026, 7, 21), dt.date(2026, 7, 23), dt.date(2026, 7, 24)):
        assert {p.id for p in DayStore(site / "content").read_day(day).papers} == ids_of(RECORDED[day])


def test_429_and_500_then_success_are_absorbed(hub, site, hub_clock):
    hub.rate_limited(dt.date(2026, 7, 13), retry_after=30)
    hub.error(dt.date(2026, 7, 14), 502, times=2)
    result = run(site, "--since", "2026-07-13", "--until", "2026-07-14", "--no-search")
    assert result.exit_code == 0, result.output
    assert "0 failures" in result.output
    assert stored_ids(site) == ids_of(RECORDED[dt.date(2026, 7, 13)]) | ids_of(RECORDED[dt.date(2026, 7, 14)])
    assert max(hub_clock.sleeps) >= 30


def test_the_token_never_reaches_output_logs_or_content(hub, site, monkeypatch, caplog):
    monkeypatch.setenv("HF_TOKEN", FAKE_TOKEN)
    hub.error(dt.date(2026, 7, 14), 500, times=10)
    hub.error(dt.date(2026, 7, 15), 403)
    result = CliRunner().invoke(
        cli, ["--config", str(site / "mkdocs.yml"), "-v", "fetch", "--since", "2026-07-13", "--until", "2026-07-16"]
    )
    assert result.exit_code == 1
    assert "refused the token in HF_TOKEN" in result.output
    assert all(r.headers.get("Authorization") == f"Bearer {FAKE_TOKEN}" for r in hub.requests)
    assert FAKE_TOKEN not in result.output and FAKE_TOKEN not in caplog.text
    for path in (site / "content").rglob("*"):
        if path.is_file():
            assert FAKE_TOKEN.encode() not in path.read_bytes()


# -- the command -----------------------------------------------------------------------


def test_dry_run_requests_nothing_and_writes_nothing(hub, site):
    result = run(site, "--dry-run", "--since", "2026-07-13", "--until", "2026-08-21")
    assert result.exit_code == 0, result.output
    assert "would fetch 40 days (2026-07-13 .. 2026-08-21)" in result.output and hub.url in result.output
    assert hub.requests == []
    assert not (site / "content").exists()


def test_the_daily_run_refreshes_the_last_month_and_asks_for_the_new_days(hub, project):
    # The bundled content ends 2026-08-21 (its first day is 2026-07-13); the replayed feed ends there too (400 after).
    config = ["--config", str(project / "mkdocs.yml")]
    today = dt.date(2026, 8, 23)
    result = CliRunner().invoke(cli, [*config, "fetch", "--no-search", "--today", str(today)])
    assert result.exit_code == 0, result.output
    asked = {dt.date.fromisoformat(r.query["date"]) for r in hub.paths("/api/daily_papers")}
    stored = set(DayStore(project / "content").dates())
    recent = {d for d in stored if (today - d).days < DAILY_WINDOW}
    assert recent <= asked  # every stored day of the last 30 days
    assert {dt.date(2026, 8, 22), today} <= asked  # the days after the newest stored one
    assert len(stored - recent - asked) >= len(stored - recent) - 1  # older days: only those due this weekday
    assert "0 papers added" in result.output and "2 not available yet" in result.output
    # Every refreshed day now says when its counts were fetched; a second run at that time changes nothing.
    days = {d.date: d for d in DayStore(project / "content").load().days}
    assert {d for d in asked if d in days and days[d].fetched == FAKE_UTC} == asked & set(days)
    again = CliRunner().invoke(cli, [*config, "fetch", "--no-search", "--today", str(today)])
    assert "0 papers added, 0 updated" in again.output


def test_plan_days(tmp_path):
    store = DayStore(tmp_path)
    start, today = dt.date(2023, 5, 4), dt.date(2026, 7, 20)
    # Nothing stored: the recent window (older days are the missing history: tests/hub/test_plan.py).
    assert plan_days(store, start, today)[0].date == today - dt.timedelta(days=DAILY_WINDOW - 1)
    ingest(store, [HUB_ANSWERS / "2026-07-14.json"])
    planned = {d.date: d.why for d in plan_days(store, start, today)}
    assert list(planned) == [today - dt.timedelta(days=i) for i in reversed(range(DAILY_WINDOW))]
    assert planned[dt.date(2026, 7, 14)] == "daily: listed 6 days ago"
    assert planned[dt.date(2026, 7, 13)] == "daily: nothing stored that day"  # a weekend, say: asked while recent
    assert planned[dt.date(2026, 7, 15)] == planned[today] == "new: nothing stored yet"
    assert [d.date for d in plan_days(store, start, today, date=dt.date(2024, 6, 12))] == [dt.date(2024, 6, 12)]
    assert len(plan_days(store, start, today, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31))) == 366
    with pytest.raises(Exception, match="after today"):
        plan_days(store, start, today, until=dt.date(2026, 7, 21))
    with pytest.raises(Exception, match="cannot be combined"):
        plan_days(store, start, today, date=today, since=today)


def test_progress_bar_and_summary(hub, site):
    result = run(site, "--since", "2026-07-13", "--until", "2026-07-24", "--no-search", "--progress")
    assert result.exit_code == 0, result.output
    assert "papers=" in result.stderr and "requests=" in result.stderr
    assert result.stdout.strip().startswith("fetch: 12 days fetched (2 empty), ")


# -- topic searches ---------------------------------------------------------------------


def test_topic_queries_are_fetched_and_stored_without_losing_results(hub, site):
    (site / "content").mkdir()
    (site / "content" / "topics.yml").write_text(
        "topics:\n  - id: agents\n    title: Agents\n    include: [agent]\n    queries: [LLM agents, tool use]\n"
    )
    day = dt.date(2026, 7, 14)
    listed = RECORDED[day][:3]
    unlisted = copy.deepcopy(RECORDED[dt.date(2024, 6, 12)][:2])  # no submittedOnDailyAt: never on Daily Papers
    hub.search["LLM agents"] = [*listed, *unlisted]
    hub.search["tool use"] = listed[:1]
    result = run(site, "--date", str(dt.date(2026, 7, 18)))
    assert result.exit_code == 0, result.output
    assert "2 searches (6 results)" in result.output
    searched = HubSearchStore(site / "content")
    stored = searched.load("agents")
    assert {p.id for p in stored["LLM agents"]} == ids_of(listed) | ids_of(unlisted)
    assert {p.id for p in stored["tool use"]} == ids_of(listed[:1])
    assert stored_ids(site) == ids_of(listed)  # listed papers join their day too
    assert all(p.day == day for p in DayStore(site / "content").read_day(day).papers)
    before = (site / "content" / "search" / "agents.json").read_bytes()
    hub.search["LLM agents"] = listed[:1]  # a later, smaller answer
    assert run(site, "--date", "2026-07-18").exit_code == 0
    assert (site / "content" / "search" / "agents.json").read_bytes() == before
    assert {p.id for p in searched.papers("agents")} == ids_of(listed) | ids_of(unlisted)
    assert run(site, "--date", "2026-07-18", "--no-search").exit_code == 0
    assert len(hub.paths("/api/papers/search")) == 4


# -- killed mid-run ------------------------------------------------------------------------


@pytest.mark.site  # a real fetch in a child process, killed many times
def test_a_fetch_killed_at_random_moments_leaves_every_file_valid_and_loses_nothing(hub, project):
    """SIGKILL a real `python -m generator fetch` process, several times, at random moments."""
    env = {**os.environ, "HF_ENDPOINT": hub.url, "PYTHONPATH": str(ROOT)}
    env.pop("HF_TOKEN", None)
    content = project / "content"
    before = stored_ids(project)
    rng = random.Random(20260714)
    # 101 days: one batch merge after day 100 (MERGE_EVERY_DAYS) rewrites every stored day, one more
    # merges the last day; a slow Hub makes the run long enough to be killed before, during and after.
    since, until = dt.date(2026, 8, 21) - dt.timedelta(days=MERGE_EVERY_DAYS), dt.date(2026, 8, 21)
    hub.latency = 0.02
    killed_running = 0
    for round_ in range(6):
        for items in hub.days.values():  # a changed answer: every day file gets rewritten
            for item in items:
                item["paper"]["upvotes"] += 1
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "--config", str(project / "mkdocs.yml"), "fetch",
             "--since", str(since), "--until", str(until), "--no-search", "--no-progress"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.5, 4.0))
        killed_running += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        store = DayStore(content)
        for date in store.dates():
            json.loads(store.path_of(date).read_bytes())
        assert stored_ids(project) >= before, f"round {round_}: papers lost"
    assert killed_running >= 3  # most kills hit a running fetch, not a finished one
    # and a run that is left alone completes the refresh
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(project / "mkdocs.yml"), "fetch",
         "--since", "2026-07-13", "--until", "2026-08-21", "--no-search"],
        cwd=project, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert stored_ids(project) == before
    sample = dt.date(2026, 7, 14)
    stored = {p.id: p.upvotes for p in DayStore(content).read_day(sample).papers}
    assert stored == {i["paper"]["id"]: i["paper"]["upvotes"] for i in hub.days[sample]}


# -- properties --------------------------------------------------------------------------


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.lists(
        st.lists(st.tuples(st.integers(0, len(RECORDED[dt.date(2026, 7, 21)]) - 1), st.integers(0, 500)), max_size=8),
        min_size=1,
        max_size=4,
    )
)
def test_any_sequence_of_answers_loses_no_paper_and_repeats_change_nothing(hub, answers):
    """Each answer is some of the day's papers (repeats allowed) with any upvotes."""
    day = dt.date(2026, 7, 21)
    with tempfile.TemporaryDirectory() as tmp:
        store = DayStore(Path(tmp))
        client = env_client()
        seen: set[str] = set()
        for answer in answers:
            items = []
            for index, upvotes in answer:
                item = copy.deepcopy(RECORDED[day][index])
                item["paper"]["upvotes"] = upvotes
                items.append(item)
            hub.days[day] = items
            summary = run_fetch(client, store, [day])
            assert not summary.failures
            seen |= ids_of(items)
            assert stored_ids_of(store) == seen
            before = snapshot(store.root)
            again = run_fetch(client, store, [day])
            assert not again.merged.added and not again.merged.updated
            assert snapshot(store.root) == before


def stored_ids_of(store: DayStore) -> set[str]:
    return {p.id for p in store.load().papers()}


def test_a_broken_search_file_is_reported_with_its_name(tmp_path):
    searched = HubSearchStore(tmp_path)
    searched.dir.mkdir(parents=True)
    searched.path_of("agents").write_text('{"topic": "agents", "queries": {"x": [{"id": "1"}]}')
    with pytest.raises(ContentError) as e:
        searched.load("agents")
    assert str(searched.path_of("agents")) in e.value.message and "not valid JSON" in e.value.message
    with pytest.raises(ContentError):
        searched.path_of("../escape")


@pytest.mark.serial
def test_a_day_that_never_answers_fails_alone_and_keeps_its_papers(hub, site, monkeypatch):
    bad = dt.date(2026, 7, 21)
    assert run(site, "--date", str(bad), "--no-search").exit_code == 0
    stored = DayStore(site / "content").path_of(bad).read_bytes()
    monkeypatch.setattr(hub_client, "MAX_ATTEMPTS", 2)
    hub.hang(bad, seconds=3, times=2)
    store = DayStore(site / "content")
    days = [bad - dt.timedelta(days=1), bad, bad + dt.timedelta(days=1)]
    summary = run_fetch(env_client(timeout=(2.0, 0.2)), store, days)
    (failure,) = summary.failures
    assert failure.startswith("2026-07-21 (GET ") and "timed out" in failure
    assert store.path_of(bad).read_bytes() == stored
    assert stored_ids_of(store) == set().union(*(ids_of(RECORDED[d]) for d in days))


def test_counts_converge_to_the_newest_snapshot_whatever_arrives_late(hub, site, tmp_path, hub_clock):
    day = dt.date(2026, 7, 22)
    paper_id = RECORDED[day][0]["paper"]["id"]
    hub.days[day][0]["paper"]["upvotes"] = 90  # the Hub now, fetched at FAKE_UTC
    assert run(site, "--date", str(day), "--no-search").exit_code == 0
    # Saved answers arrive late: one of the same day saved earlier, one of the day before listing it too.
    earlier = copy.deepcopy(RECORDED[day])
    earlier[0]["paper"]["upvotes"] = 7
    saved = tmp_path / f"{day}.json"
    saved.write_text(json.dumps(earlier))
    before = copy.deepcopy(earlier[:1])
    before[0]["paper"]["submittedOnDailyAt"] = f"{day - dt.timedelta(days=1)}T00:00:00.000Z"
    saved_before = tmp_path / "2026-07-21.json"
    saved_before.write_text(json.dumps(before))
    config = ["--config", str(site / "mkdocs.yml")]
    for args in (["--fetched-at", "2026-07-23T08:00:00Z", str(saved)], [str(saved_before)]):
        assert CliRunner().invoke(cli, [*config, "ingest", *args]).exit_code == 0

    def stored() -> Paper:
        return next(p for p in DayStore(site / "content").load().papers() if p.id == paper_id)

    assert (stored().upvotes, stored().day, stored().fetched) == (90, day, FAKE_UTC)
    # The next refresh sees more upvotes: they win, at the new time.
    hub.days[day][0]["paper"]["upvotes"] = 95
    hub_clock.sleep(3600)
    assert run(site, "--date", str(day), "--no-search").exit_code == 0
    assert (stored().upvotes, stored().fetched) == (95, FAKE_UTC + dt.timedelta(hours=1))
