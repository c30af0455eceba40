"""Rendering: byte-exact golden pages and deterministic output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import paths
from generator.generate import render_pages, write_pages
from generator.topics import load_topics

from .conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
CHOSEN = {
    "day-2026-07-14.md": paths.day_page(dt.date(2026, 7, 14)),
    "month-2026-07.md": paths.month_page(2026, 7),
    "topic-entropy.md": paths.topic_page("entropy"),
    "home.md": paths.HOME,
}


@pytest.fixture(scope="module")
def pages(bundled_archive):
    return render_pages(bundled_archive, load_topics(ROOT / "content" / "topics.yml"))


@pytest.mark.parametrize("golden,page", sorted(CHOSEN.items()))
def test_golden_pages(pages, golden, page, update_golden):
    """Byte-exact: a change in rendering shows up as a reviewable diff of tests/golden/.

    After an intended change: pytest tests/test_pages.py --update-golden, then read the diff.
    """
    path = GOLDEN / golden
    if update_golden:
        path.write_text(pages[page], encoding="utf-8")
    assert pages[page] == path.read_text(encoding="utf-8")


def test_rendering_is_deterministic(bundled_archive):
    topics = load_topics(ROOT / "content" / "topics.yml")
    assert render_pages(bundled_archive, topics) == render_pages(bundled_archive, topics)


def test_every_day_month_year_and_topic_has_a_page(pages, bundled_archive):
    topics = load_topics(ROOT / "content" / "topics.yml")
    for day in bundled_archive.days:
        assert paths.day_page(day.date) in pages
        assert paths.month_page(day.date.year, day.date.month) in pages
        assert paths.year_page(day.date.year) in pages
    for topic in topics:
        assert paths.topic_page(topic.id) in pages


def test_write_pages_rewrites_only_changes_and_removes_stale(tmp_path, pages):
    first = write_pages(tmp_path, pages)
    assert first.written == len(pages)
    again = write_pages(tmp_path, pages)
    assert again.written == 0 and again.unchanged == len(pages)
    fewer = {k: v for k, v in pages.items() if k != paths.topic_page("entropy")}
    report = write_pages(tmp_path, fewer)
    assert report.removed == 1 and not (tmp_path / paths.topic_page("entropy")).exists()
