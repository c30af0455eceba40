"""Rendering: byte-exact golden pages and deterministic output."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from generator.content.topics import load_topics
from generator.render import paths, titles
from generator.render.generate import render_pages, write_pages
from generator.render.site_data import derive_site_data

from ..common import ARCHIVE_TOPICS, assert_golden

CHOSEN = {
    "day-2026-07-14.md": paths.day_path(dt.date(2026, 7, 14)),
    "month-2026-07.md": paths.month_path(2026, 7),
    "topic-entropy.md": paths.topic_path("entropy"),
    "topic-agents.md": paths.topic_path("agents"),  # a large topic: latest, top, and a page per year
    "org-tencent.md": paths.org_path("tencent"),
    "home.md": paths.HOME,
}


@pytest.mark.parametrize("golden,page", sorted(CHOSEN.items()))
def test_golden_pages(bundled_pages, golden, page, update_golden):
    assert_golden(golden, bundled_pages[page], update_golden)


def test_rendering_is_deterministic(bundled_pages, bundled_archive):
    assert render_pages(derive_site_data(bundled_archive, load_topics(ARCHIVE_TOPICS))) == bundled_pages


def test_every_day_month_year_and_topic_has_a_page(bundled_pages, bundled_archive):
    topics = load_topics(ARCHIVE_TOPICS)
    for day in bundled_archive.days:
        assert paths.day_path(day.date) in bundled_pages
        assert paths.month_path(day.date.year, day.date.month) in bundled_pages
        assert paths.year_path(day.date.year) in bundled_pages
    for topic in topics:
        assert paths.topic_path(topic.id) in bundled_pages


def test_write_pages_rewrites_only_changes_and_removes_stale(tmp_path, bundled_pages):
    first = write_pages(tmp_path, bundled_pages)
    assert first.written == len(bundled_pages)
    again = write_pages(tmp_path, bundled_pages)
    assert again.written == 0 and again.unchanged == len(bundled_pages)
    fewer = {k: v for k, v in bundled_pages.items() if k != paths.topic_path("entropy")}
    report = write_pages(tmp_path, fewer)
    assert report.removed == 1 and not (tmp_path / paths.topic_path("entropy")).exists()


def test_a_day_page_says_when_its_counts_were_fetched(bundled_archive):
    from generator.render.pages.day import counts_as_of

    day = bundled_archive.days[0]
    assert counts_as_of(day) == f"counts as of {titles.short_date(day.date)}, 07:45 UTC"  # content/README.md
    unknown = dataclasses.replace(day, papers=tuple(dataclasses.replace(p, fetched=None) for p in day.papers))
    assert counts_as_of(unknown) == "counts as saved on the day (fetch time not recorded)"
