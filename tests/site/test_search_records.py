"""The site search's records (generator/site/search_records.py): what each paper's record holds,
that hostile text stays text, and how papers are grouped into bundles. No Pagefind, no browser."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from generator.model import Organization, Paper
from generator.render.mdtext import anchor_id
from generator.site import search_records
from generator.site.search_records import (
    EVERY_PAPER_WORD,
    PAGE_FILTERS,
    SORT_FILTERS,
    TITLE_PAD,
    TITLE_SPAN,
    manifest,
    paper_record,
    plan_bundles,
    vocabulary,
)

DAY = dt.date(2026, 7, 14)


def paper(pid: str = "2607.10383", day: dt.date = DAY, **changes) -> Paper:
    fields = {
        "id": pid,
        "title": "Navigation foundation models",
        "authors": ("Kou Shi", "Zun Wang", "Ann Lee", "Bo Chen"),
        "abstract": "Agents that walk through rooms.",
        "day": day,
        "upvotes": 42,
        "ai_summary": "A model that walks.",
        "ai_keywords": ("navigation", "embodied agents"),
        "organization": Organization(name="google", fullname="Google"),
    }
    return Paper(**{**fields, **changes})


class Parsed(HTMLParser):
    """What Pagefind would read: metadata, filters, sorts (with their text), and the body's text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.filters: dict[str, list[str]] = {}
        self.sorts: dict[str, str] = {}
        self.body: list[str] = []
        self.tags: list[str] = []
        self._open: list[tuple[str, dict]] = []
        self._ignored = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        self._open.append((tag, attrs))
        if "data-pagefind-ignore" in attrs:
            self._ignored += 1

    def handle_endtag(self, tag):
        _, attrs = self._open.pop()
        if "data-pagefind-ignore" in attrs:
            self._ignored -= 1

    def handle_data(self, data):
        if not self._open:
            return
        _, attrs = self._open[-1]
        if "data-pagefind-meta" in attrs:
            self.meta[attrs["data-pagefind-meta"]] = data
        if "data-pagefind-filter" in attrs:
            self.filters.setdefault(attrs["data-pagefind-filter"], []).append(data)
        if "data-pagefind-sort" in attrs:
            self.sorts[attrs["data-pagefind-sort"]] = data
        if not self._ignored and data.strip():
            self.body.append(data.strip())


def test_a_record_holds_what_a_result_shows_and_what_filters_and_sorts_need():
    """Sorting is by filters (fetched when a visitor sorts), never Pagefind sorts, whose data
    every first search would download."""
    record = paper_record(paper(), ["navigation", "agents"])
    assert record.path == "archive/2026/07/14/2607.10383.html"  # the day page's URL + the anchor
    parsed = Parsed(record.html)
    assert parsed.meta == {
        "title": "Navigation foundation models",
        "id": "2607.10383",
        "upvotes": "42",
        "authors": "Kou Shi · Zun Wang · Ann Lee · Bo Chen",
        "org": "Google",
        "keywords": "navigation · embodied agents",
        "every": EVERY_PAPER_WORD,  # for a search by filters alone
    }
    assert parsed.filters == {
        "org": ["google"],
        "month": ["2026-07"],
        "topic": ["navigation", "agents"],
        "upvotes": ["42"],
        "day": ["2026-07-14"],
    }
    assert parsed.sorts == {}
    # The searchable body, where snippets come from: the title, padded to its span of word
    # positions (a match there is a match in the title), the abstract, then the AI summary.
    title, *rest = parsed.body
    assert title.split() == ["Navigation", "foundation", "models"] + [TITLE_PAD] * (TITLE_SPAN - 3)
    assert rest == ["Agents that walk through rooms.", "A model that walks."]
    assert '<html lang="en">' in record.html  # Pagefind's English stemming
    assert record.html.count("data-pagefind-body") == 1


def test_missing_optional_fields_leave_their_parts_out():
    bare = paper(authors=(), ai_summary=None, ai_keywords=(), organization=None)
    parsed = Parsed(paper_record(bare).html)
    assert set(parsed.meta) == {"title", "id", "upvotes", "every"}
    assert set(parsed.filters) == {"month", "upvotes", "day"}
    assert parsed.body[1:] == ["Agents that walk through rooms."]


@pytest.mark.parametrize("abstract", ["", "!!! …—", "\u200b", "'", "\u0300"])
def test_a_paper_whose_abstract_has_no_word_is_still_indexed_by_its_title_and_id(abstract):
    """Issue 20, case 2: Pagefind leaves out a record whose body has no word, and the build failed."""
    parsed = Parsed(paper_record(paper(abstract=abstract, ai_summary=None)).html)
    assert parsed.body[-1] == "Navigation foundation models 2607.10383"
    untitled = Parsed(paper_record(paper(title="\u200b", abstract=abstract, ai_summary=None)).html)
    assert untitled.meta["title"] == "2607.10383" and untitled.body[-1] == "2607.10383 2607.10383"
    # A paper with words keeps its body as it was.
    assert Parsed(paper_record(paper(abstract="Words.", ai_summary=None)).html).body[1:] == ["Words."]


def test_an_organization_without_a_full_name_shows_its_hub_name():
    parsed = Parsed(paper_record(paper(organization=Organization(name="mit-han-lab"))).html)
    assert parsed.meta["org"] == "mit-han-lab" and parsed.filters["org"] == ["mit-han-lab"]


HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> &amp; "quoted"'


def test_hostile_text_stays_text_in_every_field():
    hostile = paper(
        title=HOSTILE,
        authors=(HOSTILE,),
        abstract=HOSTILE,
        ai_summary=HOSTILE,
        ai_keywords=(HOSTILE,),
        organization=Organization(name=HOSTILE, fullname=HOSTILE),
    )
    record = paper_record(hostile, [HOSTILE])
    parsed = Parsed(record.html)
    assert set(parsed.tags) == {"html", "head", "meta", "body", "main", "div", "h1", "p"}  # no element from the data
    assert "<script" not in record.html and "<img" not in record.html
    expected = re.sub(r"\s+", " ", HOSTILE)
    assert parsed.meta["title"] == parsed.meta["authors"] == parsed.meta["org"] == expected
    assert parsed.filters["org"] == parsed.filters["topic"] == [expected]
    title = " ".join([expected, *[TITLE_PAD] * (TITLE_SPAN - len(expected.split()))])
    assert parsed.body == [title, expected, expected]  # the title, the abstract, the AI summary


def test_control_and_bidi_characters_are_dropped_like_on_the_pages():
    parsed = Parsed(paper_record(paper(title="Safe\u202etxt.exe\u0000 title\u200b")).html)
    assert parsed.meta["title"] == "Safetxt.exe title"


def test_an_anchor_with_unsafe_characters_gets_a_safe_path():
    record = paper_record(paper(pid="weird/id?#1"))
    # The record's file is named for the paper's anchor on its day page, one path segment.
    folder, name = record.path.rsplit("/", 1)
    assert folder == "archive/2026/07/14"
    assert name == f"{anchor_id('weird/id?#1')}.html"
    assert not set(name) & set("/?#%\\")


def papers_over(months: dict[str, int]) -> list[Paper]:
    """``count`` papers on the first days of each YYYY-MM."""
    out = []
    for month, count in months.items():
        year, m = map(int, month.split("-"))
        for i in range(count):
            out.append(paper(f"{year % 100:02d}{m:02d}.{i:05d}", dt.date(year, m, 1 + i % 28)))
    return out


def test_bundles_group_whole_months_of_one_year_up_to_a_size(monkeypatch):
    monkeypatch.setattr(search_records, "MAX_PAPERS_PER_BUNDLE", 10)
    counts = {"2025-11": 4, "2025-12": 4, "2026-01": 6, "2026-02": 3, "2026-03": 2, "2026-04": 12, "2026-05": 1}
    bundles = plan_bundles(papers_over(counts), lambda p: ())
    assert [(b.name, b.months, b.papers) for b in bundles] == [
        ("2025-11", ("2025-11", "2025-12"), 8),
        ("2026-01", ("2026-01", "2026-02"), 9),  # a new year starts a bundle; 9 + 2 > 10 closes it
        ("2026-03", ("2026-03",), 2),
        ("2026-04", ("2026-04",), 12),  # a month is never split, even over the size
        ("2026-05", ("2026-05",), 1),
    ]
    # Records are in date order within a bundle, each exactly once.
    paths = [r.path for b in bundles for r in b.records]
    assert len(paths) == len(set(paths)) == 32
    assert all(p <= q for p, q in zip(paths, paths[1:], strict=False))


def test_a_new_day_changes_only_the_newest_bundle(monkeypatch):
    monkeypatch.setattr(search_records, "MAX_PAPERS_PER_BUNDLE", 10)
    before = papers_over({"2026-01": 6, "2026-02": 3, "2026-03": 2})
    after = [*before, paper("2603.99999", dt.date(2026, 3, 20))]
    old = {b.name: b.digest() for b in plan_bundles(before, lambda p: ())}
    new = {b.name: b.digest() for b in plan_bundles(after, lambda p: ())}
    assert old.keys() == new.keys() == {"2026-01", "2026-03"}
    assert old["2026-01"] == new["2026-01"] and old["2026-03"] != new["2026-03"]
    # Upvotes changing on a day, or Pagefind's settings changing, change the digest too.
    bumped = [dataclasses.replace(p, upvotes=p.upvotes + 1) if p.id == before[0].id else p for p in before]
    assert plan_bundles(bumped, lambda p: ())[0].digest() != old["2026-01"]
    assert plan_bundles(before, lambda p: ())[0].digest("pagefind 9") != old["2026-01"]


def test_papers_without_a_listing_day_are_not_indexed():
    assert plan_bundles([paper(day=None)], lambda p: ()) == []


def test_the_manifest_lists_bundles_newest_first_and_the_filters_labels(monkeypatch):
    monkeypatch.setattr(search_records, "MAX_PAPERS_PER_BUNDLE", 10)
    bundles = plan_bundles(papers_over({"2025-12": 2, "2026-01": 3}), lambda p: ())
    got = manifest(bundles, {"entropy": "Entropy"}, {"google": "Google", "ai2": "Allen AI"})
    assert got["bundles"] == [
        {"name": "2026-01", "first": "2026-01", "last": "2026-01", "papers": 3},
        {"name": "2025-12", "first": "2025-12", "last": "2025-12", "papers": 2},
    ]
    assert got["months"] == ["2026-01", "2025-12"]
    assert got["topics"] == [["entropy", "Entropy"]]
    assert got["orgs"] == [["ai2", "Allen AI"], ["google", "Google"]]  # by the name shown


@pytest.mark.parametrize("upvotes", [0, 7, 12345])
def test_upvotes_are_a_whole_number_the_search_page_can_sort_by(upvotes):
    assert Parsed(paper_record(paper(upvotes=upvotes)).html).filters["upvotes"] == [str(upvotes)]


def test_a_long_title_keeps_its_first_words_within_the_span():
    long = " ".join(f"w{i}" for i in range(100))
    title = Parsed(paper_record(paper(title=long)).html).body[0].split()
    assert len(title) == TITLE_SPAN and title[: TITLE_SPAN - 1] == long.split()[: TITLE_SPAN - 1]


def test_the_records_filters_are_those_the_manifest_names():
    """search.js reads the filter names from the manifest's rules: they are the records' own."""
    parsed = Parsed(paper_record(paper(), ["agents"]).html)
    assert set(parsed.filters) == set(PAGE_FILTERS) | set(SORT_FILTERS.values())
    rules = manifest(plan_bundles([paper()], lambda p: ()), {}, {})["rules"]
    assert rules["filters"] == list(PAGE_FILTERS) and rules["sort_filters"] == SORT_FILTERS
    assert rules["every_paper_word"] == EVERY_PAPER_WORD and rules["title_span"] == TITLE_SPAN
    assert rules["record_url"].format(page="archive/2026/07/14/", anchor="2607.10383") == paper_record(paper()).path


def test_the_vocabulary_holds_title_words_and_the_words_of_several_abstracts():
    papers = [
        paper("2607.00001", title="Awakening Static Worlds", abstract="Rooms and agents.", ai_summary=None),
        paper("2607.00002", title="Other", abstract="Agents in rooms, once: zyxwv.", ai_summary=None),
    ]
    lines = dict(line.split("\t") for line in vocabulary(papers).splitlines())
    words = {w: int(n) for n, ws in lines.items() for w in ws.split()}
    assert words["awakening"] == 1 and words["static"] == 1  # a title's words, even of one paper
    assert words["agents"] == 2 and words["rooms"] == 2
    assert "zyxwv" not in words and "once" not in words  # in one abstract only
    assert list(map(int, lines)) == sorted(map(int, lines), reverse=True)  # most papers first
