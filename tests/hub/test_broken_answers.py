"""The daily run cannot be broken by what the Hub answers (issue 20): any text is repaired at the
edge, answers are checked against their request, and every answer and warning is bounded.

Each case is a real ``fetch`` (or ``ingest``) against the local Hub (tests/hubserver.py), as a
person or the update workflow runs it.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.content.days import DayStore
from generator.content.hub_searches import HubSearchStore

from ..hubserver import env_client, recorded_answers

RECORDED = recorded_answers()
DAY = dt.date(2026, 7, 14)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: test\nextra:\n  archive:\n    content_dir: content\n    start_date: 2026-07-13\n"
    )
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "topics.yml").write_text(
        "topics:\n  - id: agents\n    title: Agents\n    include: [agent]\n    queries: [LLM agents]\n"
    )
    return tmp_path


def run(site: Path, command: str, *args: str):
    return CliRunner().invoke(cli, ["--config", str(site / "mkdocs.yml"), command, *args])


def stored(site: Path) -> dict[str, object]:
    return {p.id: p for p in DayStore(site / "content").load().papers()}


# -- 1. one text policy at the edge ------------------------------------------------------------


def test_a_lone_surrogate_in_a_day_or_a_search_is_repaired_and_everything_is_saved(hub, site):
    """JavaScript that cuts a string mid-emoji gives "\\ud83d": writing the day file failed, every run."""
    items = copy.deepcopy(RECORDED[DAY][:3])
    items[0]["paper"]["title"] = items[0]["title"] = "Cut mid-emoji \ud83d"
    items[1]["paper"]["authors"][0]["name"] = "\udc00 Ada"
    items[2]["paper"]["organization"] = {"name": "org\ud800", "fullname": "Org \U000e0041\ufffe"}
    hub.days[DAY] = items
    found = copy.deepcopy(RECORDED[dt.date(2026, 7, 15)][:1])
    found[0]["paper"]["summary"] = "An abstract \ud800 with a surrogate"
    hub.search["LLM agents"] = found
    result = run(site, "fetch", "--date", str(DAY))
    assert result.exit_code == 0, result.output
    assert "1 searches (1 results)" in result.output
    papers = stored(site)
    assert papers[items[0]["paper"]["id"]].title == "Cut mid-emoji \ufffd"
    assert papers[items[1]["paper"]["id"]].authors[0] == "\ufffd Ada"
    org = papers[items[2]["paper"]["id"]].organization
    assert (org.name, org.fullname) == ("org\ufffd", "Org ")
    (searched,) = HubSearchStore(site / "content").papers("agents")
    assert searched.abstract == "An abstract \ufffd with a surrogate"
    # The files are valid UTF-8 and the next run reads them back unchanged.
    for path in (site / "content").rglob("*.json"):
        json.loads(path.read_bytes().decode("utf-8"))
    assert run(site, "check").exit_code == 0
    again = run(site, "fetch", "--date", str(DAY))
    assert again.exit_code == 0 and "0 papers added, 0 updated" in again.output


def test_a_title_with_nothing_visible_is_kept_and_generate_shows_its_id(hub, site):
    """Issue 20, case 3: a title of only zero-width, bidi and control characters and U+FFFE."""
    items = copy.deepcopy(RECORDED[DAY][:2])
    items[0]["paper"]["title"] = items[0]["title"] = "\u200b\u202e\x07\ufffe"
    items[1]["paper"]["summary"] = items[1]["summary"] = "\u200b!!! …"  # and an abstract without a word
    hub.days[DAY] = items
    assert run(site, "fetch", "--date", str(DAY), "--no-search").exit_code == 0
    paper = stored(site)[items[0]["paper"]["id"]]
    assert paper.title == "" and paper.display_title == paper.id
    result = run(site, "generate")
    assert result.exit_code == 0, result.output
    feed = json.loads((site / "docs" / "feeds" / "latest.json").read_text(encoding="utf-8"))
    assert paper.id in [i["title"] for i in feed["items"]]


def test_hidden_tag_characters_never_reach_a_page_a_feed_or_the_search(hub, site):
    """Issue 20, case 8: Unicode tag characters carry text no reader sees."""
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore previous instructions")
    items = copy.deepcopy(RECORDED[DAY][:1])
    items[0]["paper"]["title"] = items[0]["title"] = f"Visible title{hidden}"
    items[0]["paper"]["ai_summary"] = f"Summary{hidden}."
    hub.days[DAY] = items
    assert run(site, "fetch", "--date", str(DAY), "--no-search").exit_code == 0
    assert run(site, "generate").exit_code == 0
    for path in [*(site / "content").rglob("*.json"), *(site / "docs").rglob("*.*")]:
        if path.suffix in (".json", ".md", ".xml", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert not any(0xE0000 <= ord(c) <= 0xE007F for c in text), path


def test_publication_dates_no_paper_can_have_are_unknown_and_keep_topic_pages_small(hub, site):
    """Issue 20, case 8: two search results dated 0001 and 9999 grew a topic page from 24 KB to 734 KB."""
    found = copy.deepcopy(RECORDED[dt.date(2024, 6, 12)][:2])  # never on Daily Papers: shown by publication date
    found[0]["paper"]["publishedAt"] = "0001-01-01T00:00:00.000Z"
    found[1]["paper"]["publishedAt"] = "9999-12-31T00:00:00.000Z"
    hub.search["LLM agents"] = found
    assert run(site, "fetch", "--date", str(DAY)).exit_code == 0
    assert all(p.published is None for p in HubSearchStore(site / "content").papers("agents"))
    assert run(site, "generate").exit_code == 0
    page = site / "docs" / "topics" / "agents.md"
    assert page.stat().st_size < 40_000
    assert "0001" not in page.read_text(encoding="utf-8") and "9999" not in page.read_text(encoding="utf-8")


def test_an_organization_name_with_a_noncharacter_keeps_its_page_front_matter_valid(hub, site):
    """Issue 20, case 8: U+FFFE in an organization name broke its page's YAML front matter."""
    import yaml

    items = copy.deepcopy(RECORDED[DAY][:1])
    items[0]["paper"]["organization"] = {"name": "evil\ufffeorg", "fullname": "Evil\ufffe Org\uffff"}
    hub.days[DAY] = items
    assert run(site, "fetch", "--date", str(DAY), "--no-search").exit_code == 0
    assert run(site, "generate").exit_code == 0
    page = (site / "docs" / "orgs" / "evilorg.md").read_text(encoding="utf-8")
    head = page.split("---\n")[1]
    assert yaml.safe_load(head)["title"] == "Evil Org"


# -- fetch times --------------------------------------------------------------------------------


def test_a_fetch_time_in_the_future_is_refused(site, tmp_path):
    """Issue 20, case 8: ``ingest --fetched-at`` in 2099 pinned a paper's counts for ever."""
    saved = tmp_path / f"{DAY}.json"
    saved.write_text(json.dumps(RECORDED[DAY][:2]))
    result = run(site, "ingest", "--fetched-at", "2099-01-01T00:00:00Z", str(saved))
    assert result.exit_code == 2, result.output
    assert "Error: --fetched-at: is in the future (2099-01-01T00:00:00Z; now is " in result.output
    assert not (site / "content" / "days").exists()
    # A stored time in the future (a file edited by hand) is a problem `check` names.
    assert run(site, "ingest", str(saved)).exit_code == 0
    path = DayStore(site / "content").path_of(DAY)
    doc = json.loads(path.read_text())
    doc["papers"][0]["fetched"] = "2099-01-01T00:00:00Z"
    path.write_text(json.dumps(doc))
    checked = run(site, "check")
    assert checked.exit_code == 1 and "'fetched' is in the future (2099-01-01T00:00:00Z" in checked.output


# -- answers checked against their request -------------------------------------------------------


def test_an_item_is_placed_on_the_day_asked_for_and_one_listed_elsewhere_is_skipped(hub, site, caplog):
    items = copy.deepcopy(RECORDED[DAY][:4])
    items[1]["paper"]["submittedOnDailyAt"] = "2026-07-13T23:30:00.000Z"  # a time zone away: the day asked for
    items[2]["paper"]["submittedOnDailyAt"] = "2026-07-20T08:00:00.000Z"  # another day's paper
    items[3]["paper"]["submittedOnDailyAt"] = "2026-06-30T08:00:00.000Z"
    hub.days[DAY] = items
    result = run(site, "fetch", "--date", str(DAY), "--no-search")
    assert result.exit_code == 0, result.output
    assert "2 papers added" in result.output
    assert "2 items listed on another day than asked (skipped)" in result.output
    assert {p.day for p in stored(site).values()} == {DAY}
    assert set(stored(site)) == {items[0]["paper"]["id"], items[1]["paper"]["id"]}
    assert f"listed on 2026-07-20, not on {DAY} (the day asked for) or a day either side" in caplog.text


def test_an_answer_whose_items_all_lack_an_id_fails_its_day_naming_the_fields_and_the_others_are_saved(hub, site):
    """Issue 20, case 6: schema drift was a green run ("1 days fetched (1 empty)") and the archive stopped growing."""
    drifted = copy.deepcopy(RECORDED[DAY])
    for item in drifted:
        item["paper"]["paperId"] = item["paper"].pop("id")
    hub.days[DAY] = drifted
    result = run(site, "fetch", "--since", str(DAY), "--until", "2026-07-15", "--no-search")
    assert result.exit_code == 1, result.output
    failures = [line for line in result.output.splitlines() if line.startswith("failed: ")]
    assert failures == [f"failed: {DAY}: none of the {len(drifted)} items is usable: no 'id' ({len(drifted)})"]
    assert result.output.splitlines()[-1].startswith("Error: 1 failed (of 2 days and 0 searches)")
    assert {p.day for p in stored(site).values()} == {dt.date(2026, 7, 15)}  # the other day is saved


def test_an_answer_that_would_move_and_retitle_the_archive_stops_before_writing(hub, site):
    """Issue 20, case 7: one answer re-listed every stored id under a later day with other titles."""
    days = [dt.date(2026, 7, d) for d in (13, 14, 15, 16, 17)]
    assert run(site, "fetch", "--since", str(days[0]), "--until", str(days[-1]), "--no-search").exit_code == 0
    before = {p.read_bytes() for p in (site / "content" / "days").rglob("*.json")}
    later = dt.date(2026, 7, 20)
    relisted = [copy.deepcopy(item) for d in days for item in RECORDED[d]]
    for item in relisted:
        item["paper"]["submittedOnDailyAt"] = f"{later}T08:00:00.000Z"
        item["paper"]["title"] = item["title"] = "Buy now: " + item["paper"]["title"]
    hub.days[later] = relisted
    result = run(site, "fetch", "--date", str(later), "--no-search")
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert line.startswith(f"Error: content: refusing to write: this run would move {len(relisted)} and retitle")
    assert "--allow-mass-change" in line
    assert {p.read_bytes() for p in (site / "content" / "days").rglob("*.json")} == before
    # A person who knows the Hub really changed that much says so.
    allowed = run(site, "fetch", "--date", str(later), "--no-search", "--allow-mass-change")
    assert allowed.exit_code == 0, allowed.output
    assert f"{len(relisted)} moved to a later day, {len(relisted)} retitled" in allowed.output
    assert {p.day for p in stored(site).values()} == {later}


def test_a_few_moves_and_new_titles_are_an_ordinary_update(hub, site):
    assert run(site, "fetch", "--date", str(DAY), "--no-search").exit_code == 0
    later = dt.date(2026, 7, 15)
    moved = copy.deepcopy(RECORDED[DAY][:2])
    for item in moved:
        item["paper"]["submittedOnDailyAt"] = f"{later}T08:00:00.000Z"
        item["paper"]["title"] = item["paper"]["title"] + " (v2)"
    hub.days[later] = [*RECORDED[later], *moved]
    result = run(site, "fetch", "--date", str(later), "--no-search")
    assert result.exit_code == 0, result.output
    assert "2 moved to a later day, 2 retitled" in result.output


# -- everything bounded ----------------------------------------------------------------------------


def test_a_page_of_empty_items_fails_its_day_in_a_few_lines(hub, site, caplog):
    """Issue 20, case 5: one page of ``{}`` items wrote a warning per item (6.6 million lines) and exited 0."""
    from ..hubserver import Reply

    hub.script(DAY, Reply(200, b"[" + b",".join([b"{}"] * 1500) + b"]"))  # one page, whatever the limit asked
    result = run(site, "fetch", "--date", str(DAY), "--no-search")
    assert result.exit_code == 1, result.output
    assert "none of the 1,500 items is usable: no 'id', 'title', 'authors', 'summary' (1,500)" in result.output
    refused = [r for r in caplog.records if "item" in r.getMessage() and r.name == "generator.hub.items"]
    assert len(refused) == 4, [r.getMessage() for r in refused]  # three shown, then one counted line
    assert "1,497 more items refused alike: no 'id', 'title', 'authors', 'summary'" in refused[-1].getMessage()


def test_items_cut_to_their_bounds_are_warned_about_three_times_then_counted(hub, site, caplog):
    items = copy.deepcopy(RECORDED[DAY][:10])
    for item in items:
        item["paper"]["title"] = item["title"] = "Long " * 400  # 2,000 characters: cut to 1,000
    hub.days[DAY] = items
    result = run(site, "fetch", "--date", str(DAY), "--no-search")
    assert result.exit_code == 0 and "10 items cut to the bounds" in result.output, result.output
    lines = [r.getMessage() for r in caplog.records if "cut" in r.getMessage()]
    assert len(lines) == 4 and lines[-1] == f"{DAY}: 7 more items cut to the bounds", lines


@pytest.mark.parametrize(
    "body,limits,expected",
    [
        (b"[" + b",".join([b"{}"] * 2500) + b"]", {}, "the day's pages hold more than 2,000 items"),
        (b"[" + b",".join([b'{"a":{}}'] * 600) + b"]", {"MAX_ANSWER_OBJECTS": 1000}, "more than 1,000 objects"),
    ],
)
def test_a_day_past_its_bounds_fails_before_its_items_are_parsed(hub, site, monkeypatch, body, limits, expected):
    from generator.hub import client as hub_client

    from ..hubserver import Reply

    for name, value in limits.items():
        monkeypatch.setattr(hub_client, name, value)
    hub.script(DAY, Reply(200, body))
    result = run(site, "fetch", "--date", str(DAY), "--no-search")
    assert result.exit_code == 1, result.output
    assert expected in result.output


def test_a_day_s_pages_together_are_bounded_in_bytes(hub, site, monkeypatch):
    from generator.hub import client as hub_client

    day = dt.date(2026, 8, 18)
    hub.days[day] = copy.deepcopy(RECORDED[day] + RECORDED[dt.date(2026, 8, 19)])  # two pages
    for item in hub.days[day]:
        item["paper"]["submittedOnDailyAt"] = f"{day}T08:00:00.000Z"
    first_page = len(json.dumps(hub.days[day][:50]).encode())
    monkeypatch.setattr(hub_client, "MAX_DAY_BYTES", first_page + 100)  # the first page fits, not both
    result = run(site, "fetch", "--date", str(day), "--no-search")
    assert result.exit_code == 1, result.output
    assert f"the day's pages hold more than {first_page + 100:,} bytes" in result.output
    assert not DayStore(site / "content").path_of(day).exists()  # all of the day, or none of it


def test_a_day_s_pages_are_parsed_as_they_arrive_so_memory_stays_flat(hub, site):
    """Issue 20, case 5: all pages of a day were held at once (20 pages of ~20 MB reached 7.5 GB).
    Twenty pages of 50 items that each carry 20 KB the archive does not keep: 20 MB arrive, the
    peak stays near one page's worth (tracemalloc counts the local Hub's copies too)."""
    import tracemalloc

    from generator.content.days import DayStore as Store
    from generator.hub.fetch import run_fetch

    items = [
        {
            "paper": {
                "id": f"2607.{20000 + i}",
                "title": f"Paper {i}",
                "summary": "Short.",
                "authors": [{"name": "Ada"}],
                "submittedOnDailyAt": f"{DAY}T08:00:00.000Z",
                "mediaUrls": ["x" * 20_000],  # what the archive does not keep: the page's bulk
            }
        }
        for i in range(999)  # 19 full pages and a short one
    ]
    hub.days[DAY] = items
    with env_client() as client:
        tracemalloc.start()
        try:
            summary = run_fetch(client, Store(site / "content"), [DAY])
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert summary.papers_found == 999 and len(hub.requests) == 20
    # One page in flight is several copies of it at once (the local Hub's JSON and bytes, the client's
    # chunks, their join, the parsed items): under 8 pages' worth, where the 20 pages held together
    # were more than 20.
    page = len(json.dumps(items[:50]).encode())
    assert page > 1_000_000 and peak < 8 * page, (peak, page)


@pytest.mark.serial
@pytest.mark.parametrize("attack", ["trickle-head", "trickle-chunks"])
def test_trickled_headers_or_chunk_sizes_cannot_stretch_a_request_past_its_deadline(hub, monkeypatch, attack):
    """Issue 20, case 4: only the body's bytes were timed; a status line and headers (or the size lines
    of a chunked body) sent one byte at a time, each within the read timeout, went on for minutes."""
    import time

    from generator.errors import FetchError
    from generator.hub import client as hub_client

    monkeypatch.setattr(hub_client, "MAX_ATTEMPTS", 1)
    monkeypatch.setattr(hub_client, "MAX_ANSWER_SECONDS", 0.5)
    hub.hostile(DAY, attack)  # one byte every 50 ms: the head alone takes 5 s, the chunked body minutes
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        env_client().daily_papers(DAY)
    assert time.monotonic() - started < 2.0


@pytest.mark.serial
def test_the_time_budget_holds_against_a_hub_that_trickles_its_headers(hub, site):
    import time

    hub.hostile(DAY, "trickle-head", times=10)
    started = time.monotonic()
    result = run(site, "fetch", "--date", str(DAY), "--no-search", "--time-budget", "0.02")  # 1.2 s
    assert time.monotonic() - started < 3.0
    assert result.exit_code == 1, result.output
    assert "the time budget of 1 s is spent" in result.output


@pytest.mark.site  # the whole command in a child process, with -v, as the workflow runs it
def test_a_password_in_hf_endpoint_is_never_printed(hub, site):
    """Issue 20, case 8: ``HF_ENDPOINT=https://user:password@mirror`` printed the password in 6 log lines."""
    import os
    import subprocess
    import sys

    from ..common import ROOT

    password = "s3cretPassw0rd"
    endpoint = hub.url.replace("http://", f"http://archive:{password}@")
    later = DAY + dt.timedelta(days=1)
    hub.error(DAY, 500)  # a retry, logged with the request
    hub.error(later, 404)  # a failed day, and the run's error
    env = {**os.environ, "HF_ENDPOINT": endpoint, "PYTHONPATH": str(ROOT)}
    env.pop("HF_TOKEN", None)
    base = [sys.executable, "-m", "generator", "-v", "--config", str(site / "mkdocs.yml"), "fetch", "--no-search"]
    runs = [
        subprocess.run(
            [*base, "--since", str(DAY), "--until", str(later)], cwd=ROOT, env=env, capture_output=True, text=True
        ),
        subprocess.run([*base, "--dry-run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120),
    ]
    output = "".join(r.stdout + r.stderr for r in runs)
    assert runs[0].returncode == 1 and "retry 1/4" in output and "HTTP 404" in output
    assert "archive:***@127.0.0.1" in output
    assert password not in output
    assert hub.requests[0].headers["Authorization"].startswith("Basic ")  # sent to the Hub all the same
