"""The benchmark's synthetic archive and script (benchmarks/): valid data, and a run at a tiny size.

Nothing here is timed: the benchmark measures speed, these tests only check
that what it measures is a real archive and a real build.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks import run, synthetic
from benchmarks.pagefind_bytes import PagefindBundle
from generator import mdtext
from generator.mdtext import clean, relpath, text
from generator.model import ARXIV_ID
from generator.store import Store


def test_synthetic_archive_is_a_valid_store_of_consecutive_weekdays(tmp_path):
    result = synthetic.build(tmp_path / "content", 12)
    archive = Store(tmp_path / "content").load()  # parses every file as the generator does

    dates = [d.date for d in archive.days]
    assert dates == synthetic.weekdays(synthetic.START, 12)
    assert all(d.weekday() < 5 for d in dates)
    papers = list(archive.papers())
    assert len(papers) == result["papers"] == result["added"]
    assert len({p.id for p in papers}) == len(papers)
    assert all(ARXIV_ID.match(p.id) for p in papers)

    real = synthetic.Sample.load()
    real_lengths = sorted(len(p.abstract) for p in real.papers)
    for day in archive.days:
        assert min(real.day_counts) <= len(day.papers) <= 55
    for paper in papers:
        assert real_lengths[0] <= len(paper.abstract) <= real_lengths[-1] + 600
        assert paper.title and paper.authors and paper.day is not None


def test_the_next_day_adds_one_day_and_loses_nothing(tmp_path):
    content = tmp_path / "content"
    synthetic.build(content, 6)
    before = {p.id: p for p in Store(content).load().papers()}
    added = synthetic.build(content, 6, next_day=True)
    archive = Store(content).load()
    assert len(archive.days) == 7
    assert archive.days[-1].date == synthetic.weekdays(synthetic.START, 7)[-1]
    after = {p.id: p for p in archive.papers()}
    assert before.items() <= after.items()
    assert len(after) == len(before) + added["added"]


def test_the_same_seed_makes_the_same_archive(tmp_path):
    synthetic.build(tmp_path / "a", 4)
    synthetic.build(tmp_path / "b", 4)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.json"))
    assert files_a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.json"))
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The benchmark run once at 3 days, as its command line runs it: (work dir, table row by column)."""
    work = tmp_path_factory.mktemp("bench")
    output = work / "RESULTS.md"
    assert run.main(["--sizes", "3", "--workdir", str(work), "--keep", "--output", str(output)]) == 0
    lines = output.read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("| 3 |"))
    cells = lambda line: [c.strip() for c in line.strip().strip("|").split("|")]  # noqa: E731
    return work, dict(zip(cells(lines[i - 2]), cells(lines[i])))


def test_benchmark_runs_end_to_end_at_a_tiny_size(tiny_run):
    work, row = tiny_run
    # Adding a day rewrites some pages, never all of them.
    written, total = map(int, re.search(r"\((\d+) of (\d+)\)", row["+1 day: generate s (files rewritten)"]).groups())
    assert 0 < written < total
    assert float(row["site MB"]) > 0
    median_kb, max_kb, gzipped_kb = (float(x) for x in row["day page HTML KB (median / max / max gzipped)"].split("/"))
    assert 0 < gzipped_kb < median_kb <= max_kb
    project = work / "days-3"
    assert len(list((project / "content" / "days").rglob("*.json"))) == 4  # 3 days, then the next one
    assert len(list((project / "site" / "archive").glob("*/*/*/index.html"))) == 3


def test_search_cost_counts_the_files_a_query_fetches(tiny_run):
    work, _ = tiny_run
    site = work / "days-3" / "site"
    bundle = PagefindBundle(site / "pagefind")
    title_word = Store(work / "days-3" / "content").load().days[0].by_upvotes()[0].title.split()[-1]
    hit, miss = bundle.cost(title_word), bundle.cost("zzqqxxnotaword")
    assert hit.results > 0 and hit.fragment_bytes > 0
    assert miss.results == 0 and miss.fragment_bytes == 0
    assert hit.once_bytes == miss.once_bytes > 0
    assert 0 < hit.chunk_bytes <= sum(p.stat().st_size for p in (site / "pagefind" / "index").iterdir())


# The generator's text functions were made faster for the benchmark's sizes; these
# pin them to their original definitions, character for character.

def _reference_clean(value: str) -> str:
    value = "".join(ch for ch in value if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")
    value = re.sub(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]", "", value)
    return re.sub(r"\s+", " ", value).strip()


_ALPHABET = st.one_of(
    st.characters(max_codepoint=0x2FF),
    st.sampled_from([chr(c) for c in (*range(0x2000, 0x2070), 0x85, 0xA0, 0x3000, 0xFEFF, 0x61C, 0x1C, 0x1F)]),
    st.characters(),
)


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_clean_and_text_keep_their_meaning(value):
    assert clean(value) == _reference_clean(value)
    # text() replaces every special character by its numeric reference (a regex now, not str.translate).
    references = {ord(c): f"&#{ord(c)};" for c in mdtext._SPECIAL}
    assert mdtext._SPECIAL_RE.sub(mdtext._reference, clean(value)) == _reference_clean(value).translate(references)
    assert html.unescape(text(value)) == clean(value)


_PATH_PART = st.sampled_from(["archive", "2026", "07", "14.md", "index.md", "topics", "x.md", ".", "..", ""])


@given(st.lists(_PATH_PART, min_size=1, max_size=5), st.lists(_PATH_PART, min_size=1, max_size=5), st.booleans())
def test_relpath_keeps_its_meaning(target_parts, source_parts, absolute):
    target, source = "/".join(target_parts), ("/" if absolute else "") + "/".join(source_parts)
    try:
        expected = posixpath.relpath(target, posixpath.dirname(source) or ".")
    except ValueError:
        return
    assert relpath(target, source) == expected


def test_pages_are_written_atomically_without_an_fsync_each(tmp_path, monkeypatch):
    """generate writes docs/ with durable=False (an fsync per page was most of a full run); content stays durable."""
    import os

    from generator.atomic import write_atomic

    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    page = tmp_path / "docs" / "a" / "b.md"
    assert write_atomic(page, b"one", durable=False) is True
    assert page.read_bytes() == b"one" and synced == []
    assert write_atomic(page, b"one", durable=False) is False
    assert write_atomic(page, b"two", durable=False) is True and page.read_bytes() == b"two"
    assert [p.name for p in page.parent.iterdir()] == ["b.md"]  # no temporary left behind
    assert write_atomic(tmp_path / "content.json", b"{}") is True
    assert len(synced) == 2  # the default still syncs the file and its folder
