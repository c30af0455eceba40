"""Indexing a built site with Pagefind (generator/search_index.py), on small hand-made sites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.site.search_index import index_site

pytestmark = pytest.mark.site  # child processes: a build, or commands killed mid-run

DAY = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Navigation text that must not be indexed</nav>
<article><div data-pagefind-body><h1>{title}<a class="headerlink" href="#">#</a></h1>
<p class="day-nav"><a href="../">Previous day</a></p>
<h2 id="{pid}">{paper}</h2><p>{abstract}</p></div></article></body></html>"""


def make_site(root: Path, days: dict[str, tuple[str, str, str]], marked: bool = True) -> Path:
    site = root / "site"
    (site).mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><html lang='en'><body><h1>Home</h1></body></html>")
    for path, (pid, paper, abstract) in days.items():
        page = site / path / "index.html"
        page.parent.mkdir(parents=True)
        html = DAY.format(title=path, pid=pid, paper=paper, abstract=abstract)
        page.write_text(html if marked else html.replace(" data-pagefind-body", ""))
    return site


def test_day_pages_are_indexed_into_the_pagefind_bundle(tmp_path):
    site = make_site(tmp_path, {
        "archive/2026/07/14": ("2607.10383", "Navigation foundation model", "Agents that walk."),
        "archive/2026/07/15": ("2607.11111", "Diffusion for tables", "Tables, diffused."),
    })  # fmt: skip
    report = index_site(site)
    assert report.pages == 2 and report.words > 5
    assert (site / "pagefind" / "pagefind.js").is_file()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2  # the home page is not marked, so not indexed
    assert report.bundle_bytes > 0 and "2 pages" in report.summary()


def test_a_site_with_no_marked_article_is_an_error_not_a_whole_page_index(tmp_path):
    site = make_site(tmp_path, {"archive/2026/07/14": ("2607.10383", "A paper", "Text.")}, marked=False)
    with pytest.raises(BuildError, match="data-pagefind-body"):
        index_site(site)


def test_an_empty_archive_has_nothing_to_index(tmp_path):
    site = make_site(tmp_path, {})
    assert index_site(site).pages == 0
    assert not (site / "pagefind").exists()


def test_indexing_a_site_that_was_not_built_names_it(tmp_path):
    with pytest.raises(BuildError, match=str(tmp_path)):
        index_site(tmp_path)
