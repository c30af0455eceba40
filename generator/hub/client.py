"""The HTTP client for the Hugging Face Hub's papers API.

One ``requests.Session`` with a User-Agent naming this project, a (connect,
read) timeout on every request, an optional ``HF_TOKEN`` sent as a bearer
token, and the base URL from ``HF_ENDPOINT`` (default https://huggingface.co),
as in the Hub's own client ``huggingface_hub``.

Requests are retried only when retrying can help: connection errors and
timeouts, ``429 Too Many Requests`` and ``5xx``; the wait grows exponentially
with jitter and honours ``Retry-After`` and the ``RateLimit`` header the Hub
sends (IETF draft-ietf-httpapi-ratelimit-headers, see
https://huggingface.co/docs/hub/rate-limits). A client-side throttle keeps a
long backfill under the anonymous limit of 500 API calls per 5 minutes.

Every wait goes through ``Clock``; tests swap ``CLOCK`` for a fake one so no
test ever sleeps. The token never appears in a log line, an error or a repr.
"""

from __future__ import annotations

import collections
import datetime as dt
import email.utils
import json
import logging
import os
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

from .. import __version__
from ..errors import FetchError
from ..model import json_kind

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://huggingface.co"
USER_AGENT = (
    f"hf-daily-papers-archive/{__version__} "
    f"(static archive of Hugging Face Daily Papers; python-requests/{requests.__version__})"
)

# Connect fast or fail (the Hub answers within a second when healthy); a read
# may take longer for a 50-paper page with abstracts, but a stuck connection
# must not stall an unattended CI run.
TIMEOUT = (10.0, 30.0)

# One try plus four retries: with the backoff below that spans about a
# minute, long enough for a deploy blip at the Hub, short enough for CI.
MAX_ATTEMPTS = 5
BACKOFF_BASE = 2.0  # seconds before the first retry; doubled for each later one
BACKOFF_CAP = 60.0  # the exponential wait never exceeds this...
# ...but a server-announced wait (Retry-After, RateLimit t=) is honoured up to
# one rate-limit window (the Hub's windows are 5 minutes); anything longer is
# treated as a misbehaving header rather than a reason to stall CI for hours.
MAX_SERVER_WAIT = 300.0

# The Hub allows anonymous clients 500 API calls per fixed 5-minute window.
# We keep 10% headroom for anything else calling from the same address (a
# second job, a developer's browser-less curl) and so never hit a 429.
THROTTLE_CALLS = 450
THROTTLE_WINDOW = 300.0
THROTTLE_HEADROOM = 0.9  # share of a server-announced quota (RateLimit-Policy q=) we use

# /api/daily_papers pages: 50 is the Hub's default page size; pages are
# numbered from 0. A page shorter than the limit is the last one.
PAGE_LIMIT = 50
FIRST_PAGE = 0
# No day has come close to 1,000 papers; a server that ignores ``p`` and
# keeps answering full pages must not make us loop forever.
MAX_PAGES = 20
SEARCH_LIMIT = 100  # results asked for per search query

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

# RateLimit: "api";r=0;t=55  and  RateLimit-Policy: "fixed window";"api";q=500;w=300
_RATELIMIT = re.compile(r'"(?P<bucket>[\w|]+)"\s*;\s*r\s*=\s*(?P<r>\d+)\s*;\s*t\s*=\s*(?P<t>\d+)')
_RATELIMIT_POLICY = re.compile(r"q\s*=\s*(?P<q>\d+).*?w\s*=\s*(?P<w>\d+)")


def endpoint_from_env() -> str:
    return (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


class Clock:
    """Real time. Tests replace ``CLOCK`` with a fake whose ``sleep`` only advances ``now``."""

    def now(self) -> float:
        return time.monotonic()

    def utc(self) -> dt.datetime:
        """The wall-clock time, in UTC to the second: when an answer was fetched, as stored."""
        return dt.datetime.now(dt.UTC).replace(microsecond=0)

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


CLOCK: Clock = Clock()


@dataclass(frozen=True)
class RateLimit:
    """What the ``RateLimit`` / ``RateLimit-Policy`` headers of one answer say."""

    remaining: int
    reset_in: float
    quota: int | None = None
    window: float | None = None


def parse_ratelimit(headers: Any) -> RateLimit | None:
    value = headers.get("RateLimit")
    if not value:
        return None
    m = _RATELIMIT.search(value)
    if not m:
        return None
    quota = window = None
    policy = headers.get("RateLimit-Policy")
    pm = _RATELIMIT_POLICY.search(policy) if policy else None
    if pm and int(pm.group("q")) > 0 and int(pm.group("w")) > 0:
        quota, window = int(pm.group("q")), float(pm.group("w"))
    return RateLimit(remaining=int(m.group("r")), reset_in=float(m.group("t")), quota=quota, window=window)


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


class Throttle:
    """At most ``calls`` requests in any ``window`` seconds (sliding, so also in any fixed window)."""

    def __init__(self, clock: Clock, calls: int = THROTTLE_CALLS, window: float = THROTTLE_WINDOW) -> None:
        self.clock = clock
        self.calls = calls
        self.window = window
        self.sent: collections.deque[float] = collections.deque()
        self.paused_until = 0.0

    def wait(self) -> float:
        """Block until one more request is allowed; return how long it waited."""
        waited = 0.0
        while True:
            now = self.clock.now()
            while self.sent and self.sent[0] <= now - self.window:
                self.sent.popleft()
            delay = self.paused_until - now
            if len(self.sent) >= self.calls:
                delay = max(delay, self.sent[0] + self.window - now)
            if delay <= 0:
                self.sent.append(now)
                return waited
            log.info("throttle: waiting %.1f s to stay under the Hub's rate limit", delay)
            self.clock.sleep(delay)
            waited += delay

    def finished(self) -> None:
        """The request just sent got its answer (or failed): count it from now.

        The server saw it somewhere between the send and now; counting from
        the later time means no window, as the server measures it, ever holds
        more than ``calls`` requests.
        """
        if self.sent:
            self.sent[-1] = self.clock.now()

    def observe(self, limit: RateLimit) -> None:
        """Follow what the server says: its quota, and a pause when nothing is left."""
        if limit.quota is not None and limit.window is not None:
            self.calls = max(1, int(limit.quota * THROTTLE_HEADROOM))
            self.window = limit.window
        if limit.remaining == 0:
            self.paused_until = max(self.paused_until, self.clock.now() + min(limit.reset_in, MAX_SERVER_WAIT))


@dataclass
class Stats:
    requests: int = 0
    retries: int = 0
    waited: float = 0.0  # seconds spent in backoff and throttle waits


class _Bearer(requests.auth.AuthBase):
    """Adds the token per request; requests drops it on a redirect to another host."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        r.headers["Authorization"] = f"Bearer {self._token}"
        return r

    def __repr__(self) -> str:
        return "<bearer token hidden>"


@dataclass(frozen=True)
class DailyAnswer:
    """The raw items of one day (all pages), or ``items is None`` when the feed has no such day yet."""

    date: dt.date
    items: tuple[dict[str, Any], ...] | None
    pages: int
    fetched: dt.datetime | None = None  # when the first page came back


class HubClient:
    def __init__(
        self,
        endpoint: str | None = None,
        token: str | None = None,
        *,
        timeout: tuple[float, float] = TIMEOUT,
        throttle: bool = True,
        clock: Clock | None = None,
        rng: Callable[[], float] | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.endpoint = (endpoint or DEFAULT_ENDPOINT).rstrip("/")
        self._token = token or None
        self.timeout = timeout
        self.clock = clock or CLOCK
        self.throttle = Throttle(self.clock) if throttle else None
        self._rng = rng or random.random
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        self._auth = _Bearer(self._token) if self._token else None
        self.stats = Stats()

    @classmethod
    def from_env(cls, **kwargs: Any) -> HubClient:
        """``HF_ENDPOINT`` and ``HF_TOKEN`` from the environment, as huggingface_hub reads them."""
        return cls(endpoint_from_env(), os.environ.get("HF_TOKEN") or None, **kwargs)

    def __repr__(self) -> str:
        token = "set" if self._token else "none"
        return f"HubClient(endpoint={self.endpoint!r}, token={token})"

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the two endpoints ---------------------------------------------------

    def daily_papers(self, date: dt.date) -> DailyAnswer:
        """Every item listed on ``date``, page by page until a short page."""
        items: list[dict[str, Any]] = []
        seen_pages: set[tuple[str, ...]] = set()
        fetched = None
        for page in range(FIRST_PAGE, FIRST_PAGE + MAX_PAGES):
            params = {"date": date.isoformat(), "limit": str(PAGE_LIMIT), "p": str(page)}
            what = f"{date} (GET {self._url('/api/daily_papers', params)})"
            response = self._get("/api/daily_papers", params, what)
            if response.status_code == 400 and page == FIRST_PAGE:
                # The Hub answers 400 for a day it does not list yet (today before
                # the feed rolls over, or the future): not a failure of the run.
                log.info("%s: not available yet (HTTP 400)", date)
                return DailyAnswer(date=date, items=None, pages=0)
            self._raise_for_status(response, what)
            fetched = fetched or self.clock.utc()
            found = _json_items(response, what)
            ids = tuple(_item_id(i) for i in found)
            if found and ids in seen_pages:
                log.warning("%s: page %d repeats an earlier page; the server ignores paging, stopping", date, page)
                break
            seen_pages.add(ids)
            items.extend(found)
            if len(found) < PAGE_LIMIT:
                return DailyAnswer(date, tuple(items), page - FIRST_PAGE + 1, fetched)
        else:
            raise FetchError(date, f"still full pages after {MAX_PAGES} pages of {PAGE_LIMIT}; refusing to page on")
        return DailyAnswer(date, tuple(items), len(seen_pages), fetched)

    def search(self, query: str) -> tuple[dict[str, Any], ...]:
        """The items ``/api/papers/search`` answers for ``query``."""
        params = {"q": query, "limit": str(SEARCH_LIMIT)}
        what = f"search {query!r} (GET {self._url('/api/papers/search', params)})"
        response = self._get("/api/papers/search", params, what)
        self._raise_for_status(response, what)
        return tuple(_json_items(response, what))

    # -- one request, with retries ------------------------------------------

    def _url(self, path: str, params: dict[str, str]) -> str:
        return requests.Request("GET", self.endpoint + path, params=params).prepare().url or path

    def _get(self, path: str, params: dict[str, str], what: str) -> requests.Response:
        url = self.endpoint + path
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if self.throttle is not None:
                self.stats.waited += self.throttle.wait()
            self.stats.requests += 1
            try:
                response = self.session.get(url, params=params, timeout=self.timeout, auth=self._auth)
            except (requests.ConnectionError, requests.Timeout) as e:
                # ChunkedEncodingError (a connection cut mid-body) is a ConnectionError too.
                problem = _describe(e)
                server_wait = None
                if self.throttle is not None:
                    self.throttle.finished()
            else:
                if self.throttle is not None:
                    self.throttle.finished()
                limit = parse_ratelimit(response.headers)
                if limit is not None and self.throttle is not None:
                    self.throttle.observe(limit)
                if response.status_code not in RETRY_STATUS:
                    return response
                problem = f"HTTP {response.status_code}"
                server_wait = _server_wait(response, limit)
                response.close()
            if attempt == MAX_ATTEMPTS:
                raise self._error(what, f"failed after {MAX_ATTEMPTS} attempts, last: {problem}")
            # ±50% jitter, so that clients cut off together do not retry in lockstep.
            wait = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1) * (0.5 + self._rng()))
            if server_wait is not None:
                wait = max(wait, min(server_wait, MAX_SERVER_WAIT))
            log.warning(self._redact(f"{what}: {problem}; retry {attempt}/{MAX_ATTEMPTS - 1} in {wait:.1f} s"))
            self.stats.retries += 1
            self.stats.waited += wait
            self.clock.sleep(wait)
        raise AssertionError("unreachable")

    def _raise_for_status(self, response: requests.Response, what: str) -> None:
        status = response.status_code
        if 200 <= status < 300:
            return
        hint = ""
        if status in (401, 403):
            who = "the token in HF_TOKEN" if self._token else "an anonymous request"
            hint = f" (the Hub refused {who})"
        raise self._error(what, f"HTTP {status} {response.reason or ''}".rstrip() + hint)

    def _error(self, what: str, problem: str) -> FetchError:
        return FetchError(self._redact(what), self._redact(problem))

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text


def _server_wait(response: requests.Response, limit: RateLimit | None) -> float | None:
    waits = [w for w in (parse_retry_after(response.headers.get("Retry-After")),) if w is not None]
    if response.status_code == 429 and limit is not None:
        waits.append(limit.reset_in)
    return max(waits) if waits else None


def _item_id(item: dict[str, Any]) -> str:
    paper = item.get("paper")
    return str(paper.get("id")) if isinstance(paper, dict) else str(item.get("id"))


def _describe(e: requests.RequestException) -> str:
    if isinstance(e, requests.Timeout):
        return "timed out"
    if isinstance(e, requests.exceptions.ChunkedEncodingError):
        return "connection cut mid-answer"
    return "connection failed"


def _json_items(response: requests.Response, what: str) -> list[dict[str, Any]]:
    """The answer as a list of JSON objects, or a FetchError saying what is wrong with it."""
    body = response.content
    ctype = response.headers.get("Content-Type", "no Content-Type")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        start = body[:40].decode("utf-8", "replace")
        kind = "an HTML page" if start.lstrip().lower().startswith(("<!doctype", "<html")) else "not valid JSON"
        detail = f"{ctype}, {len(body)} bytes, {e.__class__.__name__}: {e}; starts {start!r}"
        raise FetchError(what, f"the answer is {kind} ({detail})") from None
    if not isinstance(data, list):
        raise FetchError(what, f"expected a JSON list of papers, got {json_kind(data)}")
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            raise FetchError(what, f"item #{i + 1} is {json_kind(item)}, not a JSON object")
    return data
