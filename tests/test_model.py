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
