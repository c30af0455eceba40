"""What an update changed in content/, as the commit message and the job summary tell it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from generator.content.changes import MAX_LISTED_DAYS, describe
from generator.model import Paper


def paper(i: int, day: dt.date, upvotes: int = 0) -> Paper:
    return Paper(id=f"2601.{i:05d}", title="t", authors=("a",), abstract="x", day=day, upvotes=upvotes)


def test_added_updated_and_moved_papers_are_told_apart():
    d1, d2 = dt.date(2026, 7, 14), dt.date(2026, 7, 15)
    before = {d1: (paper(1, d1), paper(2, d1, upvotes=3), paper(3, d1))}
    after = {d1: (paper(1, d1), paper(2, d1, upvotes=9)), d2: (paper(3, d2), paper(4, d2))}
    summary = describe(before, after)
    assert summary.papers_added == ("2601.00004",)
    # A paper that moved to a later day is updated too: its listing day changed.
    assert summary.papers_updated == ("2601.00002", "2601.00003")
    assert summary.papers_moved == ("2601.00003",) and summary.papers_lost == ()
    assert [(d.date, d.kind, d.added, d.updated) for d in summary.days] == [(d1, "updated", 0, 1), (d2, "added", 1, 1)]
    assert summary.subject() == "Update archive: 1 day added, 1 day updated; 1 paper added, 2 updated"
    assert "1 paper moved to a later day." in summary.message()


def test_a_paper_stored_nowhere_now_is_lost():
    d1 = dt.date(2026, 7, 14)
    summary = describe({d1: (paper(1, d1), paper(2, d1))}, {d1: (paper(1, d1),)})
    assert summary.papers_lost == ("2601.00002",)


def test_only_other_files_changed_is_said_so():
    summary = describe({}, {}, ("content/search/agents.json",))
    assert summary.changed and summary.subject() == "Update archive: 1 other file updated"
    assert "`content/search/agents.json`" in summary.markdown(committed=True)


def test_nothing_changed_makes_no_commit_message_body():
    summary = describe({}, {})
    assert not summary.changed and "Nothing changed: no commit." in summary.markdown(committed=False)


def test_a_long_backfill_message_stays_short():
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=i) for i in range(100)]
    summary = describe({}, {d: (paper(i, d),) for i, d in enumerate(days)})
    message = summary.message()
    assert message.splitlines()[0] == "Update archive: 100 days added; 100 papers added, 0 updated"
    assert len(message.splitlines()) < MAX_LISTED_DAYS + 10
    assert "and 70 more days" in message


def test_a_day_fetched_again_with_the_same_counts_is_refreshed_not_updated():
    d1 = dt.date(2026, 7, 14)
    morning, evening = (dt.datetime(2026, 7, 15, h, tzinfo=dt.UTC) for h in (6, 18))
    before = {d1: (dataclasses.replace(paper(1, d1, upvotes=3), fetched=morning),)}
    same = {d1: (dataclasses.replace(paper(1, d1, upvotes=3), fetched=evening),)}
    more = {d1: (dataclasses.replace(paper(1, d1, upvotes=4), fetched=evening),)}
    assert describe(before, same).subject() == "Update archive: 1 day refreshed"
    assert describe(before, more).subject() == "Update archive: 1 day updated; 0 papers added, 1 updated"
