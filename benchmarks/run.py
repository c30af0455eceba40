"""Measure the whole pipeline on synthetic archives of several sizes.

    .venv/bin/python -m benchmarks.run --sizes 100,300,1000,3000

For each size (listing days), in a fresh copy of the site's sources below a
work directory (never the repository's content/ or docs/), one child process
per step, as CI runs them:

1. ingest: ``python -m benchmarks.synthetic`` merges the synthetic archive
   through ``DayStore.merge``;
2. generate: ``python -m generator generate`` (all pages, from nothing);
3. mkdocs: ``python -m mkdocs build --strict``;
4. pagefind: ``python -m pagefind --site site``;
5. +1 day: the next weekday is merged (``--next-day``) and ``generate`` runs
   again: its time and how many files it rewrote.

Wall time and peak memory (maximum resident set size, from ``wait4``) are
taken per child. Then the site is measured: its size, the HTML size of the day
pages, and what a search costs the reader (``benchmarks/pagefind_bytes.py``).
The table is printed and written to ``benchmarks/RESULTS.md``, with the
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
from dataclasses import dataclass, field
from pathlib import Path

from generator.render import paths

from .page_sizes import BUDGET_KB, Largest, largest_pages, over_budget
from .pagefind_bytes import PagefindBundle

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
# A mix of a frequent topic word, a phrase, a rarer term and an author's name.
QUERIES = ("diffusion", "reasoning agents", "entropy", "video generation benchmark", "zhang")


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
    day_pages_written: int = 0
    day_pages_unchanged: int = 0
    site_mb: float = 0.0
    html_pages: int = 0
    day_html_kb_median: float = 0.0
    day_html_kb_max: float = 0.0
    day_html_kb_max_gzip: float = 0.0
    search_first_kb: float = 0.0
    search_next_kb: float = 0.0
    search_results: str = ""
    pagefind_mb: float = 0.0
    largest: list[Largest] = field(default_factory=list)  # the largest page of each kind
    over_budget: list[str] = field(default_factory=list)  # pages over page_sizes.BUDGET_KB

    def s(self, name: str) -> float:
        return self.steps[name].seconds

    @property
    def build_s(self) -> float:
        """End to end, as CI builds: generate + MkDocs + search index."""
        return self.s("generate") + self.s("mkdocs") + self.s("pagefind")

    @property
    def build_cpu_s(self) -> float:
        return sum(self.steps[name].cpu_s for name in ("generate", "mkdocs", "pagefind"))

    @property
    def peak_mb(self) -> float:
        return max(step.peak_mb for step in self.steps.values())


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
    """A copy of the site's sources without content/days and without generated pages."""
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
    for item in (ROOT / "content").iterdir():
        if item.is_file():
            shutil.copy2(item, dest / "content" / item.name)
    return dest


def _pagefind_command(site: Path) -> list[str]:
    """The command ``python -m generator build`` indexes the site with, or Pagefind's defaults."""
    try:
        from generator.site.search_index import pagefind_command
    except ImportError:
        return [sys.executable, "-m", "pagefind", "--site", str(site)]
    return pagefind_command(site)


def _generate_counts(stdout: str) -> tuple[int, int]:
    m = re.search(r"(\d+) pages written, (\d+) unchanged", stdout)
    if not m:
        raise StepFailed(f"unexpected output of generate: {stdout!r}")
    return int(m.group(1)), int(m.group(2))


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def measure(days: int, workdir: Path, profile: bool = False, log=print) -> Result:
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

    ingest = step("ingest", [py, "-m", "benchmarks.synthetic", "--days", str(days), "--content", str(content)])
    result.papers = json.loads(ingest.stdout)["papers"]
    result.steps["ingest"].seconds = json.loads(ingest.stdout)["ingest_s"]  # the merge itself, not the sampling
    step("generate", [py, "-m", "generator", "generate"])
    step("mkdocs", [py, "-m", "mkdocs", "build", "--clean", "--strict", "-f", "mkdocs.yml", "-d", str(site)])
    step("pagefind", _pagefind_command(site))

    result.site_mb = _tree_bytes(site) / 1e6
    result.html_pages = sum(1 for _ in site.rglob("*.html"))
    day_html = [p.stat().st_size for p in site.glob("archive/*/*/*/index.html")]
    result.day_html_kb_median = statistics.median(day_html) / 1e3
    result.day_html_kb_max = max(day_html) / 1e3
    largest = max(site.glob("archive/*/*/*/index.html"), key=lambda p: p.stat().st_size)
    result.day_html_kb_max_gzip = len(gzip.compress(largest.read_bytes(), 6)) / 1e3  # as a server sends it
    result.largest = largest_pages(site)
    result.over_budget = over_budget(site)
    bundle = PagefindBundle(site / "pagefind")
    costs = [bundle.cost(q) for q in QUERIES]
    result.search_first_kb = statistics.mean(c.first_query_bytes for c in costs) / 1e3
    result.search_next_kb = statistics.mean(c.query_bytes for c in costs) / 1e3
    result.search_results = ", ".join(f"{c.query}: {c.results}" for c in costs)
    result.pagefind_mb = _tree_bytes(site / "pagefind") / 1e6

    next_day = step(
        "ingest +1 day",
        [py, "-m", "benchmarks.synthetic", "--days", str(days), "--content", str(content), "--next-day"],
    )
    result.steps["ingest +1 day"].seconds = json.loads(next_day.stdout)["ingest_s"]
    regenerated = step("generate +1 day", [py, "-m", "generator", "generate"])
    result.day_pages_written, result.day_pages_unchanged = _generate_counts(regenerated.stdout)

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
        "| days | papers | ingest s | ingest +1 day s | generate s | +1 day: generate s (files rewritten) "
        "| mkdocs s | pagefind s | build s (gen+mkdocs+pagefind) | build CPU s | generator share | peak MB "
        "| site MB | day page HTML KB (median / max / max gzipped) | search KB per query (first / next) "
        "| load avg (before → after) |"
    )
    lines = [head, "|" + " --: |" * (head.count("|") - 1)]
    for r in results:
        lines.append(
            f"| {r.days:,} | {r.papers:,} | {r.s('ingest'):.2f} | {r.s('ingest +1 day'):.2f} | {r.s('generate'):.2f} "
            f"| {r.s('generate +1 day'):.2f} ({r.day_pages_written} of {r.day_pages_written + r.day_pages_unchanged}) "
            f"| {r.s('mkdocs'):.1f} | {r.s('pagefind'):.1f} | **{r.build_s:.1f}** | {r.build_cpu_s:.1f} "
            f"| {100 * r.s('generate') / r.build_s:.1f} % | {r.peak_mb:.0f} | {r.site_mb:.0f} "
            f"| {r.day_html_kb_median:.0f} / {r.day_html_kb_max:.0f} / {r.day_html_kb_max_gzip:.0f} "
            f"| {r.search_first_kb:.0f} / {r.search_next_kb:.0f} "
            f"| {r.load_before} → {r.load_after} |"
        )
    memory = ["", "Peak memory (MB) of each step:", "", "| days | " + " | ".join(results[0].steps) + " |"]
    memory.append("|" + " --: |" * (len(results[0].steps) + 1))
    for r in results:
        memory.append(f"| {r.days:,} | " + " | ".join(f"{s.peak_mb:.0f}" for s in r.steps.values()) + " |")
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
            f"- {a.days:,} → {b.days:,} days (×{b.days / a.days:.1f}): build ×{b.build_s / a.build_s:.2f}, "
            f"mkdocs ×{b.s('mkdocs') / a.s('mkdocs'):.2f}, generate ×{b.s('generate') / a.s('generate'):.2f}, "
            f"pagefind ×{b.s('pagefind') / a.s('pagefind'):.2f}"
        )
    return out


def report(results: list[Result], command: str) -> str:
    machine = f"{os.cpu_count()} cores ({platform.machine()}), Python {platform.python_version()}, {platform.system()}"
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
        "Growth:",
        "",
        *ratios(results),
        "",
        "Search results per query (pages matching): "
        + "; ".join(f"{r.days:,} days: {r.search_results}" for r in results),
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
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="hf-papers-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])
    results = []
    try:
        for days in sizes:
            print(f"{days} days (load average {_load()})", flush=True)
            results.append(measure(days, workdir, args.profile, log=lambda m: print(m, flush=True)))
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
