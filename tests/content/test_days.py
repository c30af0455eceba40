"""The content store: stable bytes, merging by id, nothing ever lost."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil

import pytest

from generator.content.days import DayStore
from generator.errors import ContentError
from generator.hub.saved_answers import ingest, read_answer

from ..common import ARCHIVE, HUB_ANSWERS

JULY = sorted(HUB_ANSWERS.glob("2026-07-*.json"))


def test_ingest_stores_one_file_per_listing_day(empty_store):
    report = ingest(empty_store, JULY)
    dates = empty_store.dates()
    assert [d.isoformat() + ".json" for d in dates] == [p.name for p in JULY]
    assert (
        empty_store.path_of(dt.date(2026, 7, 14)).relative_to(empty_store.root).as_posix()
        == "days/2026/2026-07-14.json"
    )
    expected_ids = {p.id for f in JULY for p in read_answer(f)}
    assert {p.id for p in empty_store.load().papers()} == expected_ids
    assert report.added == expected_ids


def test_same_data_gives_the_same_bytes(tmp_path):
    a, b = DayStore(tmp_path / "a"), DayStore(tmp_path / "b")
    ingest(a, JULY)
    ingest(b, list(reversed(JULY)))
    ingest(b, JULY)  # a second pass changes nothing
    for date in a.dates():
        assert a.path_of(date).read_bytes() == b.path_of(date).read_bytes()


def test_day_file_is_sorted_and_diff_friendly(empty_store):
    ingest(empty_store, JULY[:1])
    doc = json.loads(empty_store.path_of(empty_store.dates()[0]).read_text())
    ids = [p["id"] for p in doc["papers"]]
    assert ids == sorted(ids)
    assert empty_store.path_of(empty_store.dates()[0]).read_text().count("\n") > len(ids) * 5


def test_a_thinner_later_answer_loses_nothing(empty_store, tmp_path):
    path = HUB_ANSWERS / "2026-07-21.json"
    ingest(empty_store, [path])
    before = {p.id: p for p in empty_store.load().papers()}
    # A later answer for the same day with half the papers and more upvotes.
    items = json.loads(path.read_text())
    later = items[: len(items) // 2]
    for item in later:
        item["paper"]["upvotes"] += 100
        item["paper"].pop("githubRepo", None)
    later_path = tmp_path / "2026-07-21.json"
    later_path.write_text(json.dumps(later))
    report = ingest(empty_store, [later_path])
    after = {p.id: p for p in empty_store.load().papers()}
    assert after.keys() == before.keys()
    for item in later:
        pid = item["paper"]["id"]
        assert after[pid].upvotes == before[pid].upvotes + 100
        assert after[pid].github_repo == before[pid].github_repo
    assert report.updated == {i["paper"]["id"] for i in later}
    assert not report.added


def test_a_paper_listed_again_later_is_kept_once_on_its_latest_day(empty_store):
    ingest(empty_store, sorted(HUB_ANSWERS.glob("2026-08-*.json")))
    archive = empty_store.load()
    ids = [p.id for p in archive.papers()]
    assert len(ids) == len(set(ids))
    # 2608.12313 is listed on two days of the recorded answers.
    days = [f.stem for f in HUB_ANSWERS.glob("2026-08-*.json") if "2608.12313" in f.read_text()]
    assert len(days) == 2
    placed = [d.date.isoformat() for d in archive.days if any(p.id == "2608.12313" for p in d.papers)]
    assert placed == [max(days)]


def test_the_tests_archive_is_the_recorded_answers_ingested(empty_store):
    """tests/fixtures/archive is `ingest --fetched-at <day>T07:45:00Z` of the recorded answers, byte for byte."""
    for answer in sorted(HUB_ANSWERS.glob("2026-*.json")):
        day = dt.date.fromisoformat(answer.stem)
        ingest(empty_store, [answer], dt.datetime(day.year, day.month, day.day, 7, 45, tzinfo=dt.UTC))
    fixture = DayStore(ARCHIVE)
    assert empty_store.dates() == fixture.dates()
    assert len(fixture.dates()) == 30 and fixture.dates()[-1] == dt.date(2026, 8, 21)
    differ = [d for d in fixture.dates() if empty_store.path_of(d).read_bytes() != fixture.path_of(d).read_bytes()]
    assert not differ


def test_bad_day_file_names_the_file(tmp_path):
    store = DayStore(tmp_path)
    path = store.path_of(dt.date(2026, 7, 14))
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(ContentError) as e:
        store.load()
    assert str(path) in e.value.message and "not valid JSON" in e.value.message


def test_day_file_whose_name_and_date_disagree_is_rejected(tmp_path):
    src = DayStore(ARCHIVE)
    store = DayStore(tmp_path)
    target = store.path_of(dt.date(2026, 7, 15))
    target.parent.mkdir(parents=True)
    shutil.copy(src.path_of(dt.date(2026, 7, 14)), target)
    with pytest.raises(ContentError, match="file name says 2026-07-15 but its 'date' says 2026-07-14"):
        store.load()


def test_ingest_reads_everything_before_writing(empty_store, tmp_path):
    bad = tmp_path / "2026-07-15.json"
    bad.write_text("<html>")
    with pytest.raises(ContentError, match="not valid JSON"):
        ingest(empty_store, [JULY[0], bad])
    assert empty_store.dates() == []


def test_unchanged_day_is_not_rewritten(empty_store):
    ingest(empty_store, JULY[:2])
    path = empty_store.path_of(empty_store.dates()[0])
    mtime = path.stat().st_mtime_ns
    day = empty_store.read_day(empty_store.dates()[0])
    assert not empty_store.write_day(dataclasses.replace(day))
    assert path.stat().st_mtime_ns == mtime


def test_written_files_are_readable_by_others_and_keep_their_mode(empty_store):
    # A temporary file is private (0600); the file it becomes must not be.
    ingest(empty_store, JULY[:1])
    path = empty_store.path_of(empty_store.dates()[0])
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o664)
    day = empty_store.read_day(empty_store.dates()[0])
    richer = dataclasses.replace(day.papers[0], upvotes=day.papers[0].upvotes + 1)
    assert empty_store.write_day(dataclasses.replace(day, papers=(richer, *day.papers[1:])))
    assert path.stat().st_mode & 0o777 == 0o664
