"""Week, month, trending and all-time-top views, and the per-paper permalinks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import html as lxml_html

from generator.model import Archive, Day, Paper
from generator.render import paths, titles
from generator.render.generate import render_pages
from generator.render.mdtext import anchor_id, url_relpath
from generator.render.pages.calendar import render_month
from generator.render.pages.day import render_day
from generator.render.pages.paper import Cards
from generator.render.pages.permalink import permalink_href, render_permalinks, shard
from generator.render.pages.rankings import MONTH_TOP_LIMIT, TOP_LIMIT, render_top, render_trending
from generator.render.pages.week import render_weeks
from generator.render.site_data import derive_site_data
from generator.render.trending import RECENT_DAYS, TRENDING_LIMIT, momentum, trending

from ..common import assert_golden

CARDS = Cards()


def _ranked(markdown: str) -> list[tuple[int, str, str, int]]:
    """Each compact card of a ranked list, in order: (rank, link to its day page, anchor, upvotes)."""
    items = []
    for block in re.findall(r'<ol class="paper-list">.*?</ol>', markdown, re.S):
        for n, li in enumerate(lxml_html.fragment_fromstring(block).xpath("li"), 1):
            link, anchor = li.xpath('.//a[@class="paper-day"]/@href')[0].split("#")
            upvotes = int(li.xpath('.//span[@class="paper-upvotes"]')[0].text_content().lstrip("▲ "))
            assert anchor == li.get("data-paper")
            items.append((n, link, anchor, upvotes))
    return items


@pytest.fixture(scope="module")
def views(bundled_archive):
    return render_pages(derive_site_data(bundled_archive, []))


@pytest.mark.parametrize(
    "golden,page", [("week-2026-W29.md", paths.week_path(2026, 29)), ("trending.md", paths.TRENDING)]
)
def test_golden_views(views, golden, page, update_golden):
    assert_golden(golden, views[page], update_golden)


def test_views_are_deterministic(views, bundled_archive):
    again = render_pages(derive_site_data(bundled_archive, []))
    assert again == views  # str and bytes alike: the same content gives the same bytes


def test_every_paper_is_on_its_iso_week_page_ranked_by_upvotes(views, bundled_archive):
    weeks = {}
    for day in bundled_archive.days:
        weeks.setdefault(day.date.isocalendar()[:2], []).extend(day.papers)
    assert {k for k in views if k.startswith("weeks/")} == {paths.week_path(y, w) for y, w in weeks} | {paths.WEEKS}
    for (year, week), papers in weeks.items():
        source = paths.week_path(year, week)
        items = _ranked(views[source])
        assert [n for n, *_ in items] == list(range(1, len(papers) + 1))
        assert sorted(anchor for _, _, anchor, _ in items) == sorted(anchor_id(p.id) for p in papers)
        upvotes = [up for *_, up in items]
        assert upvotes == sorted(upvotes, reverse=True)
        by_id = {anchor_id(p.id): p for p in papers}
        for _, link, anchor, up in items:
            paper = by_id[anchor]
            assert link == url_relpath(paths.day_path(paper.day), source)  # the paper's anchor on its day page
            assert up == paper.upvotes


def test_this_week_is_the_newest_week_with_papers_under_a_lasting_address(views, bundled_archive):
    newest = paths.iso_week(bundled_archive.latest.date)
    page, dated = views[paths.WEEKS], views[paths.week_path(*newest)]
    assert page.startswith("---\ntitle: This week\n")
    assert f"# This week: Week {newest[1]} of {newest[0]}" in page
    assert f"[this week's lasting page]({newest[0]}-W{newest[1]:02d}.md)" in page
    # The same ranked list as the week's own page.
    same = [(n, anchor, up) for n, _, anchor, up in _ranked(page)]
    assert same == [(n, anchor, up) for n, _, anchor, up in _ranked(dated)] and len(same) > 0


def test_week_pages_link_their_neighbours_and_months(views):
    w30 = views[paths.week_path(2026, 30)]
    assert "[← Week 29](2026-W29.md)" in w30 and "[Week 31 →](2026-W31.md)" in w30
    assert "(../archive/2026/07.md)" in w30
    # Week 31 runs from 27 July to 2 August; its papers are all of July (1-2 August is a weekend).
    w31 = views[paths.week_path(2026, 31)]
    assert "Week 31 of 2026 (27 Jul–2 Aug 2026)" in w31
    assert "(../archive/2026/07.md)" in w31 and "(../archive/2026/08.md)" not in w31


def test_trending_ranks_the_last_seven_days_by_momentum_not_by_total(views, bundled_archive):
    newest = bundled_archive.latest.date
    window = {
        anchor_id(p.id): p for d in bundled_archive.days if (newest - d.date).days < RECENT_DAYS for p in d.papers
    }
    page = views[paths.TRENDING]
    items = _ranked(page)
    assert len(items) == min(TRENDING_LIMIT, len(window))
    rates = [momentum(window[anchor], newest) for _, _, anchor, _ in items]
    assert rates == sorted(rates, reverse=True) and all(anchor in window for _, _, anchor, _ in items)
    assert "**Ranked by momentum**: upvotes per day since the paper was listed" in page  # says how it is ranked
    # Not the week's ranking by total upvotes: a day-old paper outruns a week-old one with more upvotes.
    this_week = [anchor for _, _, anchor, _ in _ranked(views[paths.WEEKS])]
    assert [anchor for _, _, anchor, _ in items][:10] != this_week[:10]


def test_momentum_is_upvotes_per_day_from_listing_to_fetch():
    listed = dt.date(2026, 8, 20)
    paper = Paper(id="2608.00001", title="t", authors=(), abstract="a", day=listed, upvotes=60)
    fetched = dataclasses.replace(paper, fetched=dt.datetime(2026, 8, 23, 0, 0, tzinfo=dt.UTC))
    assert momentum(fetched, listed) == 20  # 60 upvotes in 3 days
    # Fetched within its first day: at least a day counts; fetch time unknown: the end of the newest day.
    early = dataclasses.replace(paper, fetched=dt.datetime(2026, 8, 20, 6, 0, tzinfo=dt.UTC))
    assert momentum(early, listed) == 60 and momentum(paper, dt.date(2026, 8, 22)) == 20


def test_trending_does_not_depend_on_today(bundled_archive):
    """Only the stored days count: an archive whose newest day is years ago still has a trending page."""
    old = Archive(
        days=tuple(
            Day(
                date=d.date.replace(year=2019),
                papers=tuple(dataclasses.replace(p, day=d.date.replace(year=2019)) for p in d.papers),
            )
            for d in bundled_archive.days
        )
    )
    assert len(_ranked(render_trending(old, trending(old), CARDS))) > 0


def test_all_time_top_is_capped_and_ranked(views, bundled_archive):
    items = _ranked(views[paths.TOP])
    assert len(items) == TOP_LIMIT < bundled_archive.paper_count
    expected = sorted((p.upvotes for p in bundled_archive.papers()), reverse=True)[:TOP_LIMIT]
    assert [up for *_, up in items] == expected


def test_all_time_top_stays_the_same_size_when_the_archive_doubles(bundled_archive):
    later = [
        Day(
            date=d.date + dt.timedelta(days=364),
            papers=tuple(dataclasses.replace(p, id=p.id + "9", day=d.date + dt.timedelta(days=364)) for p in d.papers),
        )
        for d in bundled_archive.days
    ]
    doubled = Archive(days=bundled_archive.days + tuple(later))
    assert len(_ranked(render_top(doubled, CARDS))) == len(_ranked(render_top(bundled_archive, CARDS))) == TOP_LIMIT


def test_month_page_keeps_its_calendar_and_ranks_the_top_of_the_month(bundled_archive):
    july = [d for d in bundled_archive.days if (d.date.year, d.date.month) == (2026, 7)]
    markdown = render_month(2026, 7, july, CARDS, None, (2026, 8))
    assert "[August 2026 →](08.md)" in markdown and "←" not in markdown.split("\n{ .day-nav }")[0]  # its neighbours
    grid = lxml_html.fragment_fromstring(markdown[markdown.index("<table") : markdown.index("</table>") + 8])
    rows = grid.xpath("./tbody/tr")
    assert len(rows) == 5  # July 2026: Wednesday the 1st to Friday the 31st, five weeks Monday-first
    assert [th.text_content() for th in grid.xpath("./thead/tr/th")] == ["Wk", *(w[:3] for w in titles.WEEKDAYS)]
    links = {a.text_content(): a.get("href") for a in grid.xpath(".//td/a")}
    # Every day with papers links its page (URLs: raw HTML is not rewritten by MkDocs) and shows its count.
    assert links == {f"{d.date.day} {len(d.papers)} papers": f"{d.date.day:02d}/" for d in july}
    weeks = [a.get("href") for a in grid.xpath(".//th[@scope='row']/a")]
    assert weeks == ["../../../weeks/2026-W29/", "../../../weeks/2026-W30/", "../../../weeks/2026-W31/"]
    assert rows[0].xpath("./th")[0].text_content() == "W27" and not rows[0].xpath(".//a")  # no papers that week
    top = markdown.split("## Top of the month", 1)[1]
    items = _ranked(top)
    papers = [p for d in july for p in d.papers]
    assert len(items) == MONTH_TOP_LIMIT
    assert [up for *_, up in items] == sorted((p.upvotes for p in papers), reverse=True)[:MONTH_TOP_LIMIT]


def test_day_page_links_its_week_and_shows_each_papers_permalink(bundled_archive):
    day = bundled_archive.days[1]
    markdown = render_day(day, None, None, CARDS)
    week = day.date.isocalendar()
    assert f"[Week {week[1]}](../../../weeks/{week[0]}-W{week[1]:02d}.md)" in markdown
    for paper in day.papers:
        assert f'href="../../../../p/{paper.id[:4]}/#{paper.id}"' in markdown


def test_every_paper_gets_a_permalink_that_leads_to_its_anchor(views, bundled_archive):
    shards = {p.id[:4] for p in bundled_archive.papers()}
    assert {k for k in views if k.startswith("p/")} == {paths.permalink_path(s) for s in shards}
    base = "https://example.org/site/"
    for paper in bundled_archive.papers():
        source = paths.permalink_path(paper.id[:4])
        doc = lxml_html.fromstring(views[source])
        # The permalink's fragment names an element whose first link goes to the day page's anchor.
        entry = doc.get_element_by_id(paper.id)
        target = urljoin(base + source, entry.xpath(".//a/@href")[0])
        assert target == f"{base}{paths.day_path(paper.day)[: -len('.md')]}/#{paper.id}"
        assert doc.xpath('//meta[@name="robots"]/@content') == ["noindex"]


def test_permalink_pages_are_few_and_small(views, bundled_archive):
    """One page per arXiv month, not one per paper: ~40 files at 40,000 papers."""
    pages = {k: v for k, v in views.items() if k.startswith("p/")}
    assert len(pages) <= len({p.id[:4] for p in bundled_archive.papers()})
    per_paper = sum(len(v.encode()) for v in pages.values()) / bundled_archive.paper_count
    assert per_paper < 120  # bytes per paper: a 1,000-paper arXiv month stays near 100 kB


def test_permalink_pages_carry_no_untrusted_text():
    """Only the arXiv id (digits and a dot) and the date reach the page: nothing to escape."""
    paper = Paper(
        id="2607.00001",
        title='<script>alert(1)</script> "quoted" & <img src=x onerror=alert(2)>',
        authors=("<b>x</b>",),
        abstract="<i>a</i>",
        day=dt.date(2026, 7, 14),
    )
    page = render_permalinks([paper])[paths.permalink_path("2607")]
    doc = lxml_html.fromstring(page)
    assert not doc.xpath("//img | //b | //i") and len(doc.xpath("//script")) == 1  # only the redirect's own
    assert "alert" not in page
    assert doc.get_element_by_id(paper.id).text_content() == "2607.00001 14 Jul 2026"


@pytest.mark.parametrize("bad", ["../etc", ".hidden", "a/b", "x y", "listing-3f2a", "2607.1038?"])
def test_papers_without_an_arxiv_id_get_no_permalink(bad):
    paper = Paper(id=bad, title="t", authors=(), abstract="a", day=dt.date(2026, 7, 14))
    assert shard(paper) is None and permalink_href(paper, "archive/2026/07/14.md") is None
    pages = render_pages(derive_site_data(Archive(days=(Day(date=paper.day, papers=(paper,)),)), []), "", "x")
    assert not [k for k in pages if k.startswith("p/")]


def test_week_page_size_does_not_grow_with_the_archive(bundled_archive):
    """A week page lists its own days only, whatever else is stored."""
    w29 = paths.week_path(2026, 29)
    alone = Archive(days=tuple(d for d in bundled_archive.days if d.date.isocalendar()[1] == 29))
    ranked_alone = render_weeks(alone.days, CARDS)[w29].split("## Ranked by upvotes")[1]
    assert ranked_alone == render_weeks(bundled_archive.days, CARDS)[w29].split("## Ranked by upvotes")[1]


# --- in the built site (conftest's session fixture built_site: `python -m generator build`) ---------


def _html(site: Path, url_path: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / url_path / "index.html").read_bytes())


# The navigation's order (mkdocs.yml `nav:`): what a visitor looks for first, then the rest.
NAVIGATION = [
    "Home", "Trending", "This week", "All-time top", "Archive", "Topics", "Organizations", "Reading list", "Stats",
    "About",
]  # fmt: skip


def test_the_navigation_is_in_its_deliberate_order_and_stays_small(built_site):
    site = built_site
    for url_path in ("archive/2026/07/14", "orgs", "topics/agents/2026"):
        doc = _html(site, url_path)
        links = doc.xpath('//nav[contains(@class, "md-nav--primary")]//a[contains(@class, "md-nav__link")]')
        titles_shown = [" ".join(a.text_content().split()) for a in links]
        shown = [t for t in titles_shown if t in NAVIGATION]
        assert shown == NAVIGATION, (url_path, titles_shown)
        # Days, dated weeks, months, years, a topic's or an organization's pages: never in the navigation.
        hrefs = {urljoin(f"/{url_path}/", a.get("href")) for a in links if a.get("href")}
        assert not [h for h in hrefs if re.search(r"/archive/\d|/weeks/\d|/topics/.|/orgs/.", h)], hrefs
    home = _html(site, "")
    links = {urljoin("/", h) for h in home.xpath("//article//a/@href")}
    assert {"/trending/", "/top/", "/stats/", "/weeks/2026-W34/", "/feeds/latest.rss.xml"} <= links
    assert "/archive/2026/#best-of-2026" in links


def test_permalinks_in_the_built_site_resolve(built_site, bundled_archive):
    site = built_site
    paper = bundled_archive.latest.by_upvotes()[0]
    day_url = "/" + paths.day_path(paper.day)[: -len(".md")] + "/"
    doc = _html(site, day_url.strip("/"))
    href = doc.xpath(
        f'//h2[@id="{paper.id}"]/following-sibling::div[1]//p[contains(@class,"paper-links")]//a[@class="paper-permalink"]/@href'
    )[0]
    short = urljoin(day_url, href)
    assert short == f"/p/{paper.id[:4]}/#{paper.id}"
    path, anchor = short.split("#")
    entry = _html(site, path.strip("/")).get_element_by_id(anchor)
    target = urljoin(path, entry.xpath(".//a/@href")[0])
    assert target == f"{day_url}#{paper.id}"
    assert doc.get_element_by_id(paper.id) is not None


def test_feed_autodiscovery_links_resolve_on_every_kind_of_page(built_site):
    site = built_site
    for url_path in ("", "archive/2026/07/14", "weeks/2026-W29", "topics/entropy", "topics/agents/2026", "stats"):
        doc = _html(site, url_path)
        alternates = doc.xpath('//head/link[@rel="alternate"]')
        types = {a.get("type") for a in alternates}
        assert {"application/rss+xml", "application/atom+xml", "application/feed+json"} <= types
        for a in alternates:
            target = urljoin(f"/{url_path}/".replace("//", "/"), a.get("href"))
            assert (site / target.lstrip("/")).is_file(), (url_path, target)
            # Material fetches sitemap.xml beside every alternate link: it must not 404 (a console error).
            assert (site / target.lstrip("/")).with_name("sitemap.xml").is_file(), target
    topic = _html(site, "topics/entropy").xpath('//head/link[@rel="alternate"]/@href')
    assert any(h.endswith("feeds/topics/entropy.rss.xml") for h in topic)


@pytest.mark.parametrize("built,notice", [(dt.date(2026, 8, 23), False), (dt.date(2026, 8, 24), True)])
def test_the_home_page_says_when_its_newest_day_is_more_than_two_days_old(views, bundled_archive, built, notice):
    assert bundled_archive.latest.date == dt.date(2026, 8, 21)
    home = render_pages(derive_site_data(bundled_archive, []), today=built)[paths.HOME]
    assert ('class="home-stale"' in home) == notice
    if notice:  # (the same content and build date give the same page: tests/test_cli.py, across processes)
        assert "Its newest day is Friday, 21 August 2026, 3 days before this build (Monday, 24 August 2026)" in home
    else:  # and no notice: the page as a build without a date gives it
        assert home == views[paths.HOME]


def test_thumbnails_can_be_turned_off_and_then_no_page_asks_for_one(views, bundled_archive):
    pages = render_pages(derive_site_data(bundled_archive, []), thumbnails=False)
    assert not [path for path, page in pages.items() if isinstance(page, str) and "cdn-thumbnails" in page]
    on = views
    assert on[paths.day_path(bundled_archive.latest.date)].count('loading="lazy"') == len(bundled_archive.latest.papers)
