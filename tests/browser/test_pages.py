"""The built site's main pages in a real browser: what they show, the palette, the console."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.render import paths, titles
from generator.render.mdtext import anchor_id, clean
from generator.render.organizations import collect_orgs

from .helpers import load, screenshot


def url_of(site_url: str, md_path: str) -> str:
    rel = md_path[: -len(".md")]
    rel = rel[: -len("index")] if rel.endswith("index") else rel + "/"
    return urljoin(site_url, rel)


def main_pages(archive, built_site: Path) -> dict[str, str]:
    """name → docs path of the pages a visitor sees first, and one of each kind."""
    latest = archive.latest.date
    topic = sorted((built_site / "topics").glob("*/index.html"))[0].parent.name
    # The largest topic and organization: a topic with a page per year, the busiest organization.
    big_topic = max((built_site / "topics").glob("*/"), key=lambda d: sum(1 for _ in d.rglob("index.html"))).name
    org = collect_orgs(archive.papers())[0]
    pages = {
        "home": paths.HOME,
        "day": paths.day_path(latest),
        "month": paths.month_path(latest.year, latest.month),
        "year": paths.year_path(latest.year),
        "archive": paths.ARCHIVE,
        "week": paths.week_path(*paths.iso_week(latest)),
        "this week": paths.WEEKS,
        "topics": paths.TOPICS,
        "topic": paths.topic_path(topic),
        "topic year": paths.period_path(paths.topic_path(big_topic), latest.year),
        "organizations": paths.ORGS,
        "organization": org.path,
    }
    # Hand-written pages and the other views, whichever this build has.
    for name in ("about", "stats", "trending", "top"):
        if (built_site / name / "index.html").is_file():
            pages[name] = f"{name}/index.md"
    return pages


def test_home_page_shows_the_latest_day(page, site_url, bundled_archive, console):
    latest = bundled_archive.latest
    load(page, site_url)
    article = page.locator("article.md-content__inner")
    link = article.get_by_role("link", name=titles.day_title(latest.date)).first
    assert link.is_visible()
    assert (
        urlsplit(urljoin(page.url, link.get_attribute("href"))).path
        == urlsplit(url_of(site_url, paths.day_path(latest.date))).path
    )
    # Its papers are listed, each linking to its anchor on the day page.
    for paper in latest.by_upvotes()[:5]:
        assert article.locator(f"a[href$='#{anchor_id(paper.id)}']").first.is_visible(), paper.id
    screenshot(page, "home")
    assert not console.errors


def test_a_day_page_shows_its_papers(page, site_url, bundled_archive, console):
    day = bundled_archive.days[len(bundled_archive.days) // 2]
    load(page, url_of(site_url, paths.day_path(day.date)))
    assert page.locator("article h1").first.inner_text().rstrip("#").strip() == titles.day_title(day.date)
    headings = page.locator("article h2[id]")
    shown = {h.get_attribute("id"): h.inner_text().rstrip("#").strip() for h in headings.all()}
    assert shown == {anchor_id(p.id): clean(p.title) for p in day.papers}
    assert headings.first.is_visible()
    assert page.locator("article .paper-abstract").count() == len(day.papers)
    screenshot(page, "day")
    assert not console.errors


def test_a_topic_page_lists_papers(page, site_url, built_site, bundled_archive, console):
    topic_path = main_pages(bundled_archive, built_site)["topic"]
    load(page, url_of(site_url, topic_path))
    assert page.locator("article a[href*='#']").count() > 0
    screenshot(page, "topic")
    assert not console.errors


def test_the_palette_toggle_switches_to_dark_and_back(page, site_url, console):
    load(page, site_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"  # the browser prefers light
    seen = []
    for _ in range(3):  # system → light → dark: Material's three-way toggle
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        seen.append(body.get_attribute("data-md-color-scheme"))
        if seen[-1] == "slate":
            break
    assert seen[-1] == "slate", seen
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    screenshot(page, "home-dark")
    # The choice is remembered on the next page.
    load(page, urljoin(site_url, "archive/"))
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
    assert not console.errors


MAIN_PAGES = [
    "home", "day", "month", "year", "archive", "week", "this week", "topics", "topic", "topic year",
    "organizations", "organization", "about", "stats", "trending", "top",
]  # fmt: skip


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_no_console_errors_on_the_main_pages(name, page, site_url, built_site, bundled_archive, console):
    pages = main_pages(bundled_archive, built_site)
    if name not in pages:
        pytest.skip(f"this build has no {name} page")
    load(page, url_of(site_url, pages[name]))
    page.wait_for_timeout(300)  # late requests (Material fetches sitemaps after load)
    assert not console.errors, f"{name}: {console.errors}"
