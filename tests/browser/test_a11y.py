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


@pytest.mark.parametrize("name", ["home", "day", "topic", "month"])
def test_main_pages_have_no_serious_accessibility_violations(name, page, site_url, built_site, bundled_archive):
    load(page, url_of(site_url, main_pages(bundled_archive, built_site)[name]))
    assert not serious_violations(page)


def test_open_search_results_have_no_serious_accessibility_violations(page, site_url, bundled_archive):
    load(page, url_of(site_url, paths.HOME))
    search(page, rare_title_word(bundled_archive, bundled_archive.latest.by_upvotes()[0]))
    assert not serious_violations(page)


def test_the_search_page_with_results_and_filters_has_no_serious_accessibility_violations(page, site_url):
    search_page(page, site_url, q="model", sort="upvotes")
    assert not serious_violations(page)
