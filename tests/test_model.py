"""Parsing the Hub's items (both schemas) and the stored records into one Paper model."""

from __future__ import annotations

import json

import pytest

from generator.errors import ContentError
from generator.hub.saved_answers import read_answer
from generator.model import Paper, merge_paper, paper_to_record, record_to_paper

from .common import HUB_ANSWERS


def raw(name: str) -> list[dict]:
    return json.loads((HUB_ANSWERS / name).read_text())


def test_record_round_trip_keeps_every_field_and_unknown_keys():
    for paper in read_answer(HUB_ANSWERS / "2026-07-21.json"):
        rec = paper_to_record(paper)
        rec["from_the_future"] = {"x": 1}
        again = record_to_paper(rec, "t")
        assert again == paper
        assert paper_to_record(again) == rec


def test_record_with_wrong_type_is_a_clear_error():
    rec = paper_to_record(read_answer(HUB_ANSWERS / "2026-07-21.json")[0])
    rec["upvotes"] = "many"
    with pytest.raises(ContentError, match="'upvotes' must be a whole number"):
        record_to_paper(rec, "content/days/2026/2026-07-21.json: paper #1")


def test_merge_takes_newest_counts_and_keeps_what_the_new_answer_lacks():
    old = Paper(id="1", title="T", authors=("A",), abstract="x", upvotes=3, github_repo="https://github.com/a/b")
    new = Paper(id="1", title="T", authors=("A",), abstract="x", upvotes=9)
    merged = merge_paper(old, new)
    assert merged.upvotes == 9
    assert merged.github_repo == "https://github.com/a/b"


def test_a_field_declared_once_is_read_stored_and_exported():
    """Issue 24: ``discussion_id`` (the Hub's ``paper.discussionId``) is one declaration on ``Paper``; the
    Hub's items, the stored records, the JSON Lines export and the data page's schema all follow it."""
    from generator.render.export import RECORD_FIELDS, record
    from generator.render.pages.data import SCHEMA

    items = raw("2026-07-14.json")
    papers = read_answer(HUB_ANSWERS / "2026-07-14.json")
    by_id = {i["paper"]["id"]: i["paper"].get("discussionId") for i in items}
    assert papers and all(p.discussion_id == by_id[p.id] for p in papers)
    assert any(p.discussion_id for p in papers)
    paper = next(p for p in papers if p.discussion_id)
    assert paper_to_record(paper)["discussion_id"] == paper.discussion_id
    assert record_to_paper(paper_to_record(paper), "t") == paper
    assert "discussion_id" in RECORD_FIELDS and record(paper, ())["discussion_id"] == paper.discussion_id
    assert ("discussion_id", "string or null", "the id of the paper's discussion on the Hub") in SCHEMA


def test_every_text_and_list_the_hub_gives_is_bounded():
    """A field read from the Hub declares its bound: one answer can make no page or day file unboundedly large."""
    from generator.fields import Count, Date, Text, Texts, Url
    from generator.model import PAPER_FIELDS

    for f in PAPER_FIELDS:
        if f.spec.hub and isinstance(f.spec.kind, Text) and not isinstance(f.spec.kind, Url) and f.name != "id":
            assert f.spec.limit, f.name
        if f.spec.hub and isinstance(f.spec.kind, Texts):
            assert f.spec.limit and f.spec.item_limit, f.name
        assert f.spec.doc, f.name
        known = isinstance(f.spec.kind, Text | Texts | Count | Date | Url)
        assert known or f.name in ("organization", "fetched"), f.name
