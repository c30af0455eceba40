"""Hand-made content and config, kills and concurrent runs cannot corrupt content/ (issue 13, cases 1, 4, 8-12).

Each case is what a user would run: the command fails with one line naming where and what,
or the next writing command repairs what a kill left, or a second writer waits its turn.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import filelock
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import cli
from generator.content import atomic, days, lock
from generator.content.check import check_content
from generator.content.days import DayStore
from generator.content.jsonfile import decode, encode
from generator.errors import ContentError
from generator.model import Paper
from generator.render import generate as generate_module
from generator.render.site_data import derive_site_data

from ..common import ARCHIVE, ARCHIVE_TOPICS, HUB_ANSWERS, ROOT, examples

DAY = dt.date(2026, 7, 14)
LATER = dt.date(2026, 7, 15)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    content = tmp_path / "content"
    (content / "days" / "2026").mkdir(parents=True)
    for date in (DAY, LATER):
        name = f"{date}.json"
        shutil.copy2(ARCHIVE / "days" / "2026" / name, content / "days" / "2026" / name)
    shutil.copy2(ARCHIVE_TOPICS, content / "topics.yml")
    return tmp_path


def run(site: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(site / "mkdocs.yml"), *args])


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # a clean exit, not a crash
    assert "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    return line


def paper(pid: str, day: dt.date, upvotes: int = 0) -> Paper:
    return Paper(id=pid, title=f"Title {pid}", authors=("A. Author",), abstract="Text.", day=day, upvotes=upvotes)


def ids_by_day(store: DayStore) -> dict[dt.date, set[str]]:
    """What is on disk, day file by day file (a paper left on two days shows on both)."""
    found = {}
    for date in store.dates():
        found[date] = {rec["id"] for rec in json.loads(store.path_of(date).read_bytes())["papers"]}
    return found


# -- 1, 11. days and folders no archive can have -------------------------------------------------


def test_a_day_before_the_feed_began_is_reported_by_check(site):
    old = site / "content" / "days" / "2020" / "2020-01-01.json"
    old.parent.mkdir()
    old.write_text(json.dumps({"date": "2020-01-01", "papers": []}))
    problems = check_content(site / "content", site / "content" / "topics.yml").problems
    assert problems == [
        f"{old}: listing day 2020-01-01 is before the feed's first day (2023-05-04): no feed lists such a day"
    ]


def test_a_folder_named_like_a_day_file_is_one_line_everywhere(site):
    folder = site / "content" / "days" / "2026" / "2026-07-20.json"
    folder.mkdir()
    assert f"{folder}: is a folder, not a day file" in one_line_error(run(site, "generate"))
    assert f"{folder}: is a folder, not a day file" in one_line_error(
        run(site, "ingest", str(HUB_ANSWERS / f"{DAY}.json"))
    )
    checked = run(site, "check")
    assert checked.exit_code == 1 and f"{folder}: unexpected folder in content/days" in checked.output


@pytest.mark.parametrize("setting", ["mkdocs.yml", "content/topics.yml", "missing"])
def test_a_content_dir_that_is_no_folder_removes_no_page(site, setting):
    assert run(site, "generate").exit_code == 0
    pages = sorted((site / "docs").rglob("*.md"))
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("content_dir: content", f"content_dir: {setting}"))
    what = "not found" if setting == "missing" else "is not a folder"
    expected = f"{site / setting}: {what} (extra.archive.content_dir in mkdocs.yml)"
    assert one_line_error(run(site, "generate")) == f"Error: {expected}"
    checked = run(site, "check")
    assert checked.exit_code == 1 and checked.output.splitlines()[0] == expected
    assert sorted((site / "docs").rglob("*.md")) == pages


@pytest.mark.parametrize(
    "change,expected",
    [
        (lambda t: t.replace("\nextra:\n", "\nextra: [1]\nunused:\n"), "extra.archive must be a mapping of settings"),
        (lambda t: t.replace("start_date: 2023-05-04", "start_date: 2023-02-30"), "day is out of range for month"),
        (lambda t: t.replace("start_date: 2023-05-04", "start_date: 2023-05-04T25:00:00"), "hour must be in"),
        (lambda t: t.replace("start_date: 2023-05-04", "start_date: 0001-01-01"), "before the feed's first day"),
        (lambda t: t.replace("content_dir: content", "content_dir: [content]"), "must be a path (text)"),
    ],
)
def test_a_broken_mkdocs_yml_is_one_line(site, change, expected):
    config = site / "mkdocs.yml"
    config.write_text(change(config.read_text()))
    for command in (["check"], ["generate"], ["fetch", "--dry-run"]):
        line = one_line_error(run(site, *command))
        assert line.startswith(f"Error: {config}") and expected in line, line


# -- 4. a kill while a paper moves to a later day -------------------------------------------------


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


def dies_after(real, writes: int):
    """``real`` (a ``write_atomic``) that dies like a SIGKILL once it has been called ``writes`` times."""
    count = 0

    def write(path, data, durable=True):
        nonlocal count
        count += 1
        if count > writes:
            raise Killed
        return real(path, data, durable)

    return write


def test_a_move_killed_between_its_two_writes_leaves_a_duplicate_that_the_next_writer_resolves(tmp_path, monkeypatch):
    store = DayStore(tmp_path / "content")
    store.merge([paper("2607.00001", DAY, 1), paper("2607.00002", DAY, 2)])
    writes = []
    real = days.write_atomic

    def write_then_die(path, data, durable=True):
        if path.exists() and path.read_bytes() == data:
            return False  # an unchanged file is not written
        if writes:
            raise Killed
        writes.append(path)
        return real(path, data, durable)

    monkeypatch.setattr(days, "write_atomic", write_then_die)
    with pytest.raises(Killed):
        store.merge([paper("2607.00001", LATER, 10)])  # moves to the later day
    monkeypatch.setattr(days, "write_atomic", real)

    assert writes == [store.path_of(LATER)]  # the destination first...
    on_disk = ids_by_day(store)
    assert on_disk == {DAY: {"2607.00001", "2607.00002"}, LATER: {"2607.00001"}}  # ...so nothing is lost
    problems = check_content(store.root, store.root / "topics.yml").problems
    assert len(problems) == 1 and "paper 2607.00001 is stored on another day too" in problems[0]
    # Readers see each paper once, on the later day, with the newer values.
    loaded = {p.id: p for p in store.load().papers()}
    assert loaded["2607.00001"].day == LATER and loaded["2607.00001"].upvotes == 10

    # The next writer (any command holding the lock) writes the resolution.
    with lock.writing(store.root):
        pass
    assert ids_by_day(store) == {DAY: {"2607.00002"}, LATER: {"2607.00001"}}
    assert check_content(store.root, store.root / "topics.yml").problems == []


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    batches=st.lists(
        st.lists(st.tuples(st.integers(0, 5), st.integers(0, 6), st.integers(0, 99)), max_size=8),
        min_size=1,
        max_size=5,
    ),
    kill_after=st.integers(0, 8),
)
def test_any_merges_in_any_order_killed_anywhere_lose_nothing_and_settle_on_the_latest_day(
    tmp_path_factory, batches, kill_after, monkeypatch
):
    """Papers (6 ids) listed on any of 7 days, merged in random batches; one merge is killed after
    ``kill_after`` file writes. Whatever happens: no paper seen is ever missing from disk; after the
    next writer, each is stored once, on the latest day it was listed."""
    store = DayStore(tmp_path_factory.mktemp("store"))
    real = days.write_atomic
    seen: dict[str, dt.date] = {}
    for n, batch in enumerate(batches):
        incoming = [paper(f"2607.0000{i}", DAY + dt.timedelta(days=d), up) for i, d, up in batch]
        stored_before = set().union(*ids_by_day(store).values()) if store.dates() else set()
        monkeypatch.setattr(days, "write_atomic", dies_after(real, kill_after) if n == len(batches) // 2 else real)
        try:
            store.merge(incoming)
        except Killed:
            pass
        finally:
            monkeypatch.setattr(days, "write_atomic", real)
        for p in incoming:
            seen[p.id] = max(seen.get(p.id, p.day), p.day)
        on_disk = set().union(*ids_by_day(store).values()) if store.dates() else set()
        # A killed merge may not have stored its new papers, but never loses one stored before it.
        assert stored_before <= on_disk
    store.merge([paper(pid, day) for pid, day in seen.items()])  # the next run, with the last answers again
    placed = ids_by_day(store)
    assert sorted(pid for ids in placed.values() for pid in ids) == sorted(seen)  # each once
    assert {pid: date for date, ids in placed.items() for pid in ids} == seen  # on its latest day


# -- 8. one writer at a time ----------------------------------------------------------------------


def test_a_second_writer_waits_then_stops_with_one_line(site, monkeypatch):
    monkeypatch.setattr(lock, "LOCK_WAIT", 0.3)
    held = filelock.FileLock(lock.lock_path(site / "content"))
    with held:
        for command in (
            ["ingest", str(HUB_ANSWERS / f"{DAY}.json")],
            ["fetch", "--date", str(DAY), "--no-search"],
            [
                "import-listing",
                str(ROOT / "tests" / "fixtures" / "listings" / "000_3db5a8896a2764ea.txt"),
                "--topic",
                "entropy",
            ],
            ["commit", "--dry-run"],
        ):
            line = one_line_error(run(site, *command))
            assert line == (
                f"Error: {site / 'content'}: another command is writing it (waited 0 s for .content.lock); "
                "run again when it has finished"
            )
    assert run(site, "ingest", str(HUB_ANSWERS / f"{DAY}.json")).exit_code == 0  # free again


@pytest.mark.site  # two real commands in child processes, at once
def test_two_ingests_at_once_each_keep_their_paper(tmp_path):
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    (tmp_path / "content").mkdir()
    items = json.loads((HUB_ANSWERS / f"{DAY}.json").read_text())
    files = []
    for k in range(4):
        # Each saved answer holds a different paper of the same day, so each run rewrites the same file.
        path = tmp_path / f"run{k}" / f"{DAY}.json"
        path.parent.mkdir()
        path.write_text(json.dumps(items[k : k + 1]))
        files.append(path)
    cmd = [sys.executable, "-m", "generator", "--config", str(tmp_path / "mkdocs.yml"), "ingest"]
    procs = [subprocess.Popen([*cmd, str(f)], cwd=ROOT, stderr=subprocess.PIPE, text=True) for f in files]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
    stored = {p.id for p in DayStore(tmp_path / "content").load().papers()}
    assert stored == {item["paper"]["id"] for item in items[:4]}


# -- 12. what a kill leaves behind --------------------------------------------------------------


def test_the_next_writer_removes_the_temporary_files_of_interrupted_writes_and_nothing_else(site):
    folder = site / "content" / "days" / "2026"
    ours = [folder / f".{DAY}.json.k3x_9a2q.tmp", site / "content" / "search" / ".agents.json.abcdefgh.tmp"]
    others = [folder / ".notes.tmp", folder / ".keep", site / "content" / ".x.json.ABCDEFGH.tmp"]
    for path in ours + others:
        path.parent.mkdir(exist_ok=True)
        path.write_text("{")
    problems = run(site, "check").output
    assert all(str(path) in problems for path in ours[:1])
    assert "the next fetch or ingest removes it" in problems
    assert run(site, "ingest", str(HUB_ANSWERS / f"{DAY}.json")).exit_code == 0
    assert not any(path.exists() for path in ours)
    assert all(path.exists() for path in others)
    assert atomic.is_temporary(Path(".x.json.abcd_123.tmp")) and not atomic.is_temporary(Path(".x.json.tmp"))


def test_a_generate_killed_anywhere_leaves_no_page_the_next_run_would_keep(site, monkeypatch):
    """Kill `generate` after every possible number of writes; then remove a topic: its page must go."""
    assert run(site, "generate").exit_code == 0
    docs = site / "docs"
    topics = site / "content" / "topics.yml"
    original = topics.read_text()
    real = generate_module.write_atomic
    total = len(generate_module.render_pages(derive_site_data(DayStore(site / "content").load(), [])))
    for kill_after in (0, 1, total // 2, total + 1):
        # A run that adds a topic page is killed after ``kill_after`` writes...
        topics.write_text(
            original.replace("topics:\n", "topics:\n  - id: zebra\n    title: Zebra\n    include: [zebra]\n")
        )
        monkeypatch.setattr(generate_module, "write_atomic", dies_after(real, kill_after))
        with pytest.raises(Killed):
            generate_module.generate(run_settings(site))
        monkeypatch.setattr(generate_module, "write_atomic", real)
        # ...then the topic is removed and the site generated again: no page of it is left.
        topics.write_text(original)
        assert run(site, "generate").exit_code == 0
        assert not (docs / "topics" / "zebra.md").exists(), kill_after
        assert not list((docs / "feeds" / "topics").glob("zebra.*")), kill_after


def run_settings(site: Path):
    from generator.config import load_settings

    return load_settings(site / "mkdocs.yml")


# -- 2. the JSON reader, on anything -------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=examples(150), deadline=None)
@given(doc=JSON)
def test_the_json_reader_reads_back_what_the_archive_writes(doc):
    assert decode(encode(doc), "x") == doc


@settings(max_examples=examples(150), deadline=None)
@given(data=st.binary(max_size=200) | st.text(alphabet='[]{}":,0123456789-eE.\\ntrulfa', max_size=300).map(str.encode))
def test_the_json_reader_fails_only_with_one_clear_error(data):
    try:
        decode(data, "answer.json")
    except ContentError as e:
        assert e.message.startswith("answer.json: ") and "\n" not in e.message
