"""Crash safety: `ingest` and `fetch` killed (SIGKILL) at random moments, many times.

After every kill, every content file still parses and every paper stored before the run is
still there with every field it had. Each run is given answers with new upvote counts, so a
run that is not killed rewrites every day file: a kill lands before the first write, between
two writes, or after the last. Half the kills come at a random moment of the whole run, half
at a random moment just after the run's first write is seen (a temporary file or a changed
day file), so that many interrupt the writes themselves; the test reports where they landed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content.check import check_content
from generator.content.days import DayStore

from ..common import HUB_ANSWERS, ROOT

pytestmark = pytest.mark.site  # child processes: a build, or commands killed mid-run

RUNS = 20  # kills per command, at least
BETWEEN_WRITES = 3  # kills that must land between two writes of a run; more runs until they have
# On a busy machine a run starts slowly and most kills land before its first write: the test goes on
# killing (up to MAX_RUNS) rather than pass having interrupted no write, or fail for the machine's load.
MAX_RUNS = 60
FINAL = MAX_RUNS + 1  # the run left alone at the end: later than every killed one
SEED = 20260714


def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    (tmp_path / "content").mkdir()
    return tmp_path


def bump(items: list, k: int) -> list:
    """The same answer with new counts (run ``k``), so that every day file changes."""
    out = json.loads(json.dumps(items))
    for item in out:
        item["paper"]["upvotes"] = int(item["paper"].get("upvotes") or 0) + 1000 * k
    return out


def snapshot(content: Path) -> tuple[dict[str, dict], dict[Path, bytes]]:
    """Every stored paper's record by id, and every day file's bytes; fails if anything does not parse."""
    for path in content.rglob("*"):
        if path.is_file() and path.suffix == ".json":
            json.loads(path.read_bytes())  # every content file parses
    store = DayStore(content)
    archive = store.load()
    records = {}
    for day in archive.days:
        doc = json.loads(store.path_of(day.date).read_bytes())
        for rec in doc["papers"]:
            records[rec["id"]] = rec
    files = {p: p.read_bytes() for p in store.days_dir.rglob("*.json")} if store.days_dir.exists() else {}
    return records, files


def assert_nothing_lost(before: dict[str, dict], after: dict[str, dict]) -> None:
    missing = before.keys() - after.keys()
    assert not missing, f"papers lost: {sorted(missing)[:5]}"
    for paper_id, rec in before.items():
        lost = rec.keys() - after[paper_id].keys()
        assert not lost, f"{paper_id} lost {lost}"


def _first_write(content: Path, proc: subprocess.Popen) -> None:
    """Return as soon as the run has started writing (or has ended).

    Every write creates a temporary file, so the first one changes the mtime of a
    folder below content/; stat-ing the few folders keeps the polling cheap.
    """
    folders = [p for p in content.rglob("*") if p.is_dir()] + [content]
    stamps = {p: p.stat().st_mtime_ns for p in folders}
    while proc.poll() is None:
        if any(p.stat().st_mtime_ns != t for p, t in stamps.items()):
            return
        time.sleep(0.002)


def kill_many(
    content: Path,
    start: Callable[[int], subprocess.Popen],
    full_run: float,
    rng: random.Random,
    allowed: tuple[str, ...] = ("temporary file left by an interrupted write",),
) -> Counter:
    """Start run k, kill it at a random moment, check the store; return where the kills landed.

    ``allowed``: the problems a kill may leave for the next run to repair (all others fail the test).
    """
    landed: Counter = Counter()
    for k in range(1, MAX_RUNS + 1):
        if k > RUNS and landed["between writes"] >= BETWEEN_WRITES:
            break
        before, files = snapshot(content)
        proc = start(k)
        if k % 2:
            time.sleep(rng.uniform(0, min(full_run, 1.0)))
        else:
            _first_write(content, proc)
            time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after, files_after = snapshot(content)
        assert_nothing_lost(before, after)
        changed = sum(1 for p, data in files_after.items() if files.get(p) != data)
        if proc.returncode == 0:
            landed["finished"] += 1
        elif changed == 0:
            landed["before the first write"] += 1
        elif changed < len(files_after):
            landed["between writes"] += 1
        else:
            landed["after the last write"] += 1
    # Only the atomic writer's temporary files may be left behind: everything else is valid.
    problems = check_content(content, content / "topics.yml").problems
    assert [p for p in problems if not any(a in p for a in allowed)] == []
    return landed


def leftovers(content: Path) -> int:
    return sum(1 for p in content.rglob(".*.tmp"))


def saved_answers(folder: Path, answers: dict[str, list], change: Callable[[list], list]) -> list[str]:
    """Write ``answers`` (file name → items), each changed by ``change``, into ``folder``; return the paths."""
    folder.mkdir(exist_ok=True)
    for name, items in answers.items():
        (folder / name).write_text(json.dumps(change(items)))
    return sorted(str(folder / name) for name in answers)


def test_ingest_killed_at_random_moments_loses_nothing(tmp_path):
    root = project(tmp_path)
    content = root / "content"
    answers = {p.name: json.loads(p.read_bytes()) for p in sorted(HUB_ANSWERS.glob("*.json"))}

    def write_answers(k: int) -> list[str]:
        return saved_answers(tmp_path / f"answers-{k}", answers, lambda items: bump(items, k))

    def start(k: int) -> subprocess.Popen:
        files = write_answers(k)
        cmd = [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "ingest", *files]
        return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # A first complete run stores half the days; its time calibrates the kills.
    half = write_answers(0)[::2]
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "ingest", *half],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    full_run = time.perf_counter() - started
    assert snapshot(content)[0]

    landed = kill_many(content, start, full_run, random.Random(SEED))
    print(
        f"ingest: {landed.total()} kills, seed {SEED}: {dict(landed)}; {leftovers(content)} temporary files left behind"
    )
    assert landed["between writes"] >= BETWEEN_WRITES, landed

    # A run left alone afterwards completes the store: every paper of every answer is there.
    subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "ingest", *write_answers(FINAL)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    ids = {item["paper"]["id"] for items in answers.values() for item in items}
    assert set(snapshot(content)[0]) == ids


def test_fetch_killed_at_random_moments_loses_nothing(tmp_path, hub):
    root = project(tmp_path)
    content = root / "content"
    recorded = {d: items for d, items in hub.days.items()}
    cmd = [
        sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "fetch",
        "--since", "2026-07-13", "--until", "2026-08-21", "--no-search", "--no-progress",
    ]  # fmt: skip
    env = {**os.environ, "HF_ENDPOINT": hub.url}
    env.pop("HF_TOKEN", None)

    def serve(k: int) -> None:
        for date, items in recorded.items():
            hub.days[date] = bump(items, k)

    def start(k: int) -> subprocess.Popen:
        serve(k)
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    serve(0)
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    full_run = time.perf_counter() - started
    assert snapshot(content)[0]

    landed = kill_many(content, start, full_run, random.Random(SEED + 1))
    print(f"fetch: {landed.total()} kills, seed {SEED + 1}: {dict(landed)}; {leftovers(content)} temporary files left")
    assert landed["between writes"] >= BETWEEN_WRITES, landed

    serve(FINAL)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    ids = {item["paper"]["id"] for d, items in recorded.items() if d.year == 2026 for item in items}
    assert set(snapshot(content)[0]) == ids


def test_ingest_killed_while_papers_move_to_later_days_loses_nothing_and_the_next_run_repairs(tmp_path):
    """Every run lists every paper one day later than the run before, so every merge moves every
    paper: a kill between the writes of a move leaves the paper on two days (never on none), and
    the next run, left alone, stores each paper once on its latest day and leaves nothing to repair."""
    root = project(tmp_path)
    content = root / "content"
    answers = {p.name: json.loads(p.read_bytes()) for p in sorted(HUB_ANSWERS.glob("2026-07-*.json"))}

    def moved(items: list, k: int) -> list:
        out = bump(items, k)
        for item in out:
            listed = dt.datetime.fromisoformat(item["paper"]["submittedOnDailyAt"].replace("Z", "+00:00"))
            item["paper"]["submittedOnDailyAt"] = (listed + dt.timedelta(days=k)).isoformat()
        return out

    def write_answers(k: int) -> list[str]:
        return saved_answers(tmp_path / f"moved-{k}", answers, lambda items: moved(items, k))

    def ingest_cmd(files: list[str]) -> list[str]:
        # Every paper moves on every run: more than a real update moves, so allowed in so many words.
        config = str(root / "mkdocs.yml")
        return [sys.executable, "-m", "generator", "--config", config, "ingest", "--allow-mass-change", *files]

    def start(k: int) -> subprocess.Popen:
        return subprocess.Popen(
            ingest_cmd(write_answers(k)), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    started = time.perf_counter()
    subprocess.run(ingest_cmd(write_answers(0)), cwd=ROOT, check=True, capture_output=True)
    full_run = time.perf_counter() - started

    landed = kill_many(
        content,
        start,
        full_run,
        random.Random(SEED + 2),
        allowed=("temporary file left", "is stored on another day too"),
    )
    print(
        f"moving ingest: {landed.total()} kills, seed {SEED + 2}: {dict(landed)}; {leftovers(content)} temp files left"
    )
    assert landed["between writes"] >= BETWEEN_WRITES, landed

    subprocess.run(ingest_cmd(write_answers(FINAL)), cwd=ROOT, check=True, capture_output=True)
    assert check_content(content, content / "topics.yml").problems == []
    store = DayStore(content)
    last = {item["paper"]["id"]: item for items in answers.values() for item in moved(items, FINAL)}
    placed = {p.id: p.day.isoformat() for p in store.load().papers()}
    assert placed == {pid: item["paper"]["submittedOnDailyAt"][:10] for pid, item in last.items()}
