"""Items of the Hub's papers API parsed into the one data model, in both schemas found in the wild."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.errors import ContentError
from generator.hub.items import paper_from_api
from generator.hub.saved_answers import read_answer

from ..common import HUB_ANSWERS


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
