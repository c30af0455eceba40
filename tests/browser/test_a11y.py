"""Accessibility: axe-core (shipped in the axe-playwright-python package, never fetched
from the web) finds no serious or critical violation on the main pages or in the search."""

from __future__ import annotations

import pytest

from generator.render import paths

from .helpers import load, rare_title_word, search, search_page
from .test_pages import main_pages, url_of

BLOCKING = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


@pytest.mark.parametrize(
    "name", ["home", "day", "topic", "topic year", "month", "year", "week", "organization", "organizations", "stats"]
)
def test_main_pages_have_no_serious_accessibility_violations(name, page, site_url, built_site, bundled_archive):
    load(page, url_of(site_url, main_pages(bundled_archive, built_site)[name]))
    assert not serious_violations(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_a_day_of_cards_has_no_serious_violation_on_a_desktop_and_a_phone_in_both_palettes(
    browser, site_url, bundled_archive, scheme, width, height
):
    """The cards' colours (chips, links in grey text) in light and dark mode, with some abstracts
    and author lists opened."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    tab = context.new_page()
    day = max(bundled_archive.days, key=lambda d: sum(bool(p.ai_keywords) for p in d.papers))
    load(tab, url_of(site_url, paths.day_path(day.date)))
    assert tab.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    tab.evaluate("document.querySelectorAll('.paper-card details').forEach((d, i) => { if (i % 2) d.open = true })")
    assert not serious_violations(tab)
    context.close()


def test_open_search_results_have_no_serious_accessibility_violations(page, site_url, bundled_archive):
    load(page, url_of(site_url, paths.HOME))
    search(page, rare_title_word(bundled_archive, bundled_archive.latest.by_upvotes()[0]))
    assert not serious_violations(page)


def test_the_search_page_with_results_and_filters_has_no_serious_accessibility_violations(page, site_url):
    search_page(page, site_url, q="model", sort="upvotes")
    assert not serious_violations(page)
