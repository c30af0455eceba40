"""A hostile or broken Hub cannot stop, hang or corrupt the daily run (issue 13, cases 1-3, 6, 7, 10, 13).

Each attack is served by the local Hub (tests/hubserver.py, ``hub.hostile``) to a real
``fetch``: the attacked day fails alone (or its bad items are set aside), every other day is
saved, the run ends with one line, and nothing waits longer than the client's bounds.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.content.days import DayStore
from generator.hub import client as hub_client
from generator.hub.client import parse_ratelimit, parse_retry_after

from ..common import ROOT
from ..hubserver import env_client, recorded_answers

RECORDED = recorded_answers()
DAY = dt.date(2026, 7, 14)
FAKE_TOKEN = "hf_FakeTokenForTestsOnly0123456789abcdef"


@pytest.fixture
def site(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: test\nextra:\n  archive:\n    content_dir: content\n    start_date: 2026-07-13\n"
    )
    return tmp_path


def fetch(site, *args: str, env: dict[str, str] | None = None):
    return CliRunner(env=env).invoke(cli, ["--config", str(site / "mkdocs.yml"), "fetch", "--no-search", *args])


def stored(site) -> dict[dt.date, set[str]]:
    store = DayStore(site / "content")
    return {day.date: {p.id for p in day.papers} for day in store.load().days}


def ids_of(items) -> set[str]:
    return {i["paper"]["id"] for i in items}


def one_line_error(result) -> str:
    """The run's last line: ``Error: ...``, with no traceback anywhere."""
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    last = result.output.rstrip().splitlines()[-1]
    assert last.startswith("Error: "), result.output
    return last


# -- 1. listing days no feed can have ------------------------------------------------------


@pytest.mark.parametrize("when", ["2099-01-01T08:00:00.000Z", "9999-12-31T23:59:59.000Z", "2020-01-01T00:00:00Z"])
def test_an_item_dated_outside_the_feed_is_quarantined_and_the_daily_run_goes_on(hub, site, when):
    hostile = copy.deepcopy(RECORDED[DAY][0])
    hostile["paper"]["id"] = "2607.99999"
    hostile["paper"]["submittedOnDailyAt"] = when
    hub.days[DAY] = [*RECORDED[DAY], hostile]
    result = fetch(site, "--date", str(DAY))
    assert result.exit_code == 0, result.output
    assert "1 items quarantined (listing day out of range)" in result.output
    assert stored(site) == {DAY: ids_of(RECORDED[DAY])}  # never stored as a day
    # The next plain (daily) run plans the days after the last real one through today, as it
    # should: not "nothing to fetch" from 2099 on.
    again = CliRunner().invoke(cli, ["--config", str(site / "mkdocs.yml"), "fetch", "--dry-run"])
    today = dt.datetime.now(dt.UTC).date()
    assert again.exit_code == 0 and f" .. {today}) from " in again.output and "2099" not in again.output
    assert "2026-07-15 history: nothing stored yet" in again.output


def test_an_ingested_answer_dated_in_the_future_is_quarantined_too(site, tmp_path):
    items = copy.deepcopy(RECORDED[DAY][:3])
    items[0]["paper"]["submittedOnDailyAt"] = "2099-01-01T08:00:00.000Z"
    saved = tmp_path / f"{DAY}.json"
    saved.write_text(json.dumps(items))
    result = CliRunner().invoke(cli, ["--config", str(site / "mkdocs.yml"), "ingest", str(saved)])
    assert result.exit_code == 0, result.output
    assert "2 papers added" in result.output and "1 item quarantined (listing day out of range)" in result.output
    assert stored(site) == {DAY: ids_of(items[1:])}


# -- 2. answers built to crash the parser --------------------------------------------------


@pytest.mark.parametrize(
    "attack,expected",
    [
        ("deep", "nested more than 32 deep"),
        ("bignum", "a number of 5000 digits (at most 40)"),
        ("duplicate-key", "the key 'paper' is given twice in one object"),
    ],
)
def test_a_hostile_answer_fails_its_day_alone_and_the_days_after_are_fetched(hub, site, attack, expected):
    bad = dt.date(2026, 7, 15)
    hub.hostile(bad, attack)
    result = fetch(site, "--since", "2026-07-14", "--until", "2026-07-17")
    last = one_line_error(result)
    assert last.startswith("Error: 1 failed (of 4 days and 0 searches)")
    assert f"failed: {bad} (GET http://127.0.0.1:" in result.output and expected in result.output
    assert set(stored(site)) == {dt.date(2026, 7, 14), dt.date(2026, 7, 16), dt.date(2026, 7, 17)}


# -- 3. waits: every one bounded, and the run as a whole -------------------------------------


def test_a_rate_limit_policy_of_one_call_a_day_never_makes_a_wait_past_the_cap(hub, site, hub_clock):
    hub.hostile(DAY, "policy-day")
    result = fetch(site, "--since", "2026-07-14", "--until", "2026-07-16")
    assert result.exit_code == 0, result.output
    assert hub_clock.sleeps and max(hub_clock.sleeps) <= hub_client.MAX_SERVER_WAIT
    assert set(stored(site)) == {dt.date(2026, 7, 14), dt.date(2026, 7, 15), dt.date(2026, 7, 16)}


def test_the_time_budget_ends_a_run_that_the_hub_keeps_waiting(hub, site, hub_clock):
    """One call a day, every day: each request waits the capped 5 minutes; a 12-minute budget stops the run."""
    hub.rate_headers = {"RateLimit": '"api";r=0;t=86400', "RateLimit-Policy": '"fixed window";"api";q=1;w=86400'}
    result = fetch(site, "--since", "2026-07-13", "--until", "2026-08-21", "--time-budget", "12")
    last = one_line_error(result)
    assert "the time budget of 720 s is spent" in last
    assert "days and searches were not asked; every day fetched was saved; run fetch again to go on" in last
    assert sum(hub_clock.sleeps) <= 720
    asked = {dt.date.fromisoformat(r.query["date"]) for r in hub.paths("/api/daily_papers")}
    assert 2 <= len(asked) <= 4 and set(stored(site)) <= asked  # what was fetched is saved


def test_a_dead_hub_ends_the_run_early_with_one_clear_line(hub, site, hub_clock):
    hub.stop()
    result = fetch(site, "--since", "2026-07-13", "--until", "2026-08-21")
    last = one_line_error(result)
    assert f"the Hub is unreachable: {hub_client.DEAD_HUB_FAILURES} connection failures in a row" in last
    assert "39 of 40 days and searches were not asked" in last
    # Two days' retries, not forty days' worth of backoff.
    assert len(hub_clock.sleeps) < hub_client.DEAD_HUB_FAILURES
    assert not (site / "content" / "days").exists()


@pytest.mark.serial
def test_an_answer_that_drips_or_never_ends_is_cut_off(hub, monkeypatch):
    monkeypatch.setattr(hub_client, "MAX_ATTEMPTS", 1)
    monkeypatch.setattr(hub_client, "MAX_ANSWER_SECONDS", 0.3)
    hub.hostile(DAY, "drip")
    with pytest.raises(hub_client.FetchError, match="timed out"):
        env_client().daily_papers(DAY)
    monkeypatch.setattr(hub_client, "MAX_ANSWER_BYTES", 1000)
    with pytest.raises(hub_client.FetchError, match="the answer is larger than 1,000 bytes"):
        env_client().daily_papers(DAY)


def test_headers_with_huge_or_foreign_numbers_are_ignored_not_a_crash():
    assert parse_retry_after("9" * 5000) is None and parse_retry_after("\u0663\u0660") is None
    assert parse_retry_after("\u00b2") is None
    huge = {"RateLimit": f'"api";r={"9" * 5000};t=5', "RateLimit-Policy": "q=1" * 20_000}
    assert parse_ratelimit(huge) is None
    assert parse_ratelimit({"RateLimit": '"api";r=0;t=55', "RateLimit-Policy": "q=1;w=86400"}).window == 86400


# -- 6. Hub text cannot write workflow commands into the log -------------------------------


@pytest.mark.site  # runs the command in a child process, as the workflow does
def test_hub_text_in_the_log_is_inert_and_starts_no_workflow_command(hub, site):
    steering = copy.deepcopy(RECORDED[DAY][:2])
    steering[0]["paper"]["id"] = "2607.1\n::error title=pwned::owned\n::add-mask::x"
    steering[1]["paper"]["id"] = "::warning::x"
    steering[1]["paper"]["authors"] = "\n::error::not a list"
    hub.days[DAY] = steering
    env = {"HF_ENDPOINT": hub.url, "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "generator", "--config", str(site / "mkdocs.yml"), "fetch", "--date", str(DAY)]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    # Neither item is usable: the day fails, saying why (issue 20), in inert lines too.
    assert result.returncode == 1, result.stderr
    assert "2 items skipped" in result.stdout
    assert "none of the 2 items is usable: 'authors' must be a list (1), 'id' not of a stored form (1)" in result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert len([line for line in lines if "skipped" in line]) == 3  # two warnings and the summary
    assert not [line for line in lines if line.lstrip().startswith(("::", "##["))]
    assert "2607.1\\n::error title=pwned::owned\\n::add-mask::x" in result.stderr


# -- 7. the token ---------------------------------------------------------------------------


def test_a_token_ending_in_a_newline_is_cleaned_and_sent(hub, site, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", FAKE_TOKEN + "\n")
    result = fetch(site, "--date", str(DAY))
    assert result.exit_code == 0, result.output
    assert hub.requests[0].headers["Authorization"] == f"Bearer {FAKE_TOKEN}"


@pytest.mark.parametrize(
    "token", [FAKE_TOKEN[:20] + "\x01" + FAKE_TOKEN[20:], FAKE_TOKEN + " second", "é" + FAKE_TOKEN]
)
def test_a_token_that_cannot_be_sent_is_one_line_that_does_not_quote_it(hub, site, monkeypatch, token):
    monkeypatch.setenv("HF_TOKEN", token)
    last = one_line_error(fetch(site, "--date", str(DAY)))
    assert last == "Error: HF_TOKEN: holds a space or a character outside printable ASCII: it cannot be sent"
    assert hub.requests == []


@pytest.mark.site  # -v through main(), in a child process
def test_a_server_echoing_the_token_never_gets_it_printed(hub, site):
    hub.hostile(DAY, "echo-auth")
    env = {"HF_ENDPOINT": hub.url, "HF_TOKEN": FAKE_TOKEN, "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "generator", "-v", "--config", str(site / "mkdocs.yml"), "fetch", "--date", str(DAY)]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" in result.stderr  # -v: the traceback, redacted
    assert "the answer is an HTML page" in result.stderr and "Bearer ***" in result.stderr
    assert hub.requests and hub.requests[0].headers["Authorization"] == f"Bearer {FAKE_TOKEN}"
    for i in range(0, len(FAKE_TOKEN) - 8):
        assert FAKE_TOKEN[i : i + 8] not in output


def test_a_non_json_answer_quoting_the_token_shows_no_part_of_it(hub, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", FAKE_TOKEN)
    hub.hostile(DAY, "echo-auth")
    with pytest.raises(hub_client.FetchError) as e:
        env_client().daily_papers(DAY)
    assert "the answer is an HTML page" in e.value.message and "Bearer ***" in e.value.message
    for i in range(0, len(FAKE_TOKEN) - 6):
        assert FAKE_TOKEN[i : i + 6] not in e.value.message


# -- 10. an address that is no Hub -----------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint,expected",
    [
        ("foo", "Error: HF_ENDPOINT: 'foo' must start with https:// (or http://); e.g. https://huggingface.co"),
        ("ftp://hub.example", "'ftp://hub.example' must start with https:// (or http://)"),
        ("http://[::1", "'http://[::1' not a valid URL"),
        ("https://hub.example:port", "'https://hub.example:port' not a valid URL"),
        ("https://", "'https://' has no host name"),
    ],
)
def test_an_endpoint_that_is_not_an_http_url_is_one_line(site, monkeypatch, endpoint, expected):
    monkeypatch.setenv("HF_ENDPOINT", endpoint)
    assert expected in one_line_error(fetch(site, "--date", str(DAY)))
    assert expected in one_line_error(fetch(site, "--date", str(DAY), "--dry-run"))


def test_a_redirect_loop_fails_its_day_with_one_line(hub, site):
    hub.hostile(DAY, "redirect-loop", times=10)
    result = fetch(site, "--since", str(DAY), "--until", "2026-07-15")
    one_line_error(result)
    assert f"more than {hub_client.MAX_REDIRECTS} redirects (a redirect loop?)" in result.output
    assert set(stored(site)) == {dt.date(2026, 7, 15)}


# -- 13. ids: ASCII arXiv ids or the one safe form -------------------------------------------


@pytest.mark.parametrize(
    "bad_id",
    [
        "\u0662\u0666\u0660\u0667.\u0661\u0660\u0663\u0668\u0663",  # Arabic-Indic digits: \d would take them
        "\uff12\uff16\uff10\uff17.\uff11\uff10\uff13\uff18\uff13",  # full-width digits
        "a/b",
        "a:b",
        "<img src=x onerror=alert(1)>",
        "2607.10383\n::error::x",
        "x" * 65,
    ],
)
def test_an_id_of_no_stored_form_is_refused_at_the_edge(hub, site, bad_id):
    items = copy.deepcopy(RECORDED[DAY][:2])
    items[0]["paper"]["id"] = bad_id
    hub.days[DAY] = items
    result = fetch(site, "--date", str(DAY))
    assert result.exit_code == 0, result.output
    assert "1 items skipped" in result.output
    assert stored(site) == {DAY: {items[1]["paper"]["id"]}}


def test_overlong_texts_and_author_lists_are_cut_and_reported(hub, site, caplog):
    from generator.hub import items as hub_items

    item = copy.deepcopy(RECORDED[DAY][0])
    item["paper"]["summary"] = item["summary"] = "entropy " * 40_000  # 320 KB
    item["paper"]["authors"] = [{"name": f"Author {i}"} for i in range(hub_items.MAX_AUTHORS + 10)]
    item["paper"]["githubRepo"] = "https://github.com/" + "a" * 3000
    hub.days[DAY] = [item]
    result = fetch(site, "--date", str(DAY))
    assert result.exit_code == 0, result.output
    assert "1 items cut to the bounds" in result.output
    (paper,) = DayStore(site / "content").load().papers()
    assert len(paper.abstract) == hub_items.MAX_TEXT and paper.abstract.endswith(hub_items.CUT)
    assert len(paper.authors) == hub_items.MAX_AUTHORS and paper.github_repo is None
    assert "abstract cut to 20,000 characters (was 320,000)" in caplog.text
    assert f"authors cut to the first 5,000 (of {hub_items.MAX_AUTHORS + 10:,})" in caplog.text


def test_a_compressed_answer_is_read_and_a_compression_bomb_is_cut_off(hub):
    import gzip

    from ..hubserver import Reply

    gz = {"Content-Encoding": "gzip"}
    hub.script(DAY, Reply(200, gzip.compress(json.dumps(RECORDED[DAY]).encode()), gz))
    assert env_client().daily_papers(DAY).items == tuple(RECORDED[DAY])
    bomb = gzip.compress(b"[" + b" " * 60_000_000 + b"]")  # 60 KB on the wire, 60 MB unpacked
    hub.script(DAY, Reply(200, bomb, gz))
    with pytest.raises(hub_client.FetchError, match="the answer is larger than 20,000,000 bytes"):
        env_client().daily_papers(DAY)
