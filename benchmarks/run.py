"""Measure the whole pipeline on synthetic archives of several sizes.

    .venv/bin/python -m benchmarks.run --sizes 100,300,1000,3000

For each size (listing days), in a fresh copy of the site's sources below a
work directory (never the repository's content/ or docs/), one child process
per step, as CI runs them:

1. ingest: ``python -m benchmarks.synthetic`` merges the synthetic archive
   through ``DayStore.merge``;
2. generate: ``python -m generator generate`` (all pages, from nothing);
3. mkdocs: ``python -m mkdocs build --strict``, alone;
4. index: the site search's index alone (``benchmarks/index_step.py``: records
   from content/, Pagefind over every bundle, an empty cache); similar: the similar
   papers alone (``benchmarks/similar_step.py``), from nothing;
5. build: ``python -m generator build`` from nothing (no generated page, no
   cached bundle): generate, then MkDocs with the index made meanwhile;
6. +1 day: the next weekday is merged (``--next-day``) and ``python -m generator
   build`` runs again, as the daily update does: its time, the pages it
   rewrote and the search bundles it indexed again (the others come from the cache);
   before it, the similar papers alone with the cache of the first build (the blocks of the
   newest year computed again), the cache then put back as it was for the build;
7. search: what a search costs a visitor, in Chromium (``benchmarks/search_browser.py``;
   ``--no-browser`` skips it).

Wall time and peak memory (maximum resident set size, from ``wait4``) are
taken per child. Then the site is measured: its size and the HTML size of the
day pages. The table is printed and written to ``benchmarks/RESULTS.md``, with the
machine's core count and load average, as the machine may be shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.render import paths
from generator.render.site_data import SIMILAR_CACHE
from generator.site.search_index import CACHE_DIR

from .page_sizes import BUDGET_KB, Largest, largest_pages, over_budget
from .synthetic import SAMPLE

if TYPE_CHECKING:
    from .search_browser import Summary

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
# The steps that make the site from content, one after the other, as the build did before it
# ran the search index beside MkDocs.
SERIAL_STEPS = ("generate", "mkdocs", "index")


class StepFailed(Exception):
    pass


@dataclass
class Step:
    seconds: float  # wall time
    cpu_s: float  # user + system time of the child and its children: steadier than wall time under load
    peak_mb: float
    stdout: str


@dataclass
class Result:
    days: int
    load_before: str = ""
    load_after: str = ""
    papers: int = 0
    steps: dict[str, Step] = field(default_factory=dict)
    index: dict[str, Any] = field(default_factory=dict)  # benchmarks/index_step.py's report
    similar: dict[str, Any] = field(default_factory=dict)  # benchmarks/similar_step.py's, from nothing
    similar_next: dict[str, Any] = field(default_factory=dict)  # the same after one more day
    bundles: int = 0
    next_day_written: int = 0
    next_day_pages: int = 0
    next_day_indexed: str = ""  # the bundles the +1 day build indexed again
    site_mb: float = 0.0
    day_html_kb_median: float = 0.0
    day_html_kb_max: float = 0.0
    day_html_kb_max_gzip: float = 0.0
    search: dict[str, Summary] = field(default_factory=dict)  # "box"/"page"
    html_pages: int = 0
    largest: list[Largest] = field(default_factory=list)  # the largest page of each kind
    over_budget: list[str] = field(default_factory=list)  # pages over page_sizes.BUDGET_KB

    def s(self, name: str) -> float:
        return self.steps[name].seconds

    @property
    def ratio(self) -> float:
        """The end-to-end build against MkDocs alone on the same pages."""
        return self.s("build") / self.s("mkdocs")

    @property
    def next_day_ratio(self) -> float:
        return self.s("build +1 day") / self.s("mkdocs")

    @property
    def peak_mb(self) -> float:
        return max(step.peak_mb for name, step in self.steps.items() if not name.startswith("ingest"))


def run_step(cmd: list[str], cwd: Path) -> Step:
    """Run ``cmd`` as a child process; its wall time and peak RSS (with its own children)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    env["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        # wait4, not proc.wait(): it also returns the child's resource usage, and on
        # Linux ru_maxrss covers the largest of the child and the children it waited for.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise StepFailed(f"{' '.join(cmd)} failed (exit {proc.returncode}):\n{stderr[-3000:]}")
    return Step(seconds=seconds, cpu_s=usage.ru_utime + usage.ru_stime, peak_mb=usage.ru_maxrss / 1024, stdout=stdout)


def make_project(dest: Path) -> Path:
    """A copy of the site's sources, without generated pages, with the sample's topics and no day yet."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("pagefind.yml", "pagefind.yaml", "pagefind.toml", "pagefind.json"):
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "generator" / "theme", dest / "generator" / "theme")
    generated = shutil.ignore_patterns(*paths.GENERATED_ROOTS, ".generated")
    top = str(ROOT / "docs")  # generated roots are only skipped at the top of docs/
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=lambda d, names: generated(d, names) if d == top else set())
    (dest / "content").mkdir()
    shutil.copy2(SAMPLE / "topics.yml", dest / "content" / "topics.yml")
    return dest


def _build_counts(stdout: str) -> tuple[int, int, str]:
    """From ``python -m generator build``'s report: pages written, pages produced, bundles indexed again."""
    pages = re.search(r"generate: (\d+) pages written, (\d+) unchanged", stdout)
    indexed = re.search(r"search: .*?(\d+) indexed \(([^;]*);", stdout)
    if not pages:
        raise StepFailed(f"unexpected output of build: {stdout!r}")
    written, unchanged = int(pages.group(1)), int(pages.group(2))
    return written, written + unchanged, indexed.group(2) if indexed else "none"


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def measure(
    days: int, workdir: Path, profile: bool = False, browser: bool = True, log: Callable[[str], None] = print
) -> Result:
    py = sys.executable
    project = make_project(workdir / f"days-{days}")
    content, site = project / "content", project / "site"
    result = Result(days=days, load_before=_load())

    def step(name: str, cmd: list[str]) -> Step:
        log(f"  {days} days: {name} ...")
        done = run_step(cmd, project)
        result.steps[name] = done
        log(f"  {days} days: {name} {done.seconds:.2f} s (CPU {done.cpu_s:.2f} s), {done.peak_mb:.0f} MB")
        return done

    def fresh() -> None:
        """No generated page, no cached search bundle: a build from nothing, as on a new clone."""
        for name in paths.GENERATED_ROOTS:
            target = project / "docs" / name
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
        shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
        shutil.rmtree(project / SIMILAR_CACHE, ignore_errors=True)

    ingest = step("ingest", [py, "-m", "benchmarks.synthetic", "--days", str(days), "--content", str(content)])
    result.papers = json.loads(ingest.stdout)["papers"]
    result.steps["ingest"].seconds = json.loads(ingest.stdout)["ingest_s"]  # the merge itself, not the sampling
    step("generate", [py, "-m", "generator", "generate"])
    step("mkdocs", [py, "-m", "mkdocs", "build", "--clean", "--strict", "-f", "mkdocs.yml", "-d", str(site)])
    fresh()
    index = step("index", [py, "-m", "benchmarks.index_step", "--config", "mkdocs.yml", "--site-dir", str(site)])
    result.index = json.loads(index.stdout)
    result.bundles = result.index["bundles"]
    fresh()
    similar = step("similar", [py, "-m", "benchmarks.similar_step", "--config", "mkdocs.yml"])
    result.similar = json.loads(similar.stdout)
    fresh()
    step("build", [py, "-m", "generator", "build", "--site-dir", str(site)])

    next_day = step(
        "ingest +1 day",
        [py, "-m", "benchmarks.synthetic", "--days", str(days), "--content", str(content), "--next-day"],
    )
    result.steps["ingest +1 day"].seconds = json.loads(next_day.stdout)["ingest_s"]
    kept = workdir / f"similar-cache-{days}"
    shutil.rmtree(kept, ignore_errors=True)
    shutil.copytree(project / SIMILAR_CACHE, kept)
    similar = step("similar +1 day", [py, "-m", "benchmarks.similar_step", "--config", "mkdocs.yml"])
    result.similar_next = json.loads(similar.stdout)
    shutil.rmtree(project / SIMILAR_CACHE)
    kept.rename(project / SIMILAR_CACHE)  # as the first build left it: the +1 day build computes its own
    rebuilt = step("build +1 day", [py, "-m", "generator", "build", "--site-dir", str(site)])
    result.next_day_written, result.next_day_pages, result.next_day_indexed = _build_counts(rebuilt.stdout)

    result.site_mb = _tree_bytes(site) / 1e6
    day_html = [p.stat().st_size for p in site.glob("archive/*/*/*/index.html")]
    result.day_html_kb_median = statistics.median(day_html) / 1e3
    result.day_html_kb_max = max(day_html) / 1e3
    largest = max(site.glob("archive/*/*/*/index.html"), key=lambda p: p.stat().st_size)
    result.day_html_kb_max_gzip = len(gzip.compress(largest.read_bytes(), 6)) / 1e3  # as a server sends it
    result.html_pages = sum(1 for _ in site.rglob("*.html"))
    result.largest = largest_pages(site)
    result.over_budget = over_budget(site)
    if browser:
        from . import search_browser

        log(f"  {days} days: search in Chromium ...")
        costs = search_browser.measure(site, search_browser.queries_for(content))
        result.search = {where: search_browser.summarize(costs, where) for where in ("box", "page")}
        (workdir / f"search-{days}.md").write_text(search_browser.table(costs) + "\n", encoding="utf-8")

    if profile:
        for name, cmd in (
            ("generate", ["-m", "generator", "generate"]),
            ("mkdocs", ["-m", "mkdocs", "build", "--clean", "--strict", "-f", "mkdocs.yml", "-d", str(site)]),
        ):
            if name == "generate":
                shutil.rmtree(project / "docs" / "archive")  # profile a full generation, not a no-op
            out = workdir / f"profile-{days}-{name}.txt"
            profiler = [py, "-m", "pyinstrument", "--show-all", "-i", "0.002", "-r", "text", "-o", str(out)]
            run_step([*profiler, *cmd], project)
            log(f"  {days} days: profile of {name} in {out}")
    result.load_after = _load()
    return result


def table(results: list[Result]) -> str:
    head = (
        "| days | papers | generate s | mkdocs s | index s (bundles; Pagefind peak MB) | build s | build ÷ mkdocs "
        "| build CPU s | +1 day: build s (bundles indexed; pages rewritten) | +1 day ÷ mkdocs | peak MB "
        "| site MB | day page HTML KB (median / max / max gzipped) "
        "| search kB, box: first / later | search kB, page: first / with counts / later "
        "| first result ms, box / page | Material's index ÷ first search "
        "| similar papers: s, MB; +1 day: s (blocks computed) | load avg (before → after) |"
    )
    lines = [head, "|" + " --: |" * (head.count("|") - 1)]
    for r in results:
        box, page = r.search.get("box"), r.search.get("page")
        search = (
            [
                f"{box.first_kb:.0f} / {box.later_kb:.0f}",
                f"{page.first_kb:.0f} / {page.first_counts_kb:.0f} / {page.later_kb:.0f}",
                f"{box.first_ms:.0f} / {page.first_ms:.0f}",
                f"{box.material_ratio:.0f}×",
            ]
            if box and page
            else ["–"] * 4
        )
        similar = (
            f"{r.s('similar'):.1f}, {r.steps['similar'].peak_mb:.0f}; {r.s('similar +1 day'):.1f} "
            f"({r.similar_next.get('computed', 0)} of {r.similar_next.get('blocks', 0)})"
            if "similar +1 day" in r.steps
            else "–"
        )
        lines.append(
            f"| {r.days:,} | {r.papers:,} | {r.s('generate'):.1f} | {r.s('mkdocs'):.1f} "
            f"| {r.s('index'):.1f} ({r.bundles}; {r.index['pagefind_peak_mb']:.0f}) | **{r.s('build'):.1f}** "
            f"| **{r.ratio:.2f}** | {r.steps['build'].cpu_s:.1f} "
            f"| {r.s('build +1 day'):.1f} ({r.next_day_indexed}; {r.next_day_written} of {r.next_day_pages}) "
            f"| {r.next_day_ratio:.2f} | {r.peak_mb:.0f} | {r.site_mb:.0f} "
            f"| {r.day_html_kb_median:.0f} / {r.day_html_kb_max:.0f} / {r.day_html_kb_max_gzip:.0f} "
            f"| {' | '.join(search)} | {similar} | {r.load_before} → {r.load_after} |"
        )
    names = [n for n in results[0].steps if not n.startswith("ingest")]
    memory = ["", "Peak memory (MB) of each step:", "", "| days | " + " | ".join(names) + " |"]
    memory.append("|" + " --: |" * (len(names) + 1))
    for r in results:
        memory.append(f"| {r.days:,} | " + " | ".join(f"{r.steps[n].peak_mb:.0f}" for n in names) + " |")
    return "\n".join(lines + memory)


def page_table(results: list[Result]) -> list[str]:
    """The largest HTML page of each kind at each size (KB, and which page), and the pages over the budget."""
    kinds = list(dict.fromkeys(largest.kind for r in results for largest in r.largest))
    lines = [
        f"Largest HTML page of each kind, KB (and how many pages of that kind); budget {BUDGET_KB} KB a page:",
        "",
        "| kind | " + " | ".join(f"{r.days:,} days" for r in results) + " |",
        "| --- |" + " --: |" * len(results),
    ]
    for kind in kinds:
        cells = []
        for r in results:
            found = next((x for x in r.largest if x.kind == kind), None)
            cells.append(f"{found.kb:.0f} ({found.pages:,}) `{found.url}`" if found else "—")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines.append("")
    for r in results:
        heavy = ", ".join(r.over_budget[:10]) + (" …" if len(r.over_budget) > 10 else "")
        lines.append(
            f"- {r.days:,} days: {r.html_pages:,} HTML pages, site {r.site_mb:,.0f} MB; "
            f"{len(r.over_budget)} pages over {BUDGET_KB} KB{': ' + heavy if heavy else ''}"
        )
    return lines


def ratios(results: list[Result]) -> list[str]:
    """How the build grows: each size against the previous one (linear growth keeps the two ratios close)."""
    out = []
    for a, b in zip(results, results[1:], strict=False):
        out.append(
            f"- {a.days:,} → {b.days:,} days (×{b.days / a.days:.1f}): build ×{b.s('build') / a.s('build'):.2f}, "
            f"mkdocs ×{b.s('mkdocs') / a.s('mkdocs'):.2f}, generate ×{b.s('generate') / a.s('generate'):.2f}, "
            f"index ×{b.s('index') / a.s('index'):.2f}"
        )
    return out


def report(results: list[Result], command: str) -> str:
    machine = f"{os.cpu_count()} cores ({platform.machine()}), Python {platform.python_version()}, {platform.system()}"
    serial = "; ".join(
        f"{r.days:,} days: {sum(r.s(n) for n in SERIAL_STEPS):.1f} s one after the other, {r.s('build'):.1f} s built"
        for r in results
    )
    lines = [
        "# Benchmark results",
        "",
        f"Made by `{command}` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {machine}.",
        "The load average (1, 5, 15 min) before and after each size shows how busy the machine was:",
        "timings on a shared machine are noisy, and only comparable at a similar load.",
        "",
        table(results),
        "",
        *page_table(results),
        "",
        f"Generate, MkDocs and the index one after the other against the build: {serial}.",
        "",
        "Growth:",
        "",
        *ratios(results),
        "",
        "How each column is measured: see `benchmarks/README.md`.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,300,1000,3000", help="listing days, comma-separated")
    parser.add_argument("--workdir", type=Path, help="where to build (default: a new directory in /tmp, removed after)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory and the built sites")
    parser.add_argument("--profile", action="store_true", help="also profile generate and mkdocs with pyinstrument")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the Markdown file for the table")
    parser.add_argument("--no-browser", action="store_true", help="skip the search's cost in Chromium")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="hf-papers-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])
    results = []
    try:
        for days in sizes:
            print(f"{days} days (load average {_load()})", flush=True)
            results.append(
                measure(days, workdir, args.profile, not args.no_browser, log=lambda m: print(m, flush=True))
            )
            if not args.keep:
                shutil.rmtree(workdir / f"days-{days}" / "site", ignore_errors=True)  # GBs at the largest sizes
            text = report(results, command.strip())
            args.output.write_text(text, encoding="utf-8")
    except StepFailed as e:
        print(f"benchmark failed: {e}", file=sys.stderr)
        return 1
    finally:
        if not (args.keep or args.profile or args.workdir):
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(results, command.strip()))
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
