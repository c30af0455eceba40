"""Where each page lives, and that its URL is the one MkDocs gives it."""

from __future__ import annotations

import datetime as dt

import pytest
from mkdocs.structure.files import File

from generator.render import paths

EVERY_KIND = [
    paths.HOME,
    paths.ARCHIVE,
    paths.TOPICS,
    paths.TRENDING,
    paths.day_path(dt.date(2026, 7, 14)),
    paths.month_path(2026, 7),
    paths.year_path(2026),
    paths.topic_path("diffusion-models"),
    paths.week_path(2026, 29),
    paths.WEEKS,
    paths.ORGS,
    paths.orgs_index_path(2),
    paths.org_path("tencent-hunyuan"),
    paths.period_path(paths.topic_path("agents"), 2026),
    paths.period_path(paths.topic_path("agents"), 2026, 7),
    paths.period_path(paths.topic_path("agents"), None),
    paths.period_path(paths.org_path("tencent"), 2025),
    paths.permalink_path("2607"),
    paths.feed_path("latest.rss.xml"),
    paths.feed_path("topics/entropy.json"),
]


@pytest.mark.parametrize("path", EVERY_KIND)
def test_page_url_is_the_url_mkdocs_serves_the_page_at(path, tmp_path):
    # MkDocs' own File (directory URLs, as mkdocs.yml sets): the link checker and the feeds rely on it.
    mkdocs_url = File(path, str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True).url
    assert paths.page_url(path) == ("" if mkdocs_url == "./" else mkdocs_url)


@pytest.mark.parametrize("path", EVERY_KIND)
def test_every_generated_page_is_below_a_root_the_generator_owns(path):
    # generate removes stale pages only below these roots: a hand-written page is never touched.
    assert path.split("/", 1)[0] in paths.GENERATED_ROOTS


def test_days_sit_under_their_month_and_sort_by_date():
    days = [dt.date(2026, 7, 14), dt.date(2026, 7, 2), dt.date(2025, 12, 31)]
    assert paths.day_path(days[0]) == "archive/2026/07/14.md"
    assert sorted(paths.day_path(d) for d in days) == [paths.day_path(d) for d in sorted(days)]


def test_iso_weeks_start_on_monday_and_can_belong_to_the_next_year():
    assert paths.iso_week(dt.date(2025, 12, 29)) == (2026, 1)
    assert paths.iso_week(dt.date(2026, 7, 19)) == (2026, 29)  # a Sunday
    assert paths.iso_week(dt.date(2026, 7, 20)) == (2026, 30)  # the next Monday
    assert paths.week_path(2026, 1) == "weeks/2026-W01.md"


def test_a_collections_pages_sit_beside_its_landing_page():
    landing = paths.topic_path("agents")
    assert paths.page_url(landing) == "topics/agents/"
    assert paths.page_url(paths.period_path(landing, 2026)) == "topics/agents/2026/"
    assert paths.page_url(paths.period_path(landing, 2026, 7)) == "topics/agents/2026/07/"
    assert paths.page_url(paths.period_path(landing, None)) == "topics/agents/undated/"
    assert paths.orgs_index_path(1) == paths.ORGS == "orgs/index.md"
