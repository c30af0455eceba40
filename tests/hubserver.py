"""A local stand-in for the Hub's papers API: a real HTTP server on 127.0.0.1.

It replays the recorded answers in tests/fixtures/hub/daily_papers/ by date
(``GET /api/daily_papers?date=&limit=&p=``, pages numbered from 0), answers
``[]`` for a date without a recording and ``400`` for a date after
``hub.today``, as the Hub does. ``GET /api/papers/search?q=`` answers what
``hub.search[q]`` holds (``[]`` otherwise).

Faults are scripted per request key (a date, or ``"search:" + query``):
the next matching requests get the scripted replies, in order, then the
normal answer again::

    hub.rate_limited(date, retry_after=7)      # 429 with Retry-After and RateLimit
    hub.error(date, 500)                        # 500 once, then the real answer
    hub.hang(date, seconds=2)                   # no answer for 2 s (past a short read timeout)
    hub.truncated(date)                         # JSON cut in the middle, status 200
    hub.html(date)                              # an HTML error page with status 200
    hub.bad_answer(date, "object")              # any of the named bad answers the tests share
    hub.hostile(date, "deep")                   # any of the named hostile answers (see ``hostile``)
    hub.days[date] = items                      # any answer: 60 items (pages), duplicates, fewer papers...

Every request is recorded in ``hub.requests`` (path, query, headers).

The ``hub`` fixture starts one per test, points ``HF_ENDPOINT`` at it, clears
``HF_TOKEN`` and installs ``FakeClock`` as the client's clock: retries and
throttle waits advance a virtual clock (``hub_clock.sleeps``) instead of
sleeping, so the suite stays fast. Only a hang takes real time.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import threading
import time
import urllib.parse
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from generator.hub import client as hub_client
from generator.hub.client import HubAccess, HubClient

ANSWERS = Path(__file__).resolve().parent / "fixtures" / "hub" / "daily_papers"
# The last recorded day: the default "today" of the replayed feed.
RECORDED_TODAY = dt.date(2026, 8, 21)
# The fake clock's wall time before any wait: the morning after the last recorded day.
FAKE_UTC = dt.datetime(2026, 8, 22, 6, 0, tzinfo=dt.UTC)


def recorded_answers() -> dict[dt.date, list[Any]]:
    return {dt.date.fromisoformat(p.stem): json.loads(p.read_bytes()) for p in sorted(ANSWERS.glob("*.json"))}


@dataclass
class Reply:
    status: int = 200
    body: bytes = b"[]"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before anything is sent
    drip: float = 0.0  # seconds between the body's bytes, sent one at a time
    trickle_head: float = 0.0  # seconds between the bytes of the status line and headers, sent one at a time
    trickle_chunks: float = 0.0  # a chunked body whose chunk-size lines come one byte per this many seconds
    echo: str | None = None  # a request header whose value is appended to the body (a server echoing it)


@dataclass(frozen=True)
class Request:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)  # when it arrived (real time)


class FakeClock(hub_client.Clock):
    """Virtual time: ``sleep`` records the wait and advances ``now`` at once."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += max(seconds, 0.0)

    def utc(self) -> dt.datetime:
        """A fixed wall clock that moves only with the virtual waits: fetch times in content are reproducible."""
        return FAKE_UTC + dt.timedelta(seconds=round(self.t - 1000.0))


class HubServer:
    def __init__(self, today: dt.date = RECORDED_TODAY) -> None:
        self.today = today
        self.days: dict[dt.date, list[Any]] = recorded_answers()
        self.search: dict[str, list[Any]] = {}
        self.requests: list[Request] = []
        self.rate_headers: dict[str, str] = {}  # sent with every normal answer
        self.latency = 0.0  # seconds before every normal answer: a slow Hub
        self._script: dict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    def start(self) -> HubServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # releases hanging handlers
        self._server.shutdown()
        self._server.server_close()

    # -- scripting -----------------------------------------------------------

    def script(self, key: dt.date | str, *replies: Reply) -> None:
        with self._lock:
            self._script[str(key)].extend(replies)

    def rate_limited(self, key: dt.date | str, retry_after: int = 7, times: int = 1) -> None:
        headers = {
            "Retry-After": str(retry_after),
            "RateLimit": f'"api";r=0;t={retry_after}',
            "RateLimit-Policy": '"fixed window";"api";q=500;w=300',
        }
        self.script(key, *[Reply(429, b'{"error":"Too Many Requests"}', headers) for _ in range(times)])

    def error(self, key: dt.date | str, status: int = 500, times: int = 1) -> None:
        self.script(key, *[Reply(status, b'{"error":"Internal Error"}') for _ in range(times)])

    def hang(self, key: dt.date | str, seconds: float, times: int = 1) -> None:
        self.script(key, *[Reply(200, b"[]", delay=seconds) for _ in range(times)])

    def truncated(self, key: dt.date | str) -> None:
        whole = self._answer_bytes(key)
        self.script(key, Reply(200, whole[: len(whole) // 2]))

    def html(self, key: dt.date | str) -> None:
        page = b"<!DOCTYPE html><html><head><title>Hugging Face</title></head><body>Down for maintenance</body></html>"
        self.script(key, Reply(200, page, {"Content-Type": "text/html; charset=utf-8"}))

    def bad_answer(self, key: dt.date | str, fault: str) -> None:
        """Script the next answer for ``key`` to be one of the named bad answers (each test picks its own):

        ``html`` an HTML page with status 200 · ``truncated`` JSON cut in the middle · ``object`` a JSON
        object where a list is due · ``item`` a list holding a string · ``500-forever`` ten 500s in a row.
        """
        if fault == "html":
            self.html(key)
        elif fault == "truncated":
            self.truncated(key)
        elif fault == "object":
            self.script(key, Reply(200, b'{"error": "unexpected"}'))
        elif fault == "item":
            first = json.loads(self._answer_bytes(key))[:1]
            self.script(key, Reply(200, json.dumps([*first, "oops"]).encode()))
        elif fault == "500-forever":
            self.error(key, 500, times=10)
        else:
            raise ValueError(f"no such fault: {fault}")

    def hostile(self, key: dt.date | str, attack: str, times: int = 1) -> None:
        """Script the next answers for ``key`` to be one of the named hostile answers:

        ``deep`` a list nested 100,000 deep · ``bignum`` an upvote count of 5,000 digits ·
        ``duplicate-key`` an item whose "paper" key is given twice · ``echo-auth`` an HTML page
        quoting the request's Authorization header · ``redirect-loop`` a 302 to the same URL ·
        ``policy-day`` the real answer with ``RateLimit-Policy: q=1;w=86400`` (one call a day) ·
        ``drip`` the real answer, one byte every 50 ms · ``trickle-head`` the real answer, its status line
        and headers one byte every 50 ms · ``trickle-chunks`` the real answer chunked, each chunk-size
        line (200 bytes, with a chunk extension) one byte every 50 ms.
        """
        whole = self._answer_bytes(key)
        if attack == "deep":
            reply = Reply(200, b"[" * 100_000 + b"]" * 100_000)
        elif attack == "bignum":
            items = json.loads(whole)
            items[0]["paper"]["upvotes"] = 123456789
            reply = Reply(200, json.dumps(items).replace("123456789", "9" * 5000).encode())
        elif attack == "duplicate-key":
            first = json.dumps(json.loads(whole)[0]["paper"]).encode()
            reply = Reply(200, b'[{"paper": {"id": "2607.00001"}, "paper": ' + first + b"}]")
        elif attack == "echo-auth":
            reply = Reply(200, b"<html>Forbidden; you sent: ", {"Content-Type": "text/html"}, echo="Authorization")
        elif attack == "redirect-loop":
            reply = Reply(302, b"", {"Location": "/api/daily_papers?date=" + str(key)})
        elif attack == "policy-day":
            policy = {"RateLimit": '"api";r=0;t=86400', "RateLimit-Policy": '"fixed window";"api";q=1;w=86400'}
            reply = Reply(200, whole, policy)
        elif attack == "drip":
            reply = Reply(200, whole, drip=0.05)
        elif attack == "trickle-head":
            reply = Reply(200, whole, trickle_head=0.05)
        elif attack == "trickle-chunks":
            reply = Reply(200, whole, trickle_chunks=0.05)
        else:
            raise ValueError(f"no such attack: {attack}")
        self.script(key, *[reply] * times)

    def paths(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    # -- answering -----------------------------------------------------------

    def _answer_bytes(self, key: dt.date | str) -> bytes:
        if isinstance(key, dt.date):
            return json.dumps(self.days.get(key, [])).encode()
        return json.dumps(self.search.get(key.removeprefix("search:"), [])).encode()

    def answer(self, path: str, query: dict[str, str]) -> Reply:
        if path == "/api/daily_papers":
            try:
                date = dt.date.fromisoformat(query.get("date", ""))
            except ValueError:
                return Reply(400, b'{"error":"Invalid date"}')
            key = str(date)
        elif path == "/api/papers/search":
            key = "search:" + query.get("q", "")
        else:
            return Reply(404, b'{"error":"Not Found"}')
        with self._lock:
            if self._script[key]:
                return self._script[key].popleft()
        if path == "/api/papers/search":
            body = json.dumps(self.search.get(query.get("q", ""), [])).encode()
            return Reply(200, body, dict(self.rate_headers), delay=self.latency)
        if date > self.today:
            return Reply(400, b'{"error":"Date must be today or earlier"}')
        items = self.days.get(date, [])
        limit = int(query.get("limit", "50"))
        page = int(query.get("p", "0"))
        body = json.dumps(items[page * limit : (page + 1) * limit]).encode()
        return Reply(200, body, dict(self.rate_headers), delay=self.latency)


def _handler(hub: HubServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as separate writes: no 40 ms delayed-ACK stall

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            with hub._lock:
                hub.requests.append(Request(url.path, query, dict(self.headers.items())))
            reply = hub.answer(url.path, query)
            if reply.delay and hub._stop.wait(reply.delay):
                self.close_connection = True
                return
            body = reply.body + (self.headers.get(reply.echo, "").encode() if reply.echo else b"")
            if reply.trickle_head or reply.trickle_chunks:
                self._trickle(reply, body)
                return
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.headers.get("Content-Type", "application/json; charset=utf-8"))
                for name, value in reply.headers.items():
                    if name != "Content-Type":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if reply.drip:
                    for i in range(len(body)):
                        if hub._stop.wait(reply.drip):
                            break
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                else:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout): nothing to do

        def _trickle(self, reply: Reply, body: bytes) -> None:
            """Send the answer written out by hand: its head, or its chunk-size lines, one byte at a time."""
            chunked = bool(reply.trickle_chunks)
            length = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {len(body)}"
            head = f"HTTP/1.1 {reply.status} OK\r\nContent-Type: application/json\r\n{length}\r\n\r\n".encode()
            try:
                for i in range(len(head)):
                    if reply.trickle_head and hub._stop.wait(reply.trickle_head):
                        return
                    self.wfile.write(head[i : i + 1])
                    self.wfile.flush()
                if not chunked:
                    self.wfile.write(body)
                    return
                for start in range(0, len(body), 100):
                    chunk = body[start : start + 100]
                    # A chunk extension makes each size line 200 bytes long: 10 s to read one line.
                    for byte in f"{len(chunk):x};pad={'x' * 190}\r\n".encode():
                        if hub._stop.wait(reply.trickle_chunks):
                            return
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    self.wfile.write(chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean; hub.requests records every request

    return Handler


def env_client(**kwargs: Any) -> HubClient:
    """A client of the Hub the environment names (``HF_ENDPOINT``, ``HF_TOKEN``), as the command line builds it."""
    return HubAccess.from_environ(os.environ).client(**kwargs)


@pytest.fixture
def hub_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()
    monkeypatch.setattr(hub_client, "CLOCK", clock)
    return clock


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, hub_clock: FakeClock):
    """A replaying Hub on 127.0.0.1, with HF_ENDPOINT pointing at it and waits made virtual."""
    server = HubServer().start()
    monkeypatch.setenv("HF_ENDPOINT", server.url)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    try:
        yield server
    finally:
        server.stop()
