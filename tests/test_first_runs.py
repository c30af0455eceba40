"""A fork's first days, replayed: the update workflow's own steps, day after day, from an empty content/.

The steps of `.github/workflows/update.yml` run with bash as GitHub's runner runs them (the
helpers of tests/test_workflows.py), against the local Hub (tests/hubserver.py: 30 recorded days,
2026-07-13 .. 2026-08-21, and [] for any other day), in a git repository that holds the project
with no day yet. Each simulated day fetches (the recent days, then the missing history within
the run's request budget), commits, builds the site and checks it against content/ (the build
job's Verify step):
the history fills over the runs, and every built site passes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.days import DayStore
from generator.content.empty_days import EmptyDays
from generator.render.pages.home import EMPTY_ARCHIVE

from .common import ARCHIVE_TOPICS, HUB_ANSWERS, ROOT
from .sitebuild import copy_sources
from .test_workflows import as_git_user, commits, git, load, outputs, run_step, step

pytestmark = pytest.mark.site

START = dt.date(2026, 7, 13)  # the fork's extra.archive.start_date: the first recorded day
FIRST_RUN = dt.date(2026, 9, 14)  # a month after the last recorded day: the recent window holds 5 of them
REQUESTS_PER_RUN = 45  # 30 for the recent window, ~15 for the history: three runs to fill it
RUNS = 4


@pytest.fixture
def fork(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fork that starts from scratch: the project's sources, its own topics, no day."""
    as_git_user(monkeypatch)
    project = copy_sources(tmp_path / "fork", content=False)
    (project / "content").mkdir()
    (project / "content" / "topics.yml").write_bytes(ARCHIVE_TOPICS.read_bytes())
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    settings = f"    start_date: {START}\n    requests_per_run: {REQUESTS_PER_RUN}\n"
    text = re.sub(r"^    (start_date|requests_per_run): .*\n", "", text, flags=re.M)  # whatever the fork set
    config.write_text(text.replace("  archive:\n", "  archive:\n" + settings, 1), encoding="utf-8")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "fork")
    return project


def build_and_verify(fork: Path, runner: Path) -> tuple[str, Path]:
    """The build job's own steps: Build, then the site check (`verify`); the build's report and the site."""
    env = {"SITE_URL": "https://someone.github.io/my-papers/", "REPO_URL": "", "REPO_NAME": ""}
    built = run_step("build", "Build", fork, env, runner)
    assert built.returncode == 0, built.stdout + built.stderr
    checked = run_step("build", "Verify the site against content/", fork, {}, runner)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return built.stdout + built.stderr, fork / "site"


def built_env() -> dict[str, str]:
    """The environment of the steps: the project's code from the checkout (the fork holds its theme only)."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_a_fork_fills_its_history_over_its_first_days_and_every_site_passes(hub, fork, tmp_path):
    runner = tmp_path / "runner"
    runner.mkdir()
    # Before the first run: the site of an empty archive builds, says it is filling its history,
    # and warns once about each topic that matches nothing yet.
    report, site = build_and_verify(fork, runner)
    assert EMPTY_ARCHIVE in (site / "index.html").read_text(encoding="utf-8")
    warnings = [line for line in report.splitlines() if "matches no paper" in line]
    assert warnings and len(warnings) == len(set(warnings))

    recorded = {d for d in (dt.date.fromisoformat(p.stem) for p in HUB_ANSWERS.glob("2026-*.json"))}
    missing = []
    for n in range(RUNS):
        today = FIRST_RUN + dt.timedelta(days=n)
        hub.today = today
        before = commits(fork)
        env = {"SINCE": "", "UNTIL": "", "HF_TOKEN": "", "HF_ENDPOINT": hub.url, "ARCHIVE_TODAY": str(today)}
        hub.requests.clear()
        fetched = run_step("update", "Fetch from the Hub", fork, env, runner)
        assert fetched.returncode == 0 and outputs(runner)["status"] == "0", fetched.stdout + fetched.stderr
        assert len(hub.paths("/api/daily_papers")) <= REQUESTS_PER_RUN
        committed = run_step("update", "Commit the changed content", fork, {}, runner)
        assert committed.returncode == 0, committed.stdout + committed.stderr
        assert commits(fork) == before + 1, f"run {n + 1} committed nothing"
        assert git(fork, "status", "--porcelain", "--", "content").strip() == ""
        dry = subprocess.run(
            [sys.executable, "-m", "generator", "fetch", "--dry-run", "--no-search", "--today", str(today)],
            cwd=fork, capture_output=True, text=True, env=built_env(), timeout=120,
        ).stdout  # fmt: skip
        found = re.search(r"dry run: (\d+) days? missing", dry)
        missing.append(int(found.group(1)) if found else 0)
        build_and_verify(fork, runner)

    # The history filled, newest first, over the runs, and the last run found nothing missing.
    assert missing == sorted(missing, reverse=True) and missing[0] > 0 and missing[-1] == 0
    assert set(DayStore(fork / "content").dates()) == recorded
    # Every other day, from the start to the last run, was answered [] and recorded: never asked again.
    every_day = {START + dt.timedelta(days=i) for i in range((FIRST_RUN - START).days + RUNS)}
    assert EmptyDays(fork / "content").load() == every_day - recorded
    # Each commit says what it added: days at first, then the history's.
    subjects = git(fork, "log", "--format=%s", f"-{RUNS}").splitlines()
    assert all(s.startswith("Update archive: ") for s in subjects), subjects
    assert any("days added" in s for s in subjects)


def test_a_fork_without_pages_gets_one_line_saying_what_to_enable(tmp_path):
    build = load("update.yml")["jobs"]["build"]
    pages = step(load("update.yml"), "build", "Read the Pages settings")
    assert pages["id"] == "pages" and pages["continue-on-error"] is True
    say = step(load("update.yml"), "build", "Say what to enable when Pages is off")
    assert say["if"] == "steps.pages.outcome == 'failure'"
    names = [s.get("name") for s in build["steps"]]
    assert (
        names.index("Read the Pages settings")
        < names.index("Say what to enable when Pages is off")
        < names.index("Build")
    )
    runner = tmp_path / "runner"
    runner.mkdir()
    result = run_step("build", "Say what to enable when Pages is off", tmp_path, {}, runner)
    assert result.returncode == 1  # the run is red, and says why
    summary = (runner / "summary.md").read_text(encoding="utf-8").splitlines()
    assert len(summary) == 1 and "Settings → Pages" in summary[0] and "Source: GitHub Actions" in summary[0]
    assert result.stdout.startswith("::error::GitHub Pages is not enabled")
