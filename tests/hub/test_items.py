"""Items of the Hub's papers API parsed into the one data model, in both schemas found in the wild."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.hub import items as hub_items
from generator.hub.items import paper_from_api
from generator.hub.saved_answers import read_answer
from generator.model import ListingWindow, paper_id_problem

from ..common import HUB_ANSWERS, examples


def raw(name: str) -> list[dict]:
    return json.loads((HUB_ANSWERS / name).read_text())


def test_current_schema_item_gives_every_field():
    items = raw("2026-07-14.json")
    item = next(i for i in items if i["paper"]["id"] == "2607.10383")
    paper = paper_from_api(item, "2026-07-14.json: item #1")
    assert paper.id == "2607.10383"
    assert paper.title == item["paper"]["title"]
    assert paper.authors[:2] == ("Ruiyan Gong", "Yingnan Guo")
    assert len(paper.authors) == len(item["paper"]["authors"])
    assert paper.abstract == item["paper"]["summary"]
    assert paper.day == dt.date(2026, 7, 14)  # from paper.submittedOnDailyAt
    assert paper.published == dt.date(2026, 7, 11)  # paper.publishedAt, not the listing day
    assert paper.upvotes == item["paper"]["upvotes"]
    assert paper.comments == item["numComments"]
    assert paper.project_page == item["paper"]["projectPage"]
    assert paper.organization is not None and paper.organization.fullname == "Alibaba AMAP CV Lab"
    assert paper.thumbnail == item["thumbnail"]
    assert paper.submitter == "mingchenlin2025"


def test_ai_fields_and_github_are_read_where_present():
    papers = [p for f in sorted(HUB_ANSWERS.glob("2026-*.json")) for p in read_answer(f)]
    with_ai = [p for p in papers if p.ai_summary]
    with_gh = [p for p in papers if p.github_repo]
    assert with_ai and all(p.ai_keywords for p in with_ai)
    assert with_gh and any(p.github_stars is not None for p in with_gh)


def test_2024_schema_takes_the_listing_day_from_the_request():
    papers = read_answer(HUB_ANSWERS / "2024-08-02.json")
    assert len(papers) == len(raw("2024-08-02.json"))
    assert {p.day for p in papers} == {dt.date(2024, 8, 2)}
    sam = next(p for p in papers if p.id == "2408.00714")
    assert sam.title == "SAM 2: Segment Anything in Images and Videos"
    assert sam.ai_summary is None and sam.github_repo is None  # absent, not invented


@pytest.mark.parametrize("missing", ["id", "title", "summary"])
def test_missing_required_field_names_the_file_and_item(missing):
    item = raw("2026-07-14.json")[3]
    item["paper"].pop(missing)
    item.pop(missing, None)
    with pytest.raises(ContentError) as e:
        paper_from_api(item, "2026-07-14.json: item #4")
    assert "2026-07-14.json: item #4" in str(e.value.message)
    assert repr(missing) in e.value.message


@pytest.mark.parametrize(
    "variant",
    ["name and user", "user and fullname only", "only the item's submittedBy", "none (2024)", "not a user name"],
)
def test_the_submitter_is_read_from_every_schema_variant(variant):
    item = raw("2026-07-22.json")[0]
    on_daily, by = item["paper"]["submittedOnDailyBy"], item["submittedBy"]
    expected = (on_daily["user"], on_daily["fullname"])
    if variant == "user and fullname only":  # what many current answers hold
        del on_daily["name"]
    elif variant == "only the item's submittedBy":
        del item["paper"]["submittedOnDailyBy"]
        expected = (by["name"], by["fullname"])
    elif variant == "none (2024)":
        del item["paper"]["submittedOnDailyBy"], item["submittedBy"]
        expected = (None, None)
    elif variant == "not a user name":  # it becomes a link to huggingface.co/<name>: never anything else
        on_daily["name"] = on_daily["user"] = by["name"] = "../../evil?x=1"
        expected = (None, on_daily["fullname"])
    paper = paper_from_api(item, "2026-07-22.json: item #1")
    assert (paper.submitter, paper.submitter_fullname) == expected


def test_every_recorded_current_answer_names_its_submitter():
    papers = [p for f in sorted(HUB_ANSWERS.glob("2026-*.json")) for p in read_answer(f)]
    assert papers and all(p.submitter and p.submitter_fullname for p in papers)


# -- any answer at all (issue 13): the parser refuses, quarantines or cuts, and never crashes ---------


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)
FIELD_VALUES = {
    "id": st.sampled_from(["2607.10383", "2607.1038", "listing-00ff", "\u0662\u0666\u0660\u0667.10383", "a/b", ""])
    | ANY_JSON,
    "title": st.text(max_size=40) | ANY_JSON,
    "summary": st.text(max_size=40) | ANY_JSON,
    "authors": st.lists(st.fixed_dictionaries({"name": st.text(max_size=10)}), max_size=5) | ANY_JSON,
    "submittedOnDailyAt": st.sampled_from(["2026-07-14T08:00:00Z", "2099-01-01", "0001-01-01", "9999-12-31", "x"])
    | ANY_JSON,
    "upvotes": st.integers() | ANY_JSON,
    "ai_keywords": st.lists(st.text(max_size=8), max_size=4) | ANY_JSON,
    "organization": st.fixed_dictionaries({"name": st.text(max_size=8)}) | ANY_JSON,
    "githubRepo": st.text(max_size=20) | ANY_JSON,
}
ITEM = st.fixed_dictionaries({}, optional={k: v for k, v in FIELD_VALUES.items()}).flatmap(
    lambda paper: st.sampled_from([{"paper": paper}, paper, {"paper": paper, "numComments": -3}])
)
WINDOW = ListingWindow(dt.date(2023, 5, 4), dt.date(2026, 11, 30))


@settings(max_examples=examples(150), deadline=None)
@given(items=st.lists(ITEM | ANY_JSON, max_size=6), day=st.none() | st.dates())
def test_any_answer_gives_only_valid_papers_and_counts_the_rest(items, day):
    parsed = hub_items.papers_of(items, "2026-07-14", day, WINDOW)
    assert len(parsed.papers) + parsed.skipped + parsed.quarantined == len(items)
    for p in parsed.papers:
        assert paper_id_problem(p.id) is None
        assert p.day is None or p.day in WINDOW
        assert len(p.title) <= hub_items.MAX_TITLE and len(p.abstract) <= hub_items.MAX_TEXT
        assert len(p.authors) <= hub_items.MAX_AUTHORS and p.upvotes >= 0
        assert all(isinstance(a, str) for a in p.authors)
