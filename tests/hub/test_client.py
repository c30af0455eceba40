"""The Hub client against a real HTTP server on 127.0.0.1: retries, waits, paging, bad answers, the token."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from generator.errors import FetchError
from generator.hub import client as hub_client
from generator.hub.client import HubClient, Throttle, parse_ratelimit, parse_retry_after

from ..hubserver import FakeClock, Reply, env_client, recorded_answers

DAY = dt.date(2026, 7, 14)
RECORDED = recorded_answers()


def test_asks_like_a_polite_client(hub, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", hub.url + "/")  # a trailing slash is fine, as in huggingface_hub
    client = env_client()
    answer = client.daily_papers(DAY)
    assert [i["paper"]["id"] for i in answer.items] == [i["paper"]["id"] for i in RECORDED[DAY]]
    (request,) = hub.requests
    assert request.path == "/api/daily_papers"
    assert request.query == {"date": "2026-07-14", "limit": "50", "p": "0"}
    assert request.headers["User-Agent"].startswith("hf-daily-papers-archive/")
    assert "Authorization" not in request.headers  # anonymous without HF_TOKEN


def test_a_weekend_is_an_empty_day_and_the_future_is_not_available_yet(hub):
    client = env_client()
    assert client.daily_papers(dt.date(2026, 7, 18)).items == ()
    future = client.daily_papers(hub.today + dt.timedelta(days=1))
    assert future.items is None  # HTTP 400: not a failure
    assert client.stats.retries == 0


def test_429_waits_as_long_as_retry_after_says(hub, hub_clock):
    hub.rate_limited(DAY, retry_after=42)
    answer = env_client().daily_papers(DAY)
    assert len(answer.items) == len(RECORDED[DAY])
    assert len(hub.requests) == 2
    assert hub_clock.sleeps and hub_clock.sleeps[0] >= 42


def test_429_honours_the_ratelimit_reset_without_retry_after(hub, hub_clock):
    headers = {"RateLimit": '"api";r=0;t=55', "RateLimit-Policy": '"fixed window";"api";q=500;w=300'}
    hub.script(DAY, Reply(429, b"{}", headers))
    env_client().daily_papers(DAY)
    assert max(hub_clock.sleeps) >= 55


def test_500_then_success_is_retried_with_growing_jittered_waits(hub, hub_clock):
    hub.error(DAY, 500, times=3)
    client = env_client(rng=lambda: 0.5)  # jitter factor 1.0: the bare exponential steps
    assert len(client.daily_papers(DAY).items) == len(RECORDED[DAY])
    assert hub_clock.sleeps == [2.0, 4.0, 8.0]
    assert client.stats.retries == 3


def test_a_server_that_keeps_failing_gives_a_clear_error(hub, hub_clock):
    hub.error(DAY, 503, times=10)
    with pytest.raises(FetchError) as e:
        env_client().daily_papers(DAY)
    assert str(DAY) in e.value.message and "/api/daily_papers" in e.value.message
    assert f"failed after {hub_client.MAX_ATTEMPTS} attempts, last: HTTP 503" in e.value.message
    assert len(hub.requests) == hub_client.MAX_ATTEMPTS


def test_a_client_error_is_not_retried(hub):
    hub.error(DAY, 404)
    with pytest.raises(FetchError, match=r"2026-07-14 .*HTTP 404"):
        env_client().daily_papers(DAY)
    assert len(hub.requests) == 1


@pytest.mark.serial
def test_a_hang_past_the_read_timeout_is_retried(hub):
    hub.hang(DAY, seconds=3)
    client = env_client(timeout=(2.0, 0.3))
    assert len(client.daily_papers(DAY).items) == len(RECORDED[DAY])
    assert len(hub.requests) == 2


@pytest.mark.serial
def test_a_server_that_never_answers_times_out_with_a_clear_error(hub, monkeypatch):
    monkeypatch.setattr(hub_client, "MAX_ATTEMPTS", 2)
    hub.hang(DAY, seconds=3, times=2)
    with pytest.raises(FetchError, match=r"2026-07-14 .*failed after 2 attempts, last: timed out"):
        env_client(timeout=(2.0, 0.2)).daily_papers(DAY)


def test_no_server_at_all(hub, monkeypatch):
    url = hub.url
    hub.stop()
    monkeypatch.setattr(hub_client, "MAX_ATTEMPTS", 2)
    with pytest.raises(FetchError, match="connection failed"):
        HubClient(url).daily_papers(DAY)


@pytest.mark.parametrize(
    "fault,expected",
    [
        ("truncated", "is not valid JSON"),
        ("html", "is an HTML page"),
        ("object", "expected a JSON list of papers, got an object"),
        ("item", "item #2 is a string, not a JSON object"),
    ],
)
def test_an_answer_of_the_wrong_shape_is_rejected_naming_the_date(hub, fault, expected):
    hub.bad_answer(DAY, fault)
    with pytest.raises(FetchError) as e:
        env_client().daily_papers(DAY)
    assert e.value.message.startswith("2026-07-14 (GET http://127.0.0.1:")
    assert expected in e.value.message


def test_a_day_of_more_than_one_page_is_fetched_page_by_page(hub):
    items = RECORDED[dt.date(2026, 8, 18)] + RECORDED[dt.date(2026, 8, 19)] + RECORDED[dt.date(2026, 8, 20)]
    assert len(items) > 50
    hub.days[DAY] = items
    answer = env_client().daily_papers(DAY)
    assert answer.items == tuple(items)
    assert [r.query["p"] for r in hub.requests] == ["0", "1"]


def test_exactly_one_full_page_asks_for_the_next_and_stops_at_an_empty_one(hub):
    items = (RECORDED[dt.date(2026, 8, 18)] + RECORDED[dt.date(2026, 8, 19)])[:50]
    hub.days[DAY] = items
    answer = env_client().daily_papers(DAY)
    assert len(answer.items) == 50 and answer.pages == 2


def test_a_server_that_ignores_paging_does_not_loop_forever(hub):
    page = (RECORDED[dt.date(2026, 8, 18)] + RECORDED[dt.date(2026, 8, 19)])[:50]
    hub.script(DAY, *[Reply(200, json.dumps(page).encode()) for _ in range(5)])
    answer = env_client().daily_papers(DAY)
    assert len(answer.items) == 50
    assert len(hub.requests) == 2


def test_search_asks_the_search_endpoint(hub):
    hub.search["entropy"] = RECORDED[DAY][:3]
    items = env_client().search("entropy")
    assert [i["paper"]["id"] for i in items] == [i["paper"]["id"] for i in RECORDED[DAY][:3]]
    assert hub.requests[0].path == "/api/papers/search" and hub.requests[0].query["q"] == "entropy"


# -- the token -----------------------------------------------------------------

FAKE_TOKEN = "hf_FakeTokenForTestsOnly0123456789abcdef"


def test_the_token_is_sent_but_never_shown(hub, monkeypatch, caplog):
    monkeypatch.setenv("HF_TOKEN", FAKE_TOKEN)
    caplog.set_level(logging.DEBUG)  # urllib3 and requests log at DEBUG too
    client = env_client()
    hub.error(DAY, 500, times=2)
    client.daily_papers(DAY)
    hub.error(DAY, 401)
    with pytest.raises(FetchError) as e:
        client.daily_papers(DAY)
    assert hub.requests[0].headers["Authorization"] == f"Bearer {FAKE_TOKEN}"
    assert "refused the token in HF_TOKEN" in e.value.message
    shown = [e.value.message, str(e.value), repr(client), repr(client._auth), repr(client.stats), caplog.text]
    assert caplog.text  # the retries were logged...
    for text in shown:
        assert FAKE_TOKEN not in text  # ...without the token
        assert FAKE_TOKEN[3:15] not in text


# -- rate limits ----------------------------------------------------------------


def test_throttle_keeps_every_window_under_the_limit():
    clock = FakeClock()
    throttle = Throttle(clock, calls=5, window=10.0)
    times = []
    for _ in range(23):
        throttle.wait()
        times.append(clock.now())
        clock.t += 0.1  # the request itself
        throttle.finished()
    for i, start in enumerate(times):
        assert sum(1 for t in times[i:] if t < start + 10.0) <= 5
    assert times[-1] - times[0] >= 40  # 23 calls at 5 per 10 s need four more windows


def test_throttle_follows_the_servers_policy_and_pauses_when_nothing_is_left(hub, hub_clock):
    hub.rate_headers = {"RateLimit": '"api";r=0;t=120', "RateLimit-Policy": '"fixed window";"api";q=1000;w=300'}
    client = env_client()
    client.daily_papers(DAY)
    assert client.throttle.calls == 900 and client.throttle.window == 300
    client.daily_papers(DAY)  # r=0: wait for the window to reset before asking again
    assert hub_clock.sleeps == [120]


def test_throttle_off_never_waits(hub, hub_clock):
    client = env_client(throttle=False)
    for _ in range(3):
        client.daily_papers(DAY)
    assert client.throttle is None and hub_clock.sleeps == []


def test_header_parsing():
    limit = parse_ratelimit({"RateLimit": '"api";r=12;t=34', "RateLimit-Policy": '"fixed window";"api";q=500;w=300'})
    assert (limit.remaining, limit.reset_in, limit.quota, limit.window) == (12, 34, 500, 300)
    assert parse_ratelimit({"RateLimit": "garbage"}) is None
    assert parse_retry_after("17") == 17
    now = dt.datetime(2026, 7, 14, 12, 0, 0, tzinfo=dt.UTC)
    assert parse_retry_after("Tue, 14 Jul 2026 12:00:30 GMT", now=now) == 30
    assert parse_retry_after("soon") is None
