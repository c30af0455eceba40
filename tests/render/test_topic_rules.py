"""Topic rules and membership: which papers a topic's terms, regexes, Hub searches and saved
listing pages bring onto its page, and the reason shown for each."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from generator.content.hub_searches import HubSearchStore
from generator.content.listing_pages import ListingPageStore
from generator.content.topics import FIELDS, Topic, load_topics
from generator.hub.listing_page import parse_listing_page
from generator.hub.saved_answers import read_answer
from generator.model import Paper
from generator.render import paths, titles
from generator.render.generate import render_pages
from generator.render.mdtext import clean
from generator.render.pages.collection import PAGE_LIMIT
from generator.render.pages.topic import render_topic
from generator.render.site_data import derive_site_data
from generator.render.topic_members import collect_members, found_by_search, found_in_listings, load_found
from generator.render.topic_rules import BY_LISTING_PAGE, BY_REGEX, BY_SEARCH, match, term_regex

from ..common import ARCHIVE_TOPICS, FIXTURES


def paper(title: str = "A paper", abstract: str = "Nothing here.", keywords: tuple[str, ...] = (), **kw) -> Paper:
    values = {"id": "2607.00001", "authors": ("A. Author",), "day": dt.date(2026, 7, 14)} | kw
    return Paper(title=title, abstract=abstract, ai_keywords=keywords, **values)


# ---------------------------------------------------------------------------
# Matching.

DIFFUSION = Topic(id="d", title="D", include=("diffusion model", "chain-of-thought", "entropy", "agent"))


@pytest.mark.parametrize(
    "text,term",
    [
        ("We train diffusion models.", "diffusion model"),
        ("A Diffusion-Model for audio", "diffusion model"),
        ("a diffusion \u2013 model", "diffusion model"),
        ("with Chain of Thought prompting", "chain-of-thought"),
        ("chain-of-thoughts", "chain-of-thought"),
        ("Rényi entropies", "entropy"),
        ("multi-agent systems", "agent"),
        ("(Agents)", "agent"),
    ],
)
def test_terms_match_whole_words_with_plural_and_hyphen_variants(text, term):
    assert match(DIFFUSION, paper(title=text)) is not None
    assert match(DIFFUSION, paper(title=text)).term == term


@pytest.mark.parametrize(
    "text", ["diffusionmodels", "reagents", "agentic", "entropyX", "chain of thinking", "diffusion"]
)
def test_terms_do_not_match_inside_words_or_other_words(text):
    assert match(DIFFUSION, paper(title=text)) is None


words = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8), min_size=1, max_size=3)


@given(words, st.sampled_from([" ", "-", "  ", " - "]), st.sampled_from(["", ".", ",", ")", " and more"]))
def test_a_phrase_is_found_whatever_joins_its_words(phrase, joiner, after):
    topic = Topic(id="t", title="T", include=(" ".join(phrase),))
    text = "(" + joiner.join(w.upper() if i % 2 else w for i, w in enumerate(phrase)) + after
    assert match(topic, paper(title=text)) is not None
    # Glued to a letter, it is another word.
    assert match(topic, paper(title="x" + joiner.join(phrase))) is None


def test_the_reason_names_the_term_and_the_first_field_that_matched():
    topic = Topic(id="t", title="T", include=("entropy", "policy entropy"))
    why = match(topic, paper(title="Nothing", abstract="We regularise policy entropy.", keywords=("entropy",)))
    assert (why.term, why.field, why.via) == ("policy entropy", "abstract", "term")
    assert why.explain() == "“policy entropy” in abstract"
    keywords_only = match(topic, paper(keywords=("Entropy Regularization",)))
    assert keywords_only.explain() == "“entropy” in AI keywords"


def test_exclude_terms_and_fields_narrow_a_topic():
    topic = Topic(id="t", title="T", include=("diffusion",), exclude=("diffusion MRI",), fields=("title",))
    assert match(topic, paper(title="Latent diffusion")) is not None
    assert match(topic, paper(title="Latent diffusion for diffusion-MRI denoising")) is None
    assert match(topic, paper(abstract="diffusion")) is None  # abstract not searched


def test_a_regex_matches_and_says_so():
    topic = Topic(id="t", title="T", regex=(r"test[- ]time (?:scaling|compute)",))
    why = match(topic, paper(abstract="Scaling Test-Time Compute optimally"))
    assert (why.via, why.field) == (BY_REGEX, "abstract")
    assert why.explain() == "/test[- ]time (?:scaling|compute)/ in abstract"


def test_a_keyword_phrase_never_spans_two_keywords():
    topic = Topic(id="t", title="T", include=("diffusion model",))
    assert match(topic, paper(keywords=("diffusion", "model"))) is None


# ---------------------------------------------------------------------------
# Membership from Hub searches and listings.


@pytest.fixture(scope="module")
def outside_papers() -> list[Paper]:
    """Real papers of 2024 (not in the bundled archive), as a Hub search would return them."""
    return read_answer(FIXTURES / "hub" / "daily_papers" / "2024-06-12.json")[:5]


def test_search_results_and_listings_join_with_their_reason(bundled_archive, outside_papers):
    stored = next(iter(bundled_archive.papers()))
    topic = Topic(id="t", title="T", queries=("world models",))
    # A listing saved with the stored paper's title in other case and punctuation is that paper.
    listed = parse_listing_page(f"{stored.title.upper()}!\n\nAbstract.\n\n• 2 authors\n·\nJan 3, 2025 4\n").entries[0]
    lone = parse_listing_page("Some Other Title\n\nAbstract.\n\n• 2 authors\n·\nJan 3, 2025 4\n").entries[0]
    found = {
        "t": found_by_search({"world models": [*outside_papers, stored]})
        + found_in_listings({"saved.txt": [listed.to_paper(), lone.to_paper()]})
    }
    group = collect_members([topic], bundled_archive.papers(), found)["t"]
    assert len(group) == len(outside_papers) + 2
    assert group[stored.id].stored and group[stored.id].why.via == BY_SEARCH
    for p in outside_papers:
        assert not group[p.id].stored and group[p.id].why.explain() == "found by Hub search “world models”"
    only_listed = group[lone.to_paper().id]
    assert not only_listed.stored and only_listed.why.via == BY_LISTING_PAGE and only_listed.why.term == "saved.txt"

    # Listed only: the stored paper joins by title, and the day page lists the topic.
    by_title = collect_members(
        [topic], bundled_archive.papers(), {"t": found_in_listings({"s.txt": [listed.to_paper()]})}
    )
    assert list(by_title["t"]) == [stored.id] and by_title["t"][stored.id].stored


def test_a_rule_match_keeps_its_reason_when_a_search_finds_the_paper_too(bundled_archive):
    topics = load_topics(ARCHIVE_TOPICS)
    entropy = next(t for t in topics if t.id == "entropy")
    matched = next(p for p in bundled_archive.papers() if match(entropy, p))
    group = collect_members([entropy], bundled_archive.papers(), {"entropy": found_by_search({"entropy": [matched]})})
    assert group["entropy"][matched.id].why == match(entropy, matched)


def cards_of(page: str) -> list:
    """The compact cards of a page, not counting its "Most upvoted" lists (their papers are listed again)."""
    own = re.sub(r"## Most upvoted.*?(?=\n## |\Z)", "", page, flags=re.S)
    blocks = re.findall(r'<ol class="paper-list[^"]*">.*?</ol>', own, re.S)
    return [li for block in blocks for li in lxml_html.fragment_fromstring(block).xpath("li")]


def test_topic_pages_group_by_month_newest_first_with_counts_and_a_chart(bundled_archive, outside_papers):
    topic = Topic(id="t", title="T", include=("model",), queries=("q",))
    listed = [e.to_paper() for e in parse_listing_page((FIXTURES / "listings" / "001_00caa9127aed7b2d.txt").read_text(),
                                                  today=dt.date(2026, 11, 23)).entries]  # fmt: skip
    found = {"t": found_by_search({"q": outside_papers}) + found_in_listings({"001.txt": listed})}
    group = collect_members([topic], bundled_archive.papers(), found)["t"]
    pages = render_topic(topic, list(group.values()))
    landing = pages[paths.topic_path("t")]
    # A large topic: its landing page has the latest and top papers and links its years; each year page
    # (and the undated page) lists the papers by month.
    assert "## Latest { #latest }" in landing and "## Most upvoted { #top }" in landing
    landing_path = paths.topic_path("t")
    dated = [m for m in group.values() if m.date]
    years = Counter(m.date.year for m in dated)
    months = Counter((m.date.year, m.date.month) for m in dated)
    assert len(dated) < len(group)  # the listing's undated papers are on their own page
    # A year of more than PAGE_LIMIT papers (2026 here, with 400+ "model" papers) gets a page per month.
    split = {y for y, n in years.items() if n > PAGE_LIMIT}
    assert split == {2026}
    # A month of more than PAGE_LIMIT papers goes on over more pages.
    parts = {
        paths.period_path(landing_path, *m, part=k)
        for m, n in months.items()
        if m[0] in split
        for k in range(1, -(-n // PAGE_LIMIT) + 1)
    }
    assert (
        set(pages)
        == {landing_path, paths.period_path(landing_path, None)}
        | {paths.period_path(landing_path, y) for y in years}
        | parts
    )
    for year in years:
        assert f"- [{year}](t/{year}.md): " in landing
    lists = [page for path, page in pages.items() if path != landing_path]
    # One compact card per paper, on exactly one page (not counting a year's top), each saying why it is there.
    items = [li for page in lists for li in cards_of(page)]
    assert len(items) == len(group)
    why = re.compile(r"(“|/|found by Hub search|imported from listing)")
    assert all(why.match(li.xpath('string(.//p[@class="paper-why"])')) for li in items)
    for (year, month), n in months.items():
        if year in split:
            page = pages[paths.period_path(landing_path, year, month)]
            on_pages = [v for k, v in pages.items() if k.startswith(paths.period_path(landing_path, year, month)[:-3])]
            assert sum(len(cards_of(v)) for v in on_pages) == n
            assert (
                f"| [{titles.month_title(year, month)}]({year}/{month:02d}.md) | {n:,} |"
                in pages[paths.period_path(landing_path, year)]
            )
        else:
            page = pages[paths.period_path(landing_path, year)]
            assert f"## {titles.month_title(year, month)} · {n:,} paper" in page
    for year in set(years) - split:
        page = pages[paths.period_path(landing_path, year)]
        on_page = [(int(y), int(m)) for y, m in re.findall(r"\{ #m(\d{4})-(\d{2}) \}$", page, re.M)]
        assert on_page == sorted(on_page, reverse=True)  # newest first
    # Off-archive papers: arXiv ones link to Hugging Face, listing ones are text with their date.
    by_title = {li.xpath('string(./p[@class="paper-item__title"])'): li for li in items}
    for p in outside_papers:
        li = by_title[clean(p.title)]
        assert li.xpath('./p[@class="paper-item__title"]/a/@href') == [p.hub_url]
        assert li.xpath('string(.//span[@class="paper-upvotes"])') == f"▲ {p.upvotes}"
        assert li.xpath('string(.//span[@class="paper-day"])') == f"on Daily Papers {titles.short_date(p.day)}"
    listed = by_title["Is Less More? Exploring Token Condensation as Training-free Test-time Adaptation"]
    assert not listed.xpath('./p[@class="paper-item__title"]/a')
    assert listed.xpath('string(.//span[@class="paper-upvotes"])') == "▲ 1"
    assert listed.xpath('string(.//span[@class="paper-day"])') == "published 16 Oct 2024"
    assert "5 authors" in listed.xpath('string(./p[@class="paper-item__meta"])')
    assert listed.xpath('string(./p[@class="paper-why"])') == "imported from listing 001.txt"
    # The chart: inline SVG, one bar per month with papers, coloured by the text colour, no script.
    chart = landing[landing.index("<figure") : landing.index("</figure>")]
    assert chart.count("<rect") == len(months) + 1  # the bars and the baseline
    assert "currentColor" in chart and "<script" not in chart and 'style="max-width:100%' in chart


def test_the_topic_index_shows_every_topic_with_its_total_and_latest_paper(bundled_archive, bundled_pages):
    topics = load_topics(ARCHIVE_TOPICS)
    index = bundled_pages[paths.TOPICS]
    group = collect_members(topics, bundled_archive.papers())
    rows = lxml_html.fragment_fromstring(index[index.index('<ul class="index-cards">') :].split("</ul>")[0] + "</ul>")
    for topic in topics:
        latest = max(group[topic.id].values(), key=lambda m: (m.date, m.paper.upvotes, m.paper.id))
        (row,) = rows.xpath(f'li[.//a[@href="{topic.id}/"]]')
        assert row.xpath('string(.//span[@class="index-card__count"])') == f"{len(group[topic.id])} papers"
        latest_line = row.xpath('.//p[@class="index-card__latest"]')[0]
        assert latest_line.xpath("a/@href")[0].endswith(f"#{latest.paper.id}")
        assert latest_line.text_content().endswith(f"({titles.short_date(latest.date)})")


def test_day_pages_list_the_topics_of_each_paper_including_imported_ones(bundled_archive):
    topics = [Topic(id="imported", title="Imported", queries=("x",))]
    stored = next(iter(bundled_archive.papers()))
    listed = dataclasses.replace(stored, id="listing-0000000000000000", day=None, title=stored.title.lower())
    pages = render_pages(
        derive_site_data(bundled_archive, topics, {"imported": found_in_listings({"f.txt": [listed]})})
    )
    day = pages[paths.day_path(stored.day)]
    # The link sits in the paper's raw HTML body, so it is the page URL, not the .md path.
    assert '<a class="paper-topic" href="../../../../topics/imported/">Imported</a>' in day
    assert day.count("topics/imported/") == 1


def test_the_fast_matcher_agrees_with_a_plain_case_insensitive_search(bundled_archive):
    """The matcher searches case-folded text from the first needle; a plain IGNORECASE search must agree."""

    def plain(terms):
        return re.compile(r"(?<!\w)(?:" + "|".join(term_regex(t) for t in terms) + r")(?!\w)", re.IGNORECASE)

    topics = load_topics(ARCHIVE_TOPICS)
    topics.append(Topic(id="x", title="X", include=("large language model", "LLM", "benchmark"), exclude=("survey",)))
    for topic in topics:
        include = plain(topic.include) if topic.include else None
        exclude = plain(topic.exclude) if topic.exclude else None
        regexes = [re.compile(r, re.IGNORECASE) for r in topic.regex]
        for p in bundled_archive.papers():
            texts = [p.title, p.abstract, " | ".join(p.ai_keywords)]
            assert len(texts) == len(FIELDS)
            expected = not (exclude and any(exclude.search(t) for t in texts)) and any(
                (include and include.search(t)) or any(r.search(t) for r in regexes) for t in texts
            )
            assert bool(match(topic, p)) == bool(expected), (topic.id, p.id)


def test_stored_search_results_and_listings_are_loaded_for_their_topics(tmp_path, outside_papers):
    HubSearchStore(tmp_path).record("t", "world models", outside_papers[:2])
    HubSearchStore(tmp_path).record("t", "a dropped query", outside_papers[2:3])
    listed = parse_listing_page("T\n\nA\n\n• 3 authors\n·\nJun 1, 2025 4\n").entries[0].to_paper()
    ListingPageStore(tmp_path).merge("t", "saved.txt", None, [listed])
    topic = Topic(id="t", title="T", queries=("world models",))
    found = load_found(tmp_path, [topic])["t"]
    # A query no longer in topics.yml brings nothing in; search results come first (they have arXiv ids).
    assert [(p.id, why.explain()) for p, why in found] == [
        *((p.id, "found by Hub search “world models”") for p in sorted(outside_papers[:2], key=lambda p: p.id)),
        (listed.id, "imported from listing saved.txt"),
    ]


# -- rules that cannot hang (issue 13, case 5) -------------------------------------------------------


def _finishes(work, seconds: float = 60.0) -> bool:
    """Run ``work`` in a thread; whether it finished within ``seconds`` (a hang detector, not a speed test:
    with Python's ``re`` these patterns take minutes to forever)."""
    import threading

    done = threading.Event()

    def target() -> None:
        work()
        done.set()

    threading.Thread(target=target, daemon=True).start()
    return done.wait(seconds)


def test_a_catastrophic_regex_runs_in_linear_time_over_the_bundled_papers_and_a_hostile_abstract(bundled_archive):
    hostile = [
        r"(\w+\s?)+$",  # never finishes with re on the bundled content
        r"(a|aa)+b",
        r"(x+x+)+y",
        r"\w+ing\b\s*\w*tion",  # innocent-looking, quadratic with re on a long abstract
    ]
    topic = Topic(id="hang", title="Hang", regex=tuple(hostile))
    long_abstract = "a" * 100_000 + " " + "word " * 40_000 + "ing" * 20_000  # ~300 KB, no match
    papers = [*bundled_archive.papers(), paper(abstract=long_abstract, id="2607.99999")]
    found: dict = {}
    assert _finishes(lambda: found.update(collect_members([topic], papers)["hang"]))
    assert "2607.99999" in found  # (\w+\s?)+$ matches the end of any abstract ending in a word
