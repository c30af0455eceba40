"""The benchmark's synthetic archive and script (benchmarks/): valid data, and a run at a tiny size.

Nothing here is timed: the benchmark measures speed, these tests only check
that what it measures is a real archive and a real build.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from benchmarks import run, synthetic
from benchmarks.page_sizes import BUDGET_KB, page_kind
from generator.content.days import DayStore
from generator.model import ARXIV_ID

from .common import ROOT


def test_synthetic_archive_is_a_valid_store_of_consecutive_weekdays(tmp_path):
    result = synthetic.build(tmp_path / "content", 12)
    archive = DayStore(tmp_path / "content").load()  # parses every file as the generator does

    dates = [d.date for d in archive.days]
    assert dates == synthetic.archive_days(12)[:-1]
    assert all(d.weekday() < 5 for d in dates)
    papers = list(archive.papers())
    assert len(papers) == result["papers"] == result["added"]
    assert len({p.id for p in papers}) == len(papers)
    assert all(ARXIV_ID.fullmatch(p.id) for p in papers)

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
    assert archive.days[-1].date == synthetic.archive_days(6)[-1] == synthetic.END
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
    months = {day.date.strftime("%Y-%m") for day in DayStore(work / "days-3" / "content").load().days}
    assert len(months) == 1  # the 3 days and the next one are in one month: one bundle, indexed again
    assert bundles == months.pop()
    assert float(row["build ÷ mkdocs"].strip("*")) > 0
    assert float(row["site MB"]) > 0
    median_kb, max_kb, gzipped_kb = (float(x) for x in row["day page HTML KB (median / max / max gzipped)"].split("/"))
    assert 0 < gzipped_kb < median_kb <= max_kb
    project = work / "days-3"
    assert len(list((project / "content" / "days").rglob("*.json"))) == 4  # 3 days, then the next one
    assert len(list((project / "site" / "archive").glob("*/*/*/index.html"))) == 4
    assert len(list((project / "site" / "pagefind").glob("*/pagefind.js"))) == 1
    index, bundles_cell = row["index s (bundles; Pagefind peak MB)"].split(" ", 1)
    assert float(index) > 0 and bundles_cell.startswith("(1;")


@pytest.mark.parametrize("module", sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py") if p.stem != "__init__"))
def test_every_benchmark_script_still_imports(module):
    """The benchmarks are not run by the suite; at least they must not rot when the package moves."""
    importlib.import_module(f"benchmarks.{module}")


@pytest.mark.parametrize(
    "folder,kind",
    [
        ("", "home"),
        ("archive/2026/07/14", "day"),
        ("archive/2026/07", "month"),
        ("archive/2026", "year"),
        ("weeks", "this week"),
        ("weeks/2026-W29", "week"),
        ("topics/agents", "topic"),
        ("topics/agents/2026", "topic year"),
        ("topics/agents/undated", "topic year"),
        ("topics/agents/2026/07", "topic month"),
        ("orgs", "organizations index"),
        ("orgs/page-2", "organizations index"),
        ("orgs/tencent", "organization"),
        ("orgs/tencent/2026", "organization year"),
        ("about", "other"),
    ],
)
def test_each_page_has_its_kind(folder, kind):
    assert page_kind(folder) == kind


def test_every_generated_page_is_of_a_known_kind(bundled_pages):
    from generator.render import paths

    folders = {paths.page_url(p).rstrip("/") for p in bundled_pages if p.endswith((".md", "index.html"))}
    assert not [f for f in folders if page_kind(f) == "other"]


def test_the_report_names_the_largest_page_of_each_kind(tiny_run):
    work, _ = tiny_run
    report = (work / "RESULTS.md").read_text(encoding="utf-8")
    for kind in ("day", "month", "year", "week", "topic", "organization", "organizations index", "stats"):
        assert re.search(rf"^\| {kind} \| \d+ \(\d+\) `[^`]+` \|$", report, re.M), kind
    assert re.search(rf"- 3 days: \d+ HTML pages, site \d+ MB; 0 pages over {BUDGET_KB} KB$", report, re.M)
