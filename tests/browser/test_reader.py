"""The pages people choose over the Hub's own (issue 22), in Chromium at 360 and 1280 px, light and dark:
cards with title links and lazy thumbnails, compact cards on every list, no dead ends (a guessed
/p/<id>/ lands on the paper; the 404 page says what it tried), month neighbours, indexes that fit a
360 px phone, chart labels of 11 px or more, the cite button and a reading list kept in the browser.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from pybtex.database import parse_string

from generator.render import paths, titles
from generator.render.mdtext import clean
from generator.render.organizations import collect_orgs

from .helpers import load, screenshot, settle
from .test_a11y import serious_violations
from .test_pages import main_pages, url_of

NARROW = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SIZES = pytest.mark.parametrize("viewport", [NARROW, DESKTOP], ids=["360", "1280"])


@pytest.fixture(params=["light", "dark"])
def scheme(request) -> str:
    return request.param


def open_page(browser, url: str, viewport: dict, scheme: str = "light", console=None):
    context = browser.new_context(
        viewport=viewport, color_scheme=scheme, is_mobile=viewport["width"] < 500, accept_downloads=True
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    if console is not None:
        console.attach(tab)
    load(tab, url)
    return context, tab


# ---- Cards and lists --------------------------------------------------------------------------


@SIZES
def test_every_card_of_a_day_has_a_title_link_and_a_lazy_thumbnail(
    browser, site_url, bundled_archive, viewport, scheme
):
    day = max(bundled_archive.days, key=lambda d: len(d.papers))
    context, tab = open_page(browser, url_of(site_url, paths.day_path(day.date)), viewport, scheme)
    cards = tab.evaluate(
        """() => [...document.querySelectorAll('.paper-card[data-paper]')].map(card => {
             const heading = document.getElementById(card.dataset.paper), img = card.querySelector('img');
             const link = heading.querySelector('a:not(.headerlink)');
             return {id: card.dataset.paper, href: link && link.href, title: link && link.textContent,
                     img: img && {loading: img.loading, referrer: img.referrerPolicy, alt: img.alt, src: img.src,
                                  width: img.getAttribute('width'), height: img.getAttribute('height'),
                                  box: img.getBoundingClientRect().width / img.getBoundingClientRect().height}};
           })"""
    )
    by_id = {p.id: p for p in day.papers}
    assert len(cards) == len(day.papers)
    for card in cards:
        paper = by_id[card["id"]]
        assert card["href"] == paper.hub_url and card["title"] == clean(paper.title)
        img = card["img"]
        assert img["src"] == paper.thumbnail and img["loading"] == "lazy" and img["referrer"] == "no-referrer"
        assert img["alt"] == f"Preview of {clean(paper.title)}"
        assert (img["width"], img["height"]) == ("1200", "648") and img["box"] == pytest.approx(1200 / 648, rel=0.02)
    # Lazy: the thumbnails far below the first screen are not loaded until scrolled to.
    loaded = tab.evaluate(
        "[...document.querySelectorAll('.paper-card img')].map(i => i.complete && i.naturalWidth > 0)"
    )
    assert loaded[0] and not loaded[-1]
    # The labelled links are touch targets of 44 px on a phone.
    heights = tab.evaluate(
        "[...document.querySelectorAll('.paper-card .paper-links > :is(a, button)')]"
        ".map(a => a.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= (44 if viewport["width"] < 500 else 20)
    screenshot(tab, f"day-{viewport['width']}-{scheme}")
    context.close()


LISTS = ["home", "trending", "this week", "week", "month", "year", "top", "topic", "topic year", "organization"]


@SIZES
def test_every_list_of_papers_is_compact_cards(browser, site_url, built_site, bundled_archive, viewport, scheme):
    pages = main_pages(bundled_archive, built_site)
    context, tab = open_page(browser, site_url, viewport, scheme)
    for name in LISTS:
        tab.goto(url_of(site_url, pages[name]), wait_until="load")
        items = tab.evaluate(
            """() => [...document.querySelectorAll('article li[data-paper]')].map(li => ({
                 title: !!li.querySelector('.paper-item__title a[href], .home-tile__title[href]'),
                 upvotes: /▲ \\d+/.test(li.textContent),
                 img: !!li.querySelector('img[loading=lazy][referrerpolicy=no-referrer]'),
                 wide: li.getBoundingClientRect().right > document.documentElement.clientWidth + 1}))"""
        )
        assert items, name
        assert all(i["title"] and i["upvotes"] and i["img"] and not i["wide"] for i in items), (name, items[:3])
        if viewport["width"] > 500 or name in ("home", "trending"):
            screenshot(tab, f"list-{name.replace(' ', '-')}-{viewport['width']}-{scheme}")
    context.close()


def test_trending_says_how_it_is_ranked_and_differs_from_this_week(page, site_url):
    load(page, urljoin(site_url, "trending/"))
    assert "Ranked by momentum" in page.locator("article").inner_text()
    trending = page.locator("article li[data-paper]").evaluate_all("l => l.map(li => li.dataset.paper)")
    rates = page.locator("article li[data-paper] .paper-rate").all_inner_texts()
    assert len(rates) == len(trending) and all(r.endswith("/day") for r in rates)
    load(page, urljoin(site_url, "weeks/"))
    week = page.locator("article li[data-paper]").evaluate_all("l => l.map(li => li.dataset.paper)")
    assert trending[:10] != week[:10]


# ---- No dead ends ------------------------------------------------------------------------------------


def test_a_guessed_short_link_lands_on_the_paper(browser, site_url, bundled_archive, console):
    paper = bundled_archive.latest.by_upvotes()[2]
    day_url = url_of(site_url, paths.day_path(paper.day))
    for guess in (f"p/{paper.id}/", f"papers/{paper.id}", f"abs/{paper.id}v2"):
        context, tab = open_page(browser, site_url, DESKTOP)
        tab.goto(urljoin(site_url, guess))
        tab.wait_for_url(f"{day_url}#{paper.id}")
        assert tab.locator(f"[id='{paper.id}']").is_visible()
        context.close()


def test_the_404_page_says_what_it_tried(browser, site_url, bundled_archive, scheme):
    context, tab = open_page(browser, site_url, NARROW, scheme)
    status = tab.locator("[data-not-found-status]")
    # An id the archive does not have: said, with the paper's page on the Hub.
    tab.goto(urljoin(site_url, "p/2608.99999/"), wait_until="networkidle")
    assert "2608.99999 is not in this archive" in status.inner_text()
    assert (
        status.get_by_role("link", name="Hugging Face").get_attribute("href")
        == "https://huggingface.co/papers/2608.99999"
    )
    assert not serious_violations(tab)
    screenshot(tab, f"not-found-{scheme}")
    # A weekend: no page; the nearest days with papers and the month, as links.
    tab.goto(urljoin(site_url, "archive/2026/08/22/"), wait_until="networkidle")
    text = status.inner_text()
    assert "No papers were listed on Saturday, 22 August 2026" in text, text
    links = {a.inner_text(): urlsplit(a.get_attribute("href")).path for a in status.locator("a").all()}
    august = sorted(d.date.day for d in bundled_archive.days if (d.date.year, d.date.month) == (2026, 8))
    before, after = [n for n in august if n < 22][-1:], [n for n in august if n > 22][:1]
    assert links == {
        **{f"{n} August": f"/archive/2026/08/{n:02d}/" for n in before + after},
        "August 2026": "/archive/2026/08/",
    }
    # A day written another way goes to its page; a month the archive does not hold says so.
    tab.goto(urljoin(site_url, "2026-08-21"))
    tab.wait_for_url(url_of(site_url, paths.day_path(bundled_archive.latest.date)))
    tab.goto(urljoin(site_url, "archive/2026/9/"), wait_until="networkidle")
    assert "The archive holds no papers for September 2026" in status.inner_text()
    # Anything else: its words in the search box.
    tab.goto(urljoin(site_url, "world-models/"), wait_until="networkidle")
    assert tab.locator("[data-not-found-query]").input_value() == "world models"
    context.close()


def test_a_permalink_page_says_when_an_id_is_not_in_the_archive(page, site_url, bundled_archive):
    shard = bundled_archive.latest.papers[0].id[:4]
    load(page, urljoin(site_url, f"p/{shard}/#{shard}.99999"))
    message = page.locator("#missing")
    assert message.is_visible() and f"The paper {shard}.99999 is not in this archive" in message.inner_text()


def test_months_weeks_and_years_link_their_neighbours(page, site_url, bundled_archive):
    months = sorted({(d.date.year, d.date.month) for d in bundled_archive.days})
    assert len(months) >= 2
    load(page, url_of(site_url, paths.month_path(*months[-1])))
    page.locator(".day-nav").first.get_by_role("link", name=f"← {titles.month_title(*months[-2])}").click()
    page.wait_for_url(url_of(site_url, paths.month_path(*months[-2])))
    page.locator(".day-nav").first.get_by_role("link", name=f"{titles.month_title(*months[-1])} →").click()
    page.wait_for_url(url_of(site_url, paths.month_path(*months[-1])))
    load(page, url_of(site_url, paths.week_path(*paths.iso_week(bundled_archive.latest.date))))
    assert page.locator(".day-nav").first.get_by_role("link", name=re.compile(r"^← Week \d+$")).count() == 1


# ---- Phones first ---------------------------------------------------------------------------------


INDEXES = ["organizations", "topics", "stats", "year", "archive", "month"]


@pytest.mark.parametrize("name", INDEXES)
def test_no_index_is_wider_than_a_360_px_phone(name, browser, site_url, built_site, bundled_archive):
    context, tab = open_page(browser, url_of(site_url, main_pages(bundled_archive, built_site)[name]), NARROW)
    tab.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")  # the stats tables
    settle(tab)
    wide = tab.evaluate(
        """() => [document.documentElement,
                  ...document.querySelectorAll('article table, article ol, article ul, article figure')]
             .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth + 1)
             .map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""
    )
    assert not wide, wide
    context.close()


def test_the_organizations_can_be_filtered(page, site_url, bundled_archive):
    page.set_viewport_size(NARROW)
    load(page, urljoin(site_url, "orgs/"))
    rows = page.locator("ol.org-list > li")
    total = rows.count()
    assert total == len(collect_orgs(bundled_archive.papers()))
    page.get_by_label("Filter the organizations").fill("tencent")
    shown = page.locator("ol.org-list > li:not([hidden])")
    names = shown.locator("a.org-row__name").all_inner_texts()
    assert names and all("tencent" in n.lower() for n in names)
    assert page.locator(".index-filter__status").inner_text() == f"{len(names)} of {total}"


@pytest.mark.parametrize("name", ["stats", "organization", "topic"])
def test_chart_labels_read_at_11_px_or_more_on_a_phone(name, browser, site_url, built_site, bundled_archive):
    context, tab = open_page(browser, url_of(site_url, main_pages(bundled_archive, built_site)[name]), NARROW)
    sizes = tab.evaluate(
        """() => [...document.querySelectorAll('article svg text')]
             .filter(t => getComputedStyle(t).display !== 'none' && t.getBBox().width > 0)
             .map(t => ({text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a}))"""
    )
    assert sizes
    small = [s for s in sizes if s["px"] < 11]
    assert not small, small[:5]
    if name != "stats":  # the small chart of a topic or an organization names its months
        labels = [s["text"] for s in sizes]
        assert any(re.fullmatch(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", t) for t in labels), labels
    screenshot(tab, f"chart-{name}-360")
    context.close()


# ---- Reader tools ----------------------------------------------------------------------------------


def test_cite_gives_the_papers_bibtex(browser, site_url, bundled_archive, console):
    paper = max(bundled_archive.latest.papers, key=lambda p: len(p.authors))
    context, tab = open_page(browser, url_of(site_url, paths.day_path(paper.day)), DESKTOP, console=console)
    tab.locator(f".paper-card[data-paper='{paper.id}'] button.paper-cite").click()
    dialog = tab.locator("dialog.paper-cite-dialog")
    assert dialog.is_visible()
    bib = parse_string(dialog.locator("textarea").input_value(), "bibtex")
    (entry,) = bib.entries.values()
    assert entry.fields["eprint"] == paper.id and entry.fields["year"] == str(paper.published.year)
    assert [str(p) for p in entry.persons["author"]] == [
        str(p)
        for p in parse_string(f"@misc{{x, author={{{' and '.join(paper.authors)}}}}}", "bibtex")
        .entries["x"]
        .persons["author"]
    ]
    tab.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert not console.errors
    context.close()


def test_the_reading_list_survives_a_reload_and_exports_valid_bibtex(
    browser, site_url, bundled_archive, scheme, console
):
    day = bundled_archive.latest
    first, second = day.by_upvotes()[:2]
    context, tab = open_page(browser, url_of(site_url, paths.day_path(day.date)), NARROW, scheme, console)
    tab.locator(f".paper-card[data-paper='{first.id}'] button.paper-save").click()
    assert (
        tab.locator(f".paper-card[data-paper='{first.id}'] button.paper-save").get_attribute("aria-pressed") == "true"
    )
    # From a compact card of a list: the rest of its authors come from its day page.
    many = max(
        (p for d in bundled_archive.recent_days(7) for p in d.papers if p.id != first.id), key=lambda p: len(p.authors)
    )
    tab.goto(urljoin(site_url, "trending/"), wait_until="networkidle")
    tab.locator(f"li[data-paper='{many.id}'] button.paper-save").click()
    tab.wait_for_function(
        "id => JSON.parse(localStorage.getItem('hf-daily-papers-archive:reading-list') || '[]')"
        ".some(p => p.id === id && p.complete)",
        arg=many.id,
    )
    tab.goto(urljoin(site_url, "list/"), wait_until="networkidle")
    tab.reload(wait_until="networkidle")  # kept in the browser, not in the page
    listed = tab.locator("[data-list-items] > li").evaluate_all("l => l.map(li => li.dataset.paper)")
    assert listed == [first.id, many.id]
    assert not serious_violations(tab)
    screenshot(tab, f"reading-list-{scheme}")
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Export BibTeX").click()
    bib = parse_string(open(download.value.path(), encoding="utf-8").read(), "bibtex")
    entries = {e.fields["eprint"]: e for e in bib.entries.values()}
    assert set(entries) == {first.id, many.id}
    assert len(entries[many.id].persons["author"]) == len(many.authors)  # every author, not the card's three
    assert (
        entries[first.id].fields["title"] == "{" + clean(first.title) + "}"
        or first.title in entries[first.id].fields["title"]
    )
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Export CSV").click()
    rows = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert rows[0].startswith("id,title,authors") and len(rows) == 3
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Export Markdown").click()
    assert open(download.value.path(), encoding="utf-8").read().count("\n- [") == 2
    # Removed from the list page, and so from the day page's button.
    tab.locator(f"[data-list-items] > li[data-paper='{first.id}'] button.paper-remove").click()
    assert tab.locator("[data-list-items] > li").count() == 1
    tab.goto(url_of(site_url, paths.day_path(day.date)), wait_until="networkidle")
    assert (
        tab.locator(f".paper-card[data-paper='{first.id}'] button.paper-save").get_attribute("aria-pressed") == "false"
    )
    assert not [e for e in console.errors if "favicon" not in e]
    context.close()


@pytest.mark.parametrize("name", ["home", "trending", "organizations", "topics"])
def test_the_new_pages_have_no_serious_accessibility_violations(
    name, browser, site_url, built_site, bundled_archive, scheme
):
    context, tab = open_page(browser, url_of(site_url, main_pages(bundled_archive, built_site)[name]), NARROW, scheme)
    assert not serious_violations(tab)
    context.close()


def test_the_home_page_says_when_the_archive_is_old(page, site_url):
    """The bundled site is built long after its newest day (the build's date is an input)."""
    load(page, site_url)
    notice = page.locator(".home-stale")
    assert notice.is_visible() and "This archive may be out of date" in notice.inner_text()
