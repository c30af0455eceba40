"""Bad content files: one clear line naming the file and the problem; `check` lists them all.

Each case spoils a copy of a real day file the way a hand edit, a bad merge or a newer
version of this project could, and runs the command a user would run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.content.days import DayStore

from ..common import ARCHIVE, ARCHIVE_TOPICS, HUB_ANSWERS, ROOT

DAY = "2026-07-14"
OTHER = "2026-07-15"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A project whose content/ holds two real day files and the bundled topics."""
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    days = tmp_path / "content" / "days" / "2026"
    days.mkdir(parents=True)
    for name in (DAY, OTHER):
        shutil.copy2(ARCHIVE / "days" / "2026" / f"{name}.json", days / f"{name}.json")
    shutil.copy2(ARCHIVE_TOPICS, tmp_path / "content" / "topics.yml")
    return tmp_path


def day_file(site: Path, name: str = DAY) -> Path:
    return site / "content" / "days" / "2026" / f"{name}.json"


def edit(path: Path, change) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def run(site: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(site / "mkdocs.yml"), *args])


def _set(key, value, paper=0):
    def change(doc):
        doc["papers"][paper][key] = value

    return change


def _drop(key, paper=0):
    def change(doc):
        del doc["papers"][paper][key]

    return change


def _duplicate(doc):
    doc["papers"].append(dict(doc["papers"][0]))


# name → (how the day file is spoiled, what the message must say)
SPOILED = {
    "invalid JSON": (lambda p: p.write_text('{"date": "2026-07-14", "papers": [', encoding="utf-8"), "not valid JSON"),
    "empty file": (lambda p: p.write_bytes(b""), "not valid JSON"),
    "not UTF-8": (lambda p: p.write_bytes(b'{"date": "\xff\xfe"}'), "not valid JSON"),
    "a list, not an object": (
        lambda p: p.write_text("[]"),
        'a day file must be an object {"date": ..., "papers": [...]}',
    ),
    "papers not a list": (lambda p: edit(p, lambda d: d.update(papers={})), "a day file must be an object"),
    "date not a date": (
        lambda p: edit(p, lambda d: d.update(date="July 14")),
        "'date' is not a date (YYYY-MM-DD): 'July 14'",
    ),
    "name and date disagree": (
        lambda p: edit(p, lambda d: d.update(date="2026-07-16")),
        "the file name says 2026-07-14 but its 'date' says 2026-07-16",
    ),
    "upvotes a string": (
        lambda p: edit(p, _set("upvotes", "12")),
        "paper #1: 'upvotes' must be a whole number, not a string",
    ),
    "upvotes a float": (
        lambda p: edit(p, _set("upvotes", 1.5)),
        "paper #1: 'upvotes' must be a whole number, not a number",
    ),
    "title a number": (lambda p: edit(p, _set("title", 42)), "paper #1: 'title' must be a string, not a number"),
    "authors a string": (
        lambda p: edit(p, _set("authors", "A. Author")),
        "paper #1: 'authors' must be a list of strings",
    ),
    "keywords with null": (
        lambda p: edit(p, _set("ai_keywords", ["x", None])),
        "'ai_keywords' must be a list of strings",
    ),
    "organization a string": (
        lambda p: edit(p, _set("organization", "ACME")),
        "'organization' must be an object with a string 'name'",
    ),
    "published not a date": (
        lambda p: edit(p, _set("published", "soon")),
        "'published' is not a date (YYYY-MM-DD): 'soon'",
    ),
    "paper not an object": (
        lambda p: edit(p, lambda d: d["papers"].insert(0, "2607.00001")),
        "paper #1: a paper must be a JSON object, not a string",
    ),
    "missing title": (lambda p: edit(p, _drop("title")), "paper #1: paper is missing the required field 'title'"),
    "missing id": (lambda p: edit(p, _drop("id")), "paper #1: paper is missing the required field 'id'"),
    "missing authors": (lambda p: edit(p, _drop("authors")), "paper #1: paper is missing the required field 'authors'"),
    "empty id": (lambda p: edit(p, _set("id", "")), "paper #1: paper has an empty 'id'"),
    "paper's day disagrees": (
        lambda p: edit(p, _set("day", "2026-07-13")),
        "says its day is 2026-07-13, but it is stored under 2026-07-14",
    ),
    "paper stored twice": (lambda p: edit(p, _duplicate), "is stored twice"),
    # Built to crash a parser (issue 13): each is one line, never RecursionError or ValueError.
    "nested 100,000 deep": (
        lambda p: p.write_bytes(b'{"date": "2026-07-14", "papers": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        "not valid JSON for the archive: nested more than 32 deep",
    ),
    "a number of 5,000 digits": (
        lambda p: p.write_text(p.read_text().replace('"upvotes": ', '"upvotes": ' + "9" * 5000, 1)),
        "not valid JSON for the archive: a number of 50",
    ),
    "'papers' given twice": (
        lambda p: p.write_text(
            '{"date": "2026-07-14", "papers": [], "papers": ' + json.dumps(json.loads(p.read_text())["papers"]) + "}"
        ),
        "not valid JSON for the archive: the key 'papers' is given twice in one object",
    ),
    "an id in Arabic-Indic digits": (
        lambda p: edit(p, _set("id", "\u0662\u0666\u0660\u0667.\u0661\u0660\u0663\u0668\u0663")),
        "is neither an arXiv id (2607.10383) nor ASCII letters, digits, dots and hyphens",
    ),
    "an id with a slash": (lambda p: edit(p, _set("id", "a/b")), "paper id 'a/b' is neither an arXiv id"),
}


@pytest.mark.parametrize("case", sorted(SPOILED))
def test_a_spoiled_day_file_is_one_clear_line(site, case):
    spoil, expected = SPOILED[case]
    path = day_file(site)
    spoil(path)
    before = path.read_bytes()
    for command in ("generate", "check"):
        result = run(site, command)
        assert result.exit_code == 1, (command, result.output)
        assert isinstance(result.exception, SystemExit)  # a ClickException, not a crash
        assert "Error: " in result.output and "Traceback" not in result.output
        lines = [line for line in result.output.splitlines() if str(path) in line]
        assert lines, result.output
        assert any(expected in line for line in lines), (command, result.output)
    if case not in ("not UTF-8",):
        # The failed commands did not touch the file.
        assert path.read_bytes() == before


STRAY = {
    "a stray text file": ("days/2026/notes.txt", "unexpected file in content/days"),
    "a day file in the wrong year": ("days/2025/2026-07-20.json", "a day file of 2026-07-20 belongs in"),
    "an impossible date": ("days/2026/2026-02-30.json", "the file name is not a real date"),
    "a badly named JSON file": ("days/2026/2026-7-20.json", "unexpected file in content/days"),
    "a day in 2099": ("days/2099/2099-01-01.json", "listing day 2099-01-01 is in the future (after "),
    "a day in 9999": ("days/9999/9999-12-31.json", "listing day 9999-12-31 is in the future (after "),
    "a day in Arabic-Indic digits": (
        "days/2026/\u0662\u0660\u0662\u0666-07-20.json",
        "unexpected file in content/days",
    ),
}


@pytest.mark.parametrize("case", sorted(STRAY))
def test_a_stray_file_in_content_days_is_named(site, case):
    rel, expected = STRAY[case]
    path = site / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(day_file(site, OTHER), path)
    # A JSON file stops every command; any other file only `check` reports (the day
    # store reads *.json alone, so a leftover temporary file never stops a build).
    for command in ("generate", "check") if path.suffix == ".json" else ("check",):
        result = run(site, command)
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit)
        assert any(str(path) in line and expected in line for line in result.output.splitlines()), result.output


def test_check_reports_every_problem_not_just_the_first(site):
    SPOILED["upvotes a string"][0](day_file(site))
    edit(day_file(site), _drop("title", paper=2))
    SPOILED["name and date disagree"][0](day_file(site, OTHER))
    (site / "content" / "days" / "2026" / "notes.txt").write_text("hello")
    (site / "content" / "topics.yml").write_text("topics:\n  - id: Not An Id\n    include: [x]\n")
    search = site / "content" / "search"
    search.mkdir()
    (search / "agents.json").write_text("<html>rate limited</html>")
    listings = site / "content" / "listings"
    listings.mkdir()
    (listings / "entropy.json").write_text(json.dumps({"topic": "other", "sources": []}))
    result = run(site, "check")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    problems = result.stderr.splitlines()
    expected = [
        (day_file(site), "paper #1: 'upvotes' must be a whole number"),
        (day_file(site), "paper #3: paper is missing the required field 'title'"),
        (day_file(site, OTHER), "the file name says 2026-07-15 but its 'date' says 2026-07-16"),
        (site / "content" / "days" / "2026" / "notes.txt", "unexpected file"),
        (site / "content" / "topics.yml", ""),
        (search / "agents.json", "not valid JSON"),
        (listings / "entropy.json", "the file name says topic 'entropy'"),
    ]
    for path, fragment in expected:
        assert any(line.startswith(f"{path}") and fragment in line for line in problems), (path, result.stderr)
    # One line per problem, then the count (papers of the misdated file whose own 'day'
    # disagrees with its 'date' are problems too, one line each).
    assert problems[-1] == f"Error: {len(problems) - 1} problems in {site / 'content'}"
    assert len(problems) - 1 >= len(expected)
    assert all(line.startswith(str(site / "content")) for line in problems[:-1])


def test_check_finds_a_paper_stored_on_two_days(site):
    first = json.loads(day_file(site).read_text())["papers"][0]
    edit(day_file(site, OTHER), lambda d: d["papers"].append({**first, "day": OTHER}))
    result = run(site, "check")
    assert result.exit_code == 1
    assert f"paper {first['id']} is stored on another day too: {day_file(site)}" in result.output


@pytest.mark.command
def test_a_real_run_prints_one_line_and_no_traceback(site):
    SPOILED["name and date disagree"][0](day_file(site))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(site / "mkdocs.yml"), "generate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (f"Error: {day_file(site)}: the file name says 2026-07-14 but its 'date' says 2026-07-16\n")


def test_unknown_future_fields_are_kept_through_merge_and_write(site):
    """A newer version's fields (day, paper, organization) survive an ingest that rewrites the file."""
    path = day_file(site)
    doc = json.loads(path.read_text())
    target = next(p for p in doc["papers"] if p.get("organization"))
    target["video"] = {"url": "https://example.com/v.mp4", "seconds": 61}
    target["organization"]["avatar"] = "https://example.com/a.png"
    doc["curated_by"] = ["someone"]
    path.write_text(json.dumps(doc))
    answer = json.loads((HUB_ANSWERS / f"{DAY}.json").read_text())
    for item in answer:
        item["paper"]["upvotes"] = item["paper"].get("upvotes", 0) + 1000  # so that the day file must change
    saved = site / f"{DAY}.json"
    saved.write_text(json.dumps(answer))

    # Saved later than the bundled day was captured (a saved answer of unknown time would be older: no rewrite).
    result = run(site, "ingest", "--fetched-at", "2026-09-01T00:00:00Z", str(saved))
    assert result.exit_code == 0, result.output
    after = json.loads(path.read_text())
    assert after["curated_by"] == ["someone"]
    kept = next(p for p in after["papers"] if p["id"] == target["id"])
    assert kept["video"] == {"url": "https://example.com/v.mp4", "seconds": 61}
    assert kept["organization"]["avatar"] == "https://example.com/a.png"
    assert kept["upvotes"] >= 1000  # it was rewritten
    assert run(site, "check").exit_code == 0
    # And read back, they are still there for the next version.
    day = DayStore(site / "content").read_day(DayStore(site / "content").dates()[0])
    assert day.extra == {"curated_by": ["someone"]}


BAD_ANSWERS = {
    "not a list": ({"error": "rate limited"}, "a daily_papers answer must be a JSON list of items"),
    "item not an object": (["2607.00001"], "item #1: an item must be a JSON object"),
    "no id": ([{"paper": {"title": "T", "summary": "S", "authors": []}}], "item #1: item has no 'id'"),
    "authors not a list": (
        [{"paper": {"id": "2607.00001", "title": "T", "summary": "S", "authors": "A"}}],
        "item #1: paper 2607.00001: 'authors' must be a list",
    ),
    "no title": (
        [{"paper": {"id": "2607.00001", "summary": "S", "authors": []}}],
        "item #1: paper 2607.00001: no 'title'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ANSWERS))
def test_a_bad_answer_to_ingest_is_one_clear_line_and_stores_nothing(site, case):
    answer, expected = BAD_ANSWERS[case]
    saved = site / f"{DAY}.json"
    saved.write_text(json.dumps(answer))
    before = {p: p.read_bytes() for p in (site / "content").rglob("*.json")}
    result = run(site, "ingest", str(saved))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.output == f"Error: {saved}: {expected}\n" or (
        result.output.startswith(f"Error: {saved}: ") and expected in result.output
    ), result.output
    assert {p: p.read_bytes() for p in (site / "content").rglob("*.json")} == before
