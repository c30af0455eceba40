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

from ..hubserver import recorded_answers

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
