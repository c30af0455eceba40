"""Newest wins, in any order: every stored paper keeps the values of its freshest version, whatever order
answers and saved snapshots arrive in (by listing day, then fetch time, then the growing counts)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import itertools
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.days import DayStore
from generator.hub.saved_answers import ingest
from generator.model import Paper, freshness, merge_by_id

from ..common import HUB_ANSWERS, examples

D1, D2 = dt.date(2026, 7, 14), dt.date(2026, 7, 15)


def snapshot(tmp_path: Path, name: str, items: list[dict]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(items))
    return path


def real_item(upvotes: int, comments: int, day: dt.date) -> dict:
    item = copy.deepcopy(json.loads((HUB_ANSWERS / "2026-07-14.json").read_text())[0])
    item["paper"]["upvotes"], item["numComments"] = upvotes, comments
    item["paper"]["submittedOnDailyAt"] = f"{day}T00:00:00.000Z"
    return item


def stored(store: DayStore, paper_id: str) -> Paper:
    (paper,) = [p for p in store.load().papers() if p.id == paper_id]
    return paper


def test_an_earlier_days_answer_never_lowers_the_counts_of_a_later_day(tmp_path):
    # The case found in real answers: listed on one day and again the next; the later day has 53 upvotes.
    later = (
        snapshot(tmp_path / "a", "2026-07-15.json", [real_item(53, 4, D2)]) if (tmp_path / "a").mkdir() is None else 0
    )
    earlier = snapshot(tmp_path, "2026-07-14.json", [real_item(2, 1, D1)])
    store = DayStore(tmp_path / "content")
    ingest(store, [later])
    ingest(store, [earlier])
    paper = stored(store, "2607.10383")
    assert (paper.day, paper.upvotes, paper.comments) == (D2, 53, 4)


def test_two_saved_snapshots_of_a_day_agree_whichever_comes_first(tmp_path):
    morning = snapshot(tmp_path, "2026-07-14.json", [real_item(5, 0, D1)])
    (tmp_path / "evening").mkdir()
    evening = snapshot(tmp_path / "evening", "2026-07-14.json", [real_item(40, 3, D1)])
    results = []
    for order in ([morning, evening], [evening, morning]):
        store = DayStore(tmp_path / f"content-{len(results)}")
        for path in order:
            ingest(store, [path])
        results.append(store.path_of(D1).read_bytes())
    assert results[0] == results[1]
    assert stored(DayStore(tmp_path / "content-0"), "2607.10383").upvotes == 40
    # With their save times given, the later one wins even with fewer upvotes (a vote was withdrawn).
    store = DayStore(tmp_path / "timed")
    ingest(store, [evening], fetched=dt.datetime(2026, 7, 14, 20, tzinfo=dt.UTC))
    ingest(store, [morning], fetched=dt.datetime(2026, 7, 14, 8, tzinfo=dt.UTC))
    assert stored(store, "2607.10383").upvotes == 40
    ingest(store, [morning], fetched=dt.datetime(2026, 7, 15, 8, tzinfo=dt.UTC))
    assert stored(store, "2607.10383").upvotes == 5


versions = st.lists(
    st.tuples(
        st.sampled_from([D1, D2]),
        st.one_of(
            st.none(), st.integers(min_value=0, max_value=3).map(lambda h: dt.datetime(2026, 7, 16, h, tzinfo=dt.UTC))
        ),
        st.integers(min_value=0, max_value=60),
        st.integers(min_value=0, max_value=5),  # the Hub always says how many comments
        st.sampled_from(["A title", "A title, revised"]),
    ),
    min_size=1,
    max_size=3,
)


def as_paper(version: tuple) -> Paper:
    day, fetched, upvotes, comments, title = version
    return Paper(
        id="2607.10383", title=title, authors=("A",), abstract="x", day=day, fetched=fetched, upvotes=upvotes,
        comments=comments,
    )  # fmt: skip


@settings(max_examples=examples(40), deadline=None)
@given(versions)
def test_every_order_of_the_snapshots_gives_one_result(tmp_path_factory, snapshots):
    """Snapshots as the Hub gives them: every field there (fields only missing from fresher answers are filled
    from older ones; when several older ones disagree on such a field, the order decides: see merge_paper)."""
    papers = [as_paper(v) for v in snapshots]
    freshest = [p for p in papers if freshness(p) == max(map(freshness, papers))]
    results, folds = set(), set()
    for n, order in enumerate(itertools.permutations(papers)):
        folded = merge_by_id(order)["2607.10383"]
        folds.add(folded)
        assert freshness(folded)[:3] == freshness(freshest[0])[:3]  # day, fetch time, upvotes of the freshest
        assert folded.title in {p.title for p in freshest}
        # Through the store, one answer at a time: the same bytes whatever the order.
        store = DayStore(tmp_path_factory.mktemp(f"order{n}"))
        for paper in order:
            store.merge([paper])
        results.add(tuple(store.path_of(d).read_bytes() for d in store.dates()))
    assert len(results) == 1 and len(folds) == 1


def test_a_field_only_an_older_version_has_is_kept(tmp_path):
    newer = as_paper((D2, dt.datetime(2026, 7, 16, 3, tzinfo=dt.UTC), 10, None, "A title"))
    older = dataclasses.replace(as_paper((D1, None, 2, 1, "A title")), ai_summary="Only the older answer had it.")
    for order in ([newer, older], [older, newer]):
        merged = merge_by_id(order)["2607.10383"]
        assert (merged.upvotes, merged.day, merged.comments) == (10, D2, 1)
        assert merged.ai_summary == "Only the older answer had it."
