"""Part B's views in a real browser: feeds found and valid, permalinks, charts in both palettes."""

from __future__ import annotations

from urllib.parse import urljoin

import feedparser
import pytest

from generator.render import paths

from .helpers import load, screenshot

VIEWS = {"trending": "trending/", "top": "top/", "stats": "stats/", "week": "weeks/2026-W29/"}


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_views_load_without_console_errors(name, page, console, site_url):
    load(page, urljoin(site_url, VIEWS[name]))
    assert page.locator("article h1").count() == 1
    assert not console.errors, f"{name}: {console.errors}"


def test_discovered_feeds_validate_and_link_into_the_site(page, console, site_url):
    load(page, urljoin(site_url, "topics/entropy/"))
    feeds = page.evaluate("[...document.querySelectorAll('head link[rel=alternate]')].map(l => [l.type, l.href])")
    assert {t for t, _ in feeds} == {"application/rss+xml", "application/atom+xml", "application/feed+json"}
    assert len(feeds) == 6  # the latest papers and this topic, three formats each
    for kind, href in feeds:
        body = page.evaluate("url => fetch(url).then(r => r.ok ? r.text() : 'HTTP ' + r.status)", href)
        if kind == "application/feed+json":
            assert '"version": "https://jsonfeed.org/version/1.1"' in body
            continue
        parsed = feedparser.parse(body)
        assert not parsed.bozo, (href, parsed.get("bozo_exception"))
        assert parsed.entries, href
        first = parsed.entries[0].link
        assert first.startswith(site_url), first  # absolute links to this very site
    # The first entry's link opens its paper on the day page.
    load(page, first)
    anchor = first.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").is_visible()
    assert not console.errors


def test_a_permalink_leads_to_the_paper(page, console, site_url, bundled_archive):
    paper = bundled_archive.latest.by_upvotes()[0]
    day_url = urljoin(site_url, paths.day_path(paper.day)[: -len(".md")] + "/")
    load(page, day_url)
    link = page.locator(
        f"xpath=//h2[@id='{paper.id}']/following-sibling::div[1]//p[contains(@class,'paper-links')]//a[@class='paper-permalink']"
    )
    short = link.evaluate("a => a.href")
    assert short == urljoin(site_url, f"p/{paper.id[:4]}/#{paper.id}")
    load(page, short)
    page.wait_for_url(f"{day_url}#{paper.id}")
    assert page.locator(f"[id='{paper.id}']").is_visible()
    assert not console.errors


def test_charts_follow_the_light_and_dark_palettes(browser, site_url):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        tab = context.new_page()
        load(tab, urljoin(site_url, "stats/"))
        charts = tab.locator("figure.chart svg")
        assert charts.count() == 4
        for i in range(4):
            box = charts.nth(i).bounding_box()
            assert box and box["width"] > 300 and box["height"] > 100
        colours[scheme] = charts.first.evaluate("s => getComputedStyle(s).color")
        screenshot(tab, f"stats-{scheme}")
        context.close()
    # Axis text is currentColor: dark text on the light page, light text on the dark one.
    assert colours["light"] != colours["dark"]
