"""End to end: the bundled content built into a real MkDocs site, checked in its HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import html as lxml_html

from generator.config import load_settings
from generator.content.days import DayStore
from generator.content.topics import load_topics
from generator.render import paths, titles
from generator.render.generate import render_pages, write_pages
from generator.render.mdtext import anchor_id, clean
from generator.render.site_data import derive_site_data
from generator.render.topic_rules import match
from generator.site.mkdocs_build import run_mkdocs

pytestmark = pytest.mark.site  # child processes: a build, or commands killed mid-run


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build the bundled archive once for this module: (project dir, site dir)."""
    from ..sitebuild import copy_sources

    project = copy_sources(tmp_path_factory.mktemp("project"))
    settings = load_settings(project / "mkdocs.yml")
    archive = DayStore(settings.content_dir).load()
    write_pages(settings.docs_dir, render_pages(derive_site_data(archive, load_topics(settings.topics_file))))
    site = project / "site"
    run_mkdocs(settings.config_file, site)
    return project, site


def page(site: Path, md_path: str) -> lxml_html.HtmlElement:
    rel = md_path[: -len(".md")]
    rel = rel[: -len("index")] if rel.endswith("index") else rel + "/"
    return lxml_html.fromstring((site / rel / "index.html").read_bytes())


def article(doc: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    return doc.xpath('//article[contains(@class, "md-content__inner")]')[0]


def test_every_bundled_paper_is_on_its_day_page(built, bundled_archive):
    _, site = built
    assert len(bundled_archive.days) == 30
    for day in bundled_archive.days:
        doc = article(page(site, paths.day_path(day.date)))
        headings = {h.get("id"): h for h in doc.xpath(".//h2[@id]")}
        for paper in day.papers:
            h = headings[anchor_id(paper.id)]
            # The visible heading text is the title, exactly (whitespace folded), with no markup inside.
            assert h.text_content().rstrip("#") == clean(paper.title)
            # The title is a link to the paper's page on the Hub, then the heading's own permalink.
            assert [c.tag for c in h] == ["a", "a"] and h[1].get("class") == "headerlink"
            assert h[0].get("href") == paper.hub_url and len(h[0]) == 0
        # Most upvoted first.
        order = [h.get("id") for h in doc.xpath(".//h2[@id]")]
        assert order == [anchor_id(p.id) for p in day.by_upvotes()]


def abstract_text(card: lxml_html.HtmlElement) -> str:
    """The abstract as a card shows it: in a closed <details> (its label the first sentence when there is
    no AI summary), or a short one as a paragraph. Checks that no text of it became markup."""
    (abstract,) = card.xpath('.//*[contains(@class, "paper-abstract")]')
    if abstract.tag == "p":
        assert "paper-lead" in abstract.get("class") and len(abstract) == 0
        return abstract.text_content()
    label = abstract.find("summary")
    parts = [p for p in abstract.findall("p") if not p.get("class")]
    lead = [] if label.text_content() == "Abstract" else [label.text_content()]
    assert all(len(p) == 0 for p in parts) and len(label) == 0
    return " ".join(lead + [p.text_content() for p in parts])


def test_titles_and_abstracts_produce_no_markup(built, bundled_archive):
    _, site = built
    tags_like = re.compile(r"<[a-z|/]")
    checked = 0
    for day in bundled_archive.days:
        doc = article(page(site, paths.day_path(day.date)))
        cards = doc.xpath('.//div[@class="paper-card"]')
        assert len(cards) == len(day.papers)
        by_text = {abstract_text(card) for card in cards}
        for paper in day.papers:
            assert clean(paper.abstract) in by_text
            if tags_like.search(paper.abstract) or "$" in paper.abstract or "**" in paper.abstract:
                checked += 1
    assert checked > 0  # the bundled data does carry $, ** and tag-like text


def test_topic_pages_list_exactly_the_matching_papers(built, bundled_archive):
    project, site = built
    topics = load_topics(project / "content" / "topics.yml")
    assert topics
    for topic in topics:
        expected = {p.id for p in bundled_archive.papers() if match(topic, p)}
        # The landing page, and the year (or month) pages of a topic too large for one page.
        pages = sorted((site / "topics" / topic.id).rglob("index.html"))
        linked = set()
        for path in pages:
            doc = article(lxml_html.fromstring(path.read_bytes()))
            linked |= {a.get("href").split("#", 1)[1] for a in doc.xpath(".//li//a[@class='paper-day']")}
        assert linked == {anchor_id(i) for i in expected}, topic.id
    assert len(list((site / "topics" / "agents").rglob("index.html"))) > 1  # a large topic: its years have pages


def test_month_and_home_pages_link_every_day(built, bundled_archive):
    _, site = built
    home = (site / "index.html").read_text()
    latest = bundled_archive.latest
    assert html.escape(titles.day_title(latest.date)) in home
    for year, month in {(d.date.year, d.date.month) for d in bundled_archive.days}:
        base = f"/archive/{year}/{month:02d}/"
        doc = article(page(site, paths.month_path(year, month)))
        hrefs = {urljoin(base, a.get("href")) for a in doc.xpath(".//a")}
        for day in bundled_archive.days:
            if (day.date.year, day.date.month) == (year, month):
                assert f"{base}{day.date.day:02d}/" in hrefs


def test_day_pages_are_not_in_the_navigation(built, bundled_archive):
    _, site = built
    doc = page(site, paths.day_path(bundled_archive.latest.date))
    nav_links = doc.xpath('//nav[contains(@class, "md-nav--primary")]//a/@href')
    assert not [h for h in nav_links if re.search(r"/\d{2}/\d{2}/$", h)]
