"""The benchmark's synthetic archive and script (benchmarks/): valid data, and a run at a tiny size.

Nothing here is timed: the benchmark measures speed, these tests only check
that what it measures is a real archive and a real build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks import run, synthetic
from generator.content.days import DayStore
from generator.model import ARXIV_ID


def test_synthetic_archive_is_a_valid_store_of_consecutive_weekdays(tmp_path):
    result = synthetic.build(tmp_path / "content", 12)
    archive = DayStore(tmp_path / "content").load()  # parses every file as the generator does

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
    before = {p.id: p for p in DayStore(content).load().papers()}
    added = synthetic.build(content, 6, next_day=True)
    archive = DayStore(content).load()
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
    args = ["--sizes", "3", "--workdir", str(work), "--keep", "--output", str(output), "--no-browser"]
    assert run.main(args) == 0
    lines = output.read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("| 3 |"))
    cells = lambda line: [c.strip() for c in line.strip().strip("|").split("|")]  # noqa: E731
    return work, dict(zip(cells(lines[i - 2]), cells(lines[i]), strict=True))


def test_benchmark_runs_end_to_end_at_a_tiny_size(tiny_run):
    work, row = tiny_run
    # Adding a day rewrites some pages, never all of them, and indexes its bundle again.
    cell = row["+1 day: build s (bundles indexed; pages rewritten)"]
    bundles, written, total = re.search(r"\(([^;]+); (\d+) of (\d+)\)", cell).groups()
    assert 0 < int(written) < int(total)
    assert bundles == "2023-05"  # the 3 days and the next one are all in May 2023: one bundle
    assert float(row["build ÷ mkdocs"].strip("*")) > 0
    assert float(row["site MB"]) > 0
    median_kb, max_kb, gzipped_kb = (float(x) for x in row["day page HTML KB (median / max / max gzipped)"].split("/"))
    assert 0 < gzipped_kb < median_kb <= max_kb
    project = work / "days-3"
    assert len(list((project / "content" / "days").rglob("*.json"))) == 4  # 3 days, then the next one
    assert len(list((project / "site" / "archive").glob("*/*/*/index.html"))) == 4
    assert (project / "site" / "pagefind" / "2023-05" / "pagefind.js").is_file()
    index, bundles_cell = row["index s (bundles; Pagefind peak MB)"].split(" ", 1)
    assert float(index) > 0 and bundles_cell.startswith("(1;")
