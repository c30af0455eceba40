"""A fork's first changes keep its tests green.

A fork continues (or empties) content/ and edits content/topics.yml: the first daily run adds a
day, the owner replaces a topic and drops another. No test may depend on what content/ or its
topics.yml hold, so the fast tests (what `make test-fast` runs) must pass on such a copy of the
repository just as they do here.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.content.days import DayStore

from .common import HUB_ANSWERS, ROOT

# Runs the fast tests as a whole, in a child process: a site test, and never inside test-fast itself.
pytestmark = pytest.mark.site

FAST = "not site and not browser and not command and not serial"
# A recorded answer of the older schema: its papers' listing day is the date in the file's name,
# so saved under another name it is a new day's answer, with real papers the archive has not seen.
OLD_SCHEMA_ANSWER = HUB_ANSWERS / "2024-08-02.json"


def copy_repository(dest: Path) -> Path:
    """The files of the repository (tracked, or new and not ignored), as a fork's clone holds them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted in the work tree is still listed until committed
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def ingest_a_new_day(fork: Path, saved: Path) -> dt.date:
    """The first run's new day: the day after the newest stored one, its papers real ones never stored."""
    today = dt.datetime.now(dt.UTC).date()
    newest = max(DayStore(fork / "content").dates(), default=today - dt.timedelta(days=1))
    day = min(newest, today) + dt.timedelta(days=1)  # never after tomorrow, which no store accepts
    answer = saved / f"{day}.json"
    shutil.copy2(OLD_SCHEMA_ANSWER, answer)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "ingest", str(answer), "--fetched-at", f"{day}T07:45:00Z"],
        cwd=fork, capture_output=True, text=True, env=fork_env(fork), timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return day


def edit_topics(fork: Path) -> list[str]:
    """Replace the first topic with a new one and remove the second: the topics' ids afterwards."""
    path = fork / "content" / "topics.yml"
    topics = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("topics") or []
    robotics = {"id": "robotics", "title": "Robotics", "include": ["robot", "embodied"]}
    edited = [robotics, *topics[2:]]  # the first topic replaced, the second removed (whatever they are)
    path.write_text(yaml.safe_dump({"topics": edited}, sort_keys=False), encoding="utf-8")
    return [t["id"] for t in edited]


def fork_env(fork: Path) -> dict[str, str]:
    """The fork's own code first on the path (this test run's environment has the project installed),
    and the property tests' examples as ``make test-fast`` runs them (the fast hypothesis profile)."""
    return {**os.environ, "PYTHONPATH": str(fork), "HYPOTHESIS_PROFILE": "fast"}


def test_the_fast_tests_pass_on_a_fork_with_a_new_day_and_its_own_topics(tmp_path):
    fork = copy_repository(tmp_path / "fork")
    day = ingest_a_new_day(fork, tmp_path)
    topic_ids = edit_topics(fork)
    # What the fork's tests will read: the new day and topics, through the fork's own code.
    probe = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"],
        cwd=fork, capture_output=True, text=True, env=fork_env(fork), check=True,
    )  # fmt: skip
    assert Path(probe.stdout.strip()).is_relative_to(fork)
    assert DayStore(fork / "content").dates()[-1] == day and "robotics" in topic_ids

    cmd = [sys.executable, "-m", "pytest", "-m", FAST, "-n", "2", "-q", "-p", "no:cacheprovider", "-x"]
    result = subprocess.run(cmd, cwd=fork, capture_output=True, text=True, env=fork_env(fork), timeout=1800)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1]
