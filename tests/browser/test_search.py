"""Search in a real browser: Pagefind behind Material's header search box, one entry per paper.

(The search page, /search/, has its own tests: test_search_page.py.)"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from generator.render import paths, titles
from generator.render.mdtext import anchor_id, clean

from .helpers import (
    PAGE_LINKS,
    SEARCH_ROOT,
    hits,
    is_hit_for,
    load,
    rare_author,
    rare_title_word,
    result_count,
    screenshot,
    search,
    settle,
    wait_for_focus,
    wait_for_page_results,
)


def top_paper(archive):
    return archive.latest.by_upvotes()[0]


def test_a_title_word_finds_the_paper_with_its_title_day_and_snippet(page, site_url, bundled_archive, console):
    paper = top_paper(bundled_archive)
    word = rare_title_word(bundled_archive, paper)
    load(page, site_url, console)
    found = search(page, word)
    matching = [h for h in found if is_hit_for(h, paper)]
    assert matching, f"{paper.id} not among the results for {word!r}: {[h.title for h in found]}"
    marked = page.locator("[data-pf-list] a.md-search-result__link").nth(found.index(matching[0])).locator("mark")
    assert word in [m.lower() for m in marked.all_inner_texts()]  # the word is marked where it matched
    body = clean(paper.abstract) + " " + clean(paper.ai_summary or "")
    assert matching[0].excerpt[:40] in body  # the snippet comes from the abstract or the AI summary
    screenshot(page, "search-results")
    assert not console.errors


def test_an_author_finds_their_paper(page, site_url, bundled_archive, console):
    author, paper = rare_author(bundled_archive)
    load(page, site_url, console)
    found = search(page, author)
    assert any(is_hit_for(h, paper) for h in found), f"{author!r}: {[h.title for h in found]}"
    assert not console.errors


def test_an_arxiv_id_finds_exactly_its_paper_first(page, site_url, bundled_archive, console):
    paper = top_paper(bundled_archive)
    load(page, site_url, console)
    found = search(page, paper.id)
    assert found and is_hit_for(found[0], paper), [h.href for h in found]
    assert page.locator("[data-pf-list] .pf-id").first.inner_text() == f"arXiv {paper.id}"
    assert not console.errors


def test_a_query_that_matches_nothing_says_so(page, site_url, console):
    load(page, site_url, console)
    # (Pagefind falls back to the longest indexed word that begins the query, so the query
    # starts with a letter no word of the archive has.)
    assert search(page, "ꙮꙮꙮꙮ") == []
    assert "No paper matches" in page.locator("[data-pf-meta]").inner_text()
    assert not console.errors


def test_titles_reach_the_results_as_text_never_markup(page, site_url, bundled_archive, console):
    # A title with "<" in it (the bundled data has some): shown as typed, no element made of it.
    paper = next(p for p in bundled_archive.papers() if "<" in p.title)
    load(page, site_url, console)
    found = search(page, paper.id)
    assert is_hit_for(found[0], paper)
    excerpts = page.locator("[data-pf-list] .pf-excerpt")
    tags = excerpts.evaluate_all("els => els.flatMap(e => [...e.querySelectorAll('*')].map(c => c.tagName))")
    assert set(tags) <= {"MARK"}
    assert not console.errors


def test_enter_opens_the_search_page_with_the_query(page, site_url, bundled_archive, console):
    word = rare_title_word(bundled_archive, top_paper(bundled_archive))
    load(page, site_url, console)
    page.evaluate("window.__sameDocument = true")
    search(page, word)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/search/"))
    assert parse_qs(urlsplit(page.url).query) == {"q": [word]}
    wait_for_page_results(page)
    assert page.evaluate("window.__sameDocument === true"), "Enter reloaded the page: instant navigation is off"
    assert page.locator("[data-search-input]").input_value() == word
    assert any(is_hit_for(h, top_paper(bundled_archive)) for h in hits(page, PAGE_LINKS))
    page.wait_for_function("() => !document.getElementById('__search').checked")  # the dropdown closes
    assert not console.errors


def test_the_dropdown_leads_to_all_results_on_the_search_page(page, site_url, console):
    load(page, site_url, console)
    found = search(page, "model")
    link = page.locator("[data-pf-all]")
    total = int(page.locator("[data-pf-meta]").inner_text().split()[0].replace(",", ""))
    assert len(found) == 6 < total  # the best few here, all of them there
    assert link.inner_text() == f"All {total:,} results, with filters and sorting →"
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == {"q": ["model"]}
    link.click()
    wait_for_page_results(page)
    assert result_count(page) == total
    assert not console.errors


def test_a_result_opens_the_papers_anchor_with_the_words_marked(page, site_url, bundled_archive, console):
    paper = top_paper(bundled_archive)
    word = rare_title_word(bundled_archive, paper)
    load(page, site_url, console)
    hit = next(h for h in search(page, word) if is_hit_for(h, paper))
    page.locator(f"[data-pf-list] a[href='{hit.href}']").click()
    page.wait_for_url(lambda url: urlsplit(url).fragment == anchor_id(paper.id))
    heading = page.locator(f"article h2[id='{anchor_id(paper.id)}']")
    heading.wait_for(state="visible")
    marks = page.locator("article mark.search-highlight")
    marks.first.wait_for()
    assert {m.lower() for m in marks.all_inner_texts()} >= {word}
    # Only in that paper's entry: its heading and what follows it up to the next paper.
    inside = page.evaluate(
        """id => {
            const h = document.getElementById(id);
            const marks = [...document.querySelectorAll('mark.search-highlight')];
            const next = [...document.querySelectorAll('article h2[id]')].find(x => h.compareDocumentPosition(x) & 4);
            return marks.every(m => (h === m.closest('h2') || (h.compareDocumentPosition(m) & 4))
                                    && (!next || (m.compareDocumentPosition(next) & 4)));
        }""",
        anchor_id(paper.id),
    )
    assert inside
    page.wait_for_function("() => !document.getElementById('__search').checked")  # the search closes on arrival
    screenshot(page, "search-highlight")
    assert not console.errors


def test_search_works_after_instant_navigation(page, site_url, bundled_archive, console):
    """Material's navigation.instant swaps the page content without a reload: the search must survive it."""
    latest = bundled_archive.latest
    load(page, site_url, console)
    page.evaluate("window.__sameDocument = true")
    day_path = "/" + paths.day_path(latest.date)[: -len(".md")] + "/"
    page.locator(f"article a[href$='{day_path.split('/', 2)[2]}']").first.click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(day_path))
    page.wait_for_selector(f"article h1:has-text('{titles.day_title(latest.date)}')")
    assert page.evaluate("window.__sameDocument === true"), "the click reloaded the page: instant navigation is off"
    paper = latest.by_upvotes()[-1]
    found = search(page, paper.id)
    assert found and is_hit_for(found[0], paper)
    assert not console.errors


def test_keyboard_shortcuts_open_and_close_the_search(page, site_url, console):
    load(page, site_url, console)
    toggle = page.locator("#__search")
    assert not toggle.is_checked()
    page.keyboard.press("Control+k")
    assert toggle.is_checked()
    wait_for_focus(page)
    page.keyboard.press("Escape")
    assert not toggle.is_checked()
    page.keyboard.press("s")
    assert toggle.is_checked()
    wait_for_focus(page)
    page.keyboard.press("Escape")
    page.keyboard.press("/")
    assert toggle.is_checked()
    wait_for_focus(page)
    assert not console.errors


def test_a_search_fetches_pieces_of_the_index_never_a_whole_index(page, site_url, built_site, bundled_archive, console):
    """Material's one big search_index.json is gone; Pagefind fetches only what the query needs."""
    assert not (built_site / "search" / "search_index.json").exists()
    fetched: dict[str, int] = {}

    def record(response):
        if "/pagefind/" in response.url or "search_index" in response.url:
            fetched[response.url] = len(response.body())

    page.on("response", record)
    load(page, site_url, console)
    assert not fetched, "the search index was fetched before anyone searched"
    search(page, top_paper(bundled_archive).id)
    assert fetched and not [u for u in fetched if "search_index" in u]
    index_files = [f for f in (built_site / "pagefind").rglob("*") if f.suffix in (".pf_index", ".pf_fragment")]
    fetched_index = [u for u in fetched if u.endswith((".pf_index", ".pf_fragment"))]
    assert 0 < len(fetched_index) < len(index_files) / 20


def test_results_follow_the_dark_scheme(page, site_url, bundled_archive, console):
    load(page, site_url, console)
    page.evaluate("""() => { document.body.setAttribute('data-md-color-scheme', 'slate'); }""")
    search(page, rare_title_word(bundled_archive, top_paper(bundled_archive)))
    title = page.locator("[data-pf-list] .pf-title").first
    background = page.locator(".md-search__output").evaluate("el => getComputedStyle(el).backgroundColor")
    color = title.evaluate("el => getComputedStyle(el).color")
    # Light text on a dark background.
    assert _luminance(color) > 0.5 > _luminance(background), (color, background)
    screenshot(page, "search-results-dark")
    assert page.locator(SEARCH_ROOT).count() == 1 and hits(page)


def _luminance(css_color: str) -> float:
    values = [float(v) for v in css_color[css_color.index("(") + 1 : -1].replace("/", ",").split(",")[:3]]
    return sum(values) / (3 * 255)


def test_the_search_works_on_a_phone(browser, site_url, bundled_archive, console):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    console.attach(phone)
    try:
        paper = top_paper(bundled_archive)
        load(phone, site_url, console)
        phone.locator("label.md-header__button[for='__search']").tap()  # the magnifier: the box is hidden
        box = phone.locator("[data-pf-query]")
        box.wait_for(state="visible")
        box.fill(paper.id)
        phone.wait_for_function(
            "term => document.querySelector('[data-pf-search]').dataset.pfTerm === term", arg=paper.id
        )
        first = phone.locator(RESULT_LINKS_FIRST)
        settle(phone)  # the overlay may still be opening when the results land
        assert first.is_visible() and first.bounding_box()["width"] <= 390
        assert is_hit_for(hits(phone)[0], paper)
        screenshot(phone, "search-phone")
        first.tap()
        phone.wait_for_url(lambda url: urlsplit(url).fragment == anchor_id(paper.id))
        phone.locator(f"article h2[id='{anchor_id(paper.id)}']").wait_for(state="visible")
        assert not console.errors
    finally:
        context.close()


RESULT_LINKS_FIRST = "[data-pf-list] a.md-search-result__link >> nth=0"
