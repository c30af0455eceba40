"""The search page, /search/, in a real browser: one result per paper, filters with counts, sorting,
and its state in its URL. Expected results are computed from the bundled archive itself."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from generator.content.topics import load_topics
from generator.render import titles
from generator.render.mdtext import clean
from generator.render.topic_members import collect_members, load_found

from ..common import ARCHIVE, ARCHIVE_TOPICS
from .helpers import (
    PAGE_LINKS,
    PAGE_ROOT,
    hits,
    holds_phrase,
    is_hit_for,
    load,
    more_results,
    positions,
    rare_title_word,
    result_count,
    screenshot,
    search,
    search_page,
    wait_for_page_results,
)


def by_id(archive):
    return {p.id: p for p in archive.papers()}


def topic_members(archive) -> dict[str, set[str]]:
    topics = load_topics(ARCHIVE_TOPICS)
    members = collect_members(topics, archive.papers(), load_found(ARCHIVE, topics))
    return {t.id: {pid for pid, m in members[t.id].items() if m.stored} for t in topics}


def ids(found) -> list[str]:
    return [h.anchor for h in found]


def confusable_author(archive):
    """An author (two plain words) of one paper, both of whose words are also in another paper's
    author list, as parts of other names ("Kou Shi" against "Kou Wei" and "Shi Lin")."""
    papers = list(archive.papers())
    counts = Counter(a for p in papers for a in set(p.authors))
    for paper in sorted(papers, key=lambda p: p.id):
        for author in paper.authors:
            if counts[author] != 1 or not re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", author):
                continue
            first, last = author.split()
            for other in papers:
                words = {w for a in other.authors for w in a.split()}
                if other.id != paper.id and {first, last} <= words and author not in other.authors:
                    return author, paper, other
    raise AssertionError("no author whose name's words are spread over another paper's authors")


def test_a_full_author_name_ranks_that_authors_paper_first(page, site_url, bundled_archive, console):
    author, paper, other = confusable_author(bundled_archive)
    found = search_page(page, site_url, q=author)
    assert is_hit_for(found[0], paper), (author, [h.title for h in found[:3]])
    assert other.id in ids(more_results(page))  # the other paper matches too, further down
    assert author in found[0].authors
    screenshot(page, "search-page-author")
    assert not console.errors


def test_an_author_past_the_first_three_is_shown_when_searched_for(page, site_url, bundled_archive, console):
    """The results name the first three authors, and any other the query names."""
    counts = Counter(a for p in bundled_archive.papers() for a in set(p.authors))
    paper, author = next(
        (p, a)
        for p in sorted(bundled_archive.papers(), key=lambda p: p.id)
        for a in p.authors[4:-1]
        if counts[a] == 1 and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", a)
    )
    found = search_page(page, site_url, q=author)
    hit = found[0]
    assert is_hit_for(hit, paper), (author, [h.title for h in found[:3]])
    first = ", ".join(clean(a) for a in paper.authors[:3])
    assert hit.authors == f"{first}, …, {author} et al.", (author, hit.authors)
    marked = page.locator(PAGE_LINKS).first.locator(".pf-authors mark").all_inner_texts()
    assert set(author.split()) <= set(marked)
    assert not console.errors


def test_quotes_find_a_phrase_as_written(page, site_url, bundled_archive, console):
    papers = by_id(bundled_archive)
    loose = search_page(page, site_url, q="world model")
    loose_total = result_count(page)
    quoted = search_page(page, site_url, q='"world model"')
    assert 0 < result_count(page) < loose_total
    # Pagefind reads "World-Action" as one word in the place of "world": that counts as the phrase.
    phrase = re.compile(r"\bworld(?:-\w+)*\W+model", re.IGNORECASE)
    for hit in more_results(page):
        p = papers[hit.anchor]
        text = " ".join([p.title, p.abstract, p.ai_summary or "", " ".join(p.ai_keywords)])
        assert phrase.search(text), (p.id, p.title)
    assert quoted[0].excerpt and page.locator(f"{PAGE_LINKS} .pf-excerpt mark").count() > 0
    assert loose  # (the loose query found something too)
    assert not console.errors


def words_of(paper) -> set[str]:
    """A paper's words as Pagefind indexes them (lower case; "self-play" as "selfplay", "self" and "play")."""
    org = paper.organization
    fields = [paper.title, paper.abstract, paper.ai_summary or "", *paper.authors, *paper.ai_keywords, paper.id]
    fields.append((org.fullname or org.name) if org else "")
    words = set()
    for token in " ".join(fields).lower().split():
        words.add(re.sub(r"[^\w]", "", token))
        words.update(part for part in re.split(r"[^\w]+", token) if part)
    return words


def words_of_one_bundle(archive, count: int) -> list[tuple[str, str, set[str]]]:
    """The first ``count`` words of one paper of July that no word of August begins like, though a
    shorter word of August begins them (so Pagefind, in August's bundle, would fall back on that
    shorter word): (word, the shorter word, the papers that hold the word)."""
    july = {p.id: words_of(p) for p in archive.papers() if p.day.month == 7}
    july_starts = {pid: {w[:5] for w in words} for pid, words in july.items()}
    august = set().union(*(words_of(p) for p in archive.papers() if p.day.month == 8))
    august_starts = {w[:4] for w in august}
    found = []
    for paper_id in sorted(july):
        for word in sorted(july[paper_id]):
            if not (word.isalpha() and len(word) >= 8) or word[:4] in august_starts:
                continue
            shorter = [w for w in august if word.startswith(w)]
            holders = {pid for pid, starts in july_starts.items() if word[:5] in starts}
            if holders == {paper_id} and shorter:
                found.append((word, max(shorter, key=len), holders))
                if len(found) == count:
                    return found
    raise AssertionError(f"{len(found)} words of July's papers that August lacks, not {count}")


def test_a_bundle_that_cannot_be_loaded_is_reported_not_searched_for_ever(page, site_url, bundled_archive):
    """The network fails for the older bundle: the search page says so instead of "Searching…"."""
    older = min(p.day for p in bundled_archive.papers()).strftime("%Y-%m")
    page.route(f"**/pagefind/{older}/**", lambda route: route.abort())
    load(page, urljoin(site_url, "search/?q=model"))
    page.wait_for_function("() => document.querySelector('[data-search-page]').dataset.searchState === 'failed'")
    assert "could not be loaded" in page.locator("[data-search-status]").inner_text()


def test_a_word_of_one_bundle_finds_only_its_papers(page, site_url, bundled_archive, console):
    """Pagefind falls back on a shorter word in a bundle where no word begins like the query's:
    those results ("a" for "agricultural") are left out."""
    [(word, fallback, holders)] = words_of_one_bundle(bundled_archive, 1)
    found = search_page(page, site_url, q=word)
    assert set(ids(more_results(page))) == holders and result_count(page) == len(holders), (word, fallback)
    assert found[0].title
    assert not console.errors


def test_words_of_one_bundle_find_only_their_papers_in_the_header(page, site_url, bundled_archive, console):
    """The header shows its first results before every bundle is checked: results of a bundle that
    fell back are left out as they come when they rank first, and from the count once the other
    bundles are checked when they rank below (several words, so that both happen)."""
    load(page, site_url, console)
    for word, fallback, holders in words_of_one_bundle(bundled_archive, 8):
        shown = search(page, word)
        page.wait_for_function(
            """word => { const root = document.querySelector('[data-pf-search]');
                         return root.dataset.pfTerm === word && root.dataset.pfState === 'done'; }""",
            arg=word,
        )
        assert [h.href.split("#")[1] for h in shown] == sorted(holders), (word, fallback)
        assert page.locator("[data-pf-meta]").inner_text() == f"1 paper matches “{word}”", (word, fallback)
    assert not console.errors


def test_an_arxiv_id_finds_its_paper_first(page, site_url, bundled_archive, console):
    paper = bundled_archive.days[3].by_upvotes()[0]
    found = search_page(page, site_url, q=paper.id)
    assert is_hit_for(found[0], paper)
    assert found[0].upvotes == paper.upvotes
    assert result_count(page) == 1  # not the papers whose ids share its month (2607…)
    assert not console.errors


def expected_for(archive, key: str) -> tuple[str, set[str]]:
    """A value of filter ``key`` and the ids of the papers it keeps, from the archive."""
    papers = list(archive.papers())
    if key == "year":
        year = str(archive.latest.date.year)
        return year, {p.id for p in papers if str(p.day.year) == year}
    if key == "month":
        month = archive.days[0].date.strftime("%Y-%m")
        return month, {p.id for p in papers if p.day.strftime("%Y-%m") == month}
    if key == "topic":
        members = topic_members(archive)
        topic = min((t for t in members if members[t]), key=lambda t: (len(members[t]), t))
        return topic, members[topic]
    orgs = Counter(p.organization.name for p in papers if p.organization)
    org = orgs.most_common(1)[0][0]
    return org, {p.id for p in papers if p.organization and p.organization.name == org}


@pytest.mark.parametrize("key", ["year", "month", "topic", "org"])
def test_each_filter_keeps_exactly_its_papers(key, page, site_url, bundled_archive, console):
    value, expected = expected_for(bundled_archive, key)
    found = search_page(page, site_url, **{key: value})
    assert result_count(page) == len(expected)
    assert set(ids(found)) <= expected
    if len(expected) <= 40:
        assert set(ids(more_results(page))) == expected
    # Without words, the newest papers come first.
    days = [h.day for h in found]
    dates = [next(p.day for p in bundled_archive.papers() if p.id == h.anchor) for h in found]
    assert dates == sorted(dates, reverse=True) and all(days)
    # The chosen value is selected, and its count is the number of results.
    select = page.locator(f"[data-search-filter='{key}']")
    assert select.input_value() == value
    assert select.locator("option:checked").inner_text().endswith(f"({len(expected):,})")
    assert not console.errors


def test_a_search_by_filters_alone_fetches_a_chunk_of_each_bundle(page, site_url, built_site, bundled_archive, console):
    """Pagefind asked for no words fetches every chunk of its index (19 MB at 1,000 days)."""
    chunks: list[str] = []
    page.on("requestfinished", lambda request: chunks.append(request.url) if ".pf_index" in request.url else None)
    topic, members = expected_for(bundled_archive, "topic")
    search_page(page, site_url, topic=topic)
    assert result_count(page) == len(members)
    bundles = list((built_site / "pagefind").glob("*/pagefind-entry.json"))
    on_disk = list((built_site / "pagefind").rglob("*.pf_index"))
    assert len(bundles) > 1 and len(on_disk) > 10 * len(bundles)
    assert 0 < len(chunks) <= len(bundles)  # the chunk of each bundle that holds the word every paper holds
    assert not console.errors


def test_a_query_and_a_filter_combine(page, site_url, bundled_archive, console):
    topic, members = expected_for(bundled_archive, "topic")
    word = "model"
    search_page(page, site_url, q=word)
    everything = result_count(page)
    found = search_page(page, site_url, q=word, topic=topic)
    assert 0 < result_count(page) < everything
    assert set(ids(more_results(page))) <= members
    assert found
    assert not console.errors


def test_sorting_by_upvotes_lists_the_most_upvoted_first(page, site_url, bundled_archive, console):
    topic, members = expected_for(bundled_archive, "topic")
    papers = by_id(bundled_archive)
    search_page(page, site_url, topic=topic, sort="upvotes")
    found = more_results(page)
    assert [h.upvotes for h in found] == sorted((papers[i].upvotes for i in members), reverse=True)
    assert [papers[h.anchor].upvotes for h in found] == [h.upvotes for h in found]  # shown as stored
    assert sorted(ids(found)) == sorted(members)  # page after page, each paper once
    # The same over the whole archive, with words: merged across the index's bundles.
    search_page(page, site_url, q="model", sort="upvotes")
    top = [h.upvotes for h in more_results(page)]
    assert top == sorted(top, reverse=True) and len(top) == result_count(page)
    assert not console.errors


def test_bundles_merged_after_a_sorted_search_still_sort(page, site_url, console):
    """A year without papers searches no bundle; choosing "any year" merges them all in later,
    each with the sort's data, so that the sort still takes in every paper."""
    search_page(page, site_url, q="model", year="2025", sort="upvotes")
    assert result_count(page) == 0
    page.select_option("[data-search-filter='year']", "")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('year')")
    wait_for_page_results(page)
    merged_later = [h.upvotes for h in more_results(page)]
    search_page(page, site_url, q="model", sort="upvotes")
    assert merged_later == [h.upvotes for h in more_results(page)]
    assert merged_later == sorted(merged_later, reverse=True) and len(merged_later) == result_count(page) > 20
    assert not console.errors


def test_sorting_by_newest_lists_the_latest_days_first(page, site_url, bundled_archive, console):
    papers = by_id(bundled_archive)
    found = search_page(page, site_url, q="model", sort="newest")
    dates = [papers[h.anchor].day for h in found]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == bundled_archive.latest.date
    assert found[0].day == titles.day_title(dates[0])
    # Page after page, each paper once, and still newest first.
    topic, members = expected_for(bundled_archive, "topic")
    search_page(page, site_url, q="model", topic=topic, sort="newest")
    every = more_results(page)
    assert len(every) == result_count(page) and set(ids(every)) <= members
    assert len(set(ids(every))) == len(every)
    dates = [papers[h.anchor].day for h in every]
    assert dates == sorted(dates, reverse=True)
    assert not console.errors


@pytest.mark.parametrize("sort", ["constructor", "__proto__", "bogus"])
def test_a_sort_that_is_no_sort_is_the_relevance_order(page, site_url, console, sort):
    """Issue 20, case 8: `/search/?sort=constructor` stayed on "Searching…" for ever."""
    relevance = ids(search_page(page, site_url, q="model"))
    assert ids(search_page(page, site_url, q="model", sort=sort)) == relevance
    assert page.locator("[data-search-sort]").input_value() == ""  # "Best match"
    assert not console.errors


def test_the_url_holds_the_search_and_gives_it_back(page, browser, site_url, bundled_archive, console):
    topic, _ = expected_for(bundled_archive, "topic")
    year = str(bundled_archive.latest.date.year)
    load(page, urljoin(site_url, "search/"), console)
    page.locator("[data-search-input]").fill("model")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'model'")
    wait_for_page_results(page)
    page.select_option("[data-search-filter='topic']", topic)
    wait_for_page_results(page)
    page.select_option("[data-search-filter='year']", year)
    wait_for_page_results(page)
    page.select_option("[data-search-sort]", "upvotes")
    wait_for_page_results(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["model"], "topic": [topic], "year": [year], "sort": ["upvotes"]}
    shown = hits(page, PAGE_LINKS)
    assert shown
    # The same URL, opened afresh, shows the same controls and the same results.
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    fresh = other.new_page()
    try:
        fresh.goto(page.url, wait_until="networkidle")
        wait_for_page_results(fresh)
        assert fresh.locator("[data-search-input]").input_value() == "model"
        assert fresh.locator("[data-search-filter='topic']").input_value() == topic
        assert fresh.locator("[data-search-filter='year']").input_value() == year
        assert fresh.locator("[data-search-sort]").input_value() == "upvotes"
        assert hits(fresh, PAGE_LINKS) == shown
    finally:
        other.close()
    # Back undoes the last choice.
    page.go_back()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('sort')")
    wait_for_page_results(page)
    assert page.locator("[data-search-sort]").input_value() == ""
    assert not console.errors


def test_filter_counts_say_how_many_papers_a_choice_gives(page, site_url, bundled_archive, console):
    search_page(page, site_url, q="model")
    options = page.locator("[data-search-filter='topic'] option").all()
    counted = {o.get_attribute("value"): o.inner_text() for o in options if o.get_attribute("value")}
    assert counted and all(re.search(r"\(\d[\d,]*\)$", label) for label in counted.values())
    value, label = max(counted.items(), key=lambda kv: int(kv[1].rsplit("(", 1)[1].rstrip(")").replace(",", "")))
    page.select_option("[data-search-filter='topic']", value)
    wait_for_page_results(page)
    assert result_count(page) == int(label.rsplit("(", 1)[1].rstrip(")").replace(",", ""))
    assert not console.errors


def test_results_show_the_papers_facts_as_text(page, site_url, bundled_archive, console):
    paper = next(p for p in bundled_archive.papers() if "<" in p.title)
    found = search_page(page, site_url, q=paper.id)
    hit = found[0]
    assert is_hit_for(hit, paper) and hit.upvotes == paper.upvotes
    first = ", ".join(clean(a) for a in paper.authors[:3]) + (" et al." if len(paper.authors) > 3 else "")
    assert hit.authors == first
    if paper.organization:
        assert hit.org == clean(paper.organization.fullname or paper.organization.name)
    tags = page.locator(PAGE_LINKS).first.evaluate("el => [...el.querySelectorAll('*')].map(c => c.tagName)")
    assert set(tags) <= {"ARTICLE", "DIV", "SPAN", "P", "MARK"}
    assert not console.errors


def test_a_query_that_matches_nothing_says_so(page, site_url, console):
    assert search_page(page, site_url, q="ꙮꙮꙮꙮ") == []  # no indexed word begins with it
    assert page.locator("[data-search-status]").inner_text().startswith("No paper")
    assert page.locator("[data-search-more]").is_hidden()
    assert not console.errors


def test_the_search_page_fits_a_phone(browser, site_url, console):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    console.attach(phone)
    try:
        found = search_page(phone, site_url, q="model", sort="upvotes")
        assert found and phone.locator(PAGE_LINKS).first.is_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        for select in phone.locator(f"{PAGE_ROOT} select").all():
            box = select.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
        screenshot(phone, "search-page-phone")
        assert not console.errors
    finally:
        context.close()


def stems_of(paper) -> set[str]:
    """Every word of a paper as an exact search matches it: stems of words and of their parts."""
    org = paper.organization
    texts = [paper.title, paper.abstract, paper.ai_summary or "", *paper.ai_keywords, *paper.authors]
    texts.append((org.fullname or org.name) if org else "")
    return {s for text in texts for spot in positions(text) for s in spot}


def holds_anywhere(paper, phrase: str) -> bool:
    org = paper.organization
    texts = [paper.title, paper.abstract, paper.ai_summary or "", *paper.ai_keywords, *paper.authors]
    texts.append((org.fullname or org.name) if org else "")
    return any(holds_phrase(text, phrase.split()) for text in texts)


@pytest.mark.parametrize(("left_out", "holds"), [("video", None), ('"video generation"', "video generation")])
def test_a_word_or_phrase_after_a_minus_is_left_out_shown_as_a_chip_and_kept_in_the_url(
    left_out, holds, page, site_url, bundled_archive, console
):
    papers = by_id(bundled_archive)
    search_page(page, site_url, q="diffusion")
    everything = set(ids(more_results(page)))
    found = search_page(page, site_url, q=f"diffusion -{left_out}")
    kept = set(ids(more_results(page)))

    def has(paper):
        return holds_anywhere(paper, holds) if holds else "video" in stems_of(paper)

    dropped = {pid for pid in everything if has(papers[pid])}
    assert dropped and kept == everything - dropped, sorted(kept ^ (everything - dropped))
    assert result_count(page) == len(kept) and found
    assert parse_qs(urlsplit(page.url).query)["q"] == [f"diffusion -{left_out}"]
    # The chip names what is left out; a click puts it back.
    chip = page.locator("[data-search-chips] button")
    assert chip.count() == 1 and chip.inner_text().startswith("without ")
    screenshot(page, "search-page-chip")
    chip.click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'diffusion'")
    wait_for_page_results(page)
    assert result_count(page) == len(everything)
    assert page.locator("[data-search-chips] button").count() == 0
    assert not console.errors


def typo_of(archive, paper) -> tuple[str, str]:
    """A rare word of ``paper``'s title and that word with a letter dropped, which no word of the
    archive begins like (so the search finds nothing for it)."""
    every = {w for p in archive.papers() for w in words_of(p)}
    word = rare_title_word(archive, paper)
    for cut in range(2, len(word) - 1):
        typo = word[:cut] + word[cut + 1 :]
        if not any(w.startswith(typo) for w in every):
            return word, typo
    raise AssertionError(f"no typo of {word!r} that the archive lacks")


def test_a_word_the_index_lacks_offers_the_closest_words_one_click_away(page, site_url, bundled_archive, console):
    paper = bundled_archive.latest.by_upvotes()[0]
    word, typo = typo_of(bundled_archive, paper)
    found = search_page(page, site_url, q=typo)
    assert not found and result_count(page) == 0
    suggested = page.locator("[data-search-suggest] a")
    assert word in suggested.all_inner_texts(), (typo, suggested.all_inner_texts())
    screenshot(page, "search-page-did-you-mean")
    suggested.filter(has_text=word).first.click()
    page.wait_for_function("word => new URLSearchParams(location.search).get('q') === word", arg=word)
    wait_for_page_results(page)
    assert any(is_hit_for(h, paper) for h in hits(page, PAGE_LINKS))
    assert page.locator("[data-search-suggest]").is_hidden()
    # The header's box offers the same.
    load(page, site_url, console)
    assert search(page, typo) == []
    page.wait_for_function("() => document.querySelector('[data-pf-search]').dataset.pfState === 'done'")
    offered = page.locator("[data-pf-suggest] a")
    assert word in offered.all_inner_texts()
    offered.filter(has_text=word).first.click()
    page.wait_for_function("word => document.querySelector('[data-pf-search]').dataset.pfTerm === word", arg=word)
    assert any(is_hit_for(h, paper) for h in hits(page))
    assert not console.errors


def test_the_suggestions_come_from_a_small_vocabulary_fetched_only_when_needed(page, site_url, built_site, console):
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url) if r.url.endswith("/vocabulary.txt") else None)
    search_page(page, site_url, q="model")
    assert not fetched  # a query that finds papers asks for no vocabulary
    files = list((built_site / "pagefind").glob("*/vocabulary.txt"))
    assert files and all(f.stat().st_size < 100_000 for f in files)
