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

Every wait is bounded: a server-announced wait (``Retry-After``, ``RateLimit``
``t=``, a ``RateLimit-Policy`` window ``w=``) counts for at most
``MAX_SERVER_WAIT``; a request (connect, status line, headers and body) ends
within one deadline, ``MAX_ANSWER_SECONDS`` or what is left of the run's time
budget if less (``transport.py``), and an answer within ``MAX_ANSWER_BYTES``;
one day's pages within ``MAX_DAY_BYTES`` and ``MAX_DAY_ITEMS`` together; a run
may be given a time budget (``set_budget``), past which no request is sent and
no wait begun (``RunStopped``); and ``DEAD_HUB_FAILURES`` connection failures
in a row end the run (``RunStopped``) instead of retrying every remaining day
against a Hub that is down.

Every wait goes through ``Clock``; tests swap ``CLOCK`` for a fake one so no
test ever sleeps. The environment is read once (``HubAccess``, by the command
line). The token never appears in a log line, an error or a repr: it is
cleaned as ``huggingface_hub`` cleans it (line breaks and surrounding spaces
dropped), refused with a message that does not quote it when it still cannot
be sent in a header, and removed from every error this client raises, the
excerpt of an answer that echoes it included; a password in ``HF_ENDPOINT``
(``https://user:password@mirror``) is shown as ``***``.
"""

from __future__ import annotations

import collections
import datetime as dt
import email.utils
import logging
import random
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3

from .. import __version__
from ..content import jsonfile
from ..errors import ContentError, FetchError, RunStopped, redact
from ..model import json_kind
from .transport import deadline_session, within

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
# ...but a server-announced wait (Retry-After, RateLimit t=, RateLimit-Policy w=)
# is honoured up to one rate-limit window (the Hub's windows are 5 minutes);
# anything longer is treated as a misbehaving header rather than a reason to
# stall CI for hours.
MAX_SERVER_WAIT = 300.0

# A whole answer (one page of 50 papers is ~100 KB) must arrive within this
# much time and size: the read timeout bounds each wait for a byte, not a
# server that drips one byte at a time or streams without end.
MAX_ANSWER_SECONDS = 120.0
MAX_ANSWER_BYTES = 20_000_000
# ...and no answer may hold more JSON objects than this (a real page of 50 papers holds a
# few thousand, one per author): 20 MB of "{}," would be 6.6 million of them, gigabytes once parsed.
MAX_ANSWER_OBJECTS = 500_000
READ_CHUNK = 65_536
# One day's pages together: far above any real day (~100 papers, ~1 MB), and bounded whatever a
# server pages. Each page is parsed into papers as it arrives and its raw answer dropped.
MAX_DAY_BYTES = 40_000_000
MAX_DAY_ITEMS = 2_000

# This many connection failures (refused, reset, timed out) in a row, with no
# HTTP answer between them, mean the Hub (or the network) is down: the run
# stops instead of spending every remaining day's retries. Two days' worth.
DEAD_HUB_FAILURES = 2 * 5

# Redirects followed per request (requests' default is 30): a redirect loop
# fails fast, and with one clear error.
MAX_REDIRECTS = 5

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

# A number in a header: ASCII digits (``\d`` and str.isdigit also take other
# scripts' digits and superscripts), and few of them.
_HEADER_NUMBER = re.compile(r"[0-9]{1,12}")


def check_endpoint(endpoint: str) -> str:
    """``endpoint`` without its trailing slash, or a FetchError naming HF_ENDPOINT and what is wrong."""
    problem = None
    try:
        parts = urlsplit(endpoint.strip())
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError as e:
        problem = f"not a valid URL ({redact(str(e), _passwords(endpoint))})"
    else:
        if parts.scheme.lower() not in ("http", "https"):
            problem = "must start with https:// (or http://)"
        elif not parts.hostname:
            problem = "has no host name"
    if problem:
        raise FetchError("HF_ENDPOINT", f"{shown_url(endpoint)!r} {problem}; e.g. {DEFAULT_ENDPOINT}")
    return endpoint.strip().rstrip("/")


def _passwords(url: str) -> tuple[str, ...]:
    """The password of a URL's ``user:password@`` (what must never be shown of it)."""
    netloc = url.partition("://")[2].partition("/")[0]
    userinfo, at, _ = netloc.rpartition("@")
    password = userinfo.partition(":")[2] if at else ""
    return (password,) if password else ()


def shown_url(url: str) -> str:
    """``url`` as messages show it: a password in it (``user:password@host``) as ``***``."""
    if not _passwords(url):
        return url
    scheme, _, rest = url.partition("://")
    netloc, slash, path = rest.partition("/")
    userinfo, _, host = netloc.rpartition("@")
    return f"{scheme}://{userinfo.partition(':')[0]}:***@{host}{slash}{path}"


@dataclass(frozen=True)
class HubAccess:
    """Where the Hub is and how to ask it: ``HF_ENDPOINT`` and ``HF_TOKEN``, read once (by the command
    line), as the Hub's own client ``huggingface_hub`` reads them; checked when a command needs them."""

    raw_endpoint: str = ""
    raw_token: str = ""

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> HubAccess:
        return cls(environ.get("HF_ENDPOINT") or "", environ.get("HF_TOKEN") or "")

    @property
    def endpoint(self) -> str:
        """The checked endpoint (a FetchError naming HF_ENDPOINT otherwise)."""
        return check_endpoint(self.raw_endpoint or DEFAULT_ENDPOINT)

    @property
    def shown_endpoint(self) -> str:
        return shown_url(self.endpoint)

    def secrets(self) -> tuple[str, ...]:
        """What must never be printed: the token, as set and as cleaned, and the endpoint's password."""
        raw = self.raw_token
        try:
            cleaned = clean_token(raw) or ""
        except FetchError:
            cleaned = raw.strip()
        found = {s for s in (raw, raw.strip(), cleaned, *_passwords(self.raw_endpoint)) if len(s) >= MIN_SECRET}
        # Longest first, so that the raw value (with its line break) is replaced whole.
        return tuple(sorted(found, key=len, reverse=True))

    def client(self, **kwargs: Any) -> HubClient:
        return HubClient(self.endpoint, self.raw_token or None, **kwargs)


# A "secret" of a character or two is no secret worth hiding, and hiding it would mangle every message.
MIN_SECRET = 4


def clean_token(token: str | None) -> str | None:
    """``HF_TOKEN`` as huggingface_hub reads it: line breaks and surrounding spaces dropped; None when empty.

    A token that still holds a character no HTTP header may carry is refused
    with a message that never quotes it.
    """
    if token is None:
        return None
    token = token.replace("\r", "").replace("\n", "").strip()
    if token and not all("!" <= c <= "~" for c in token):
        raise FetchError("HF_TOKEN", "holds a space or a character outside printable ASCII: it cannot be sent")
    return token or None


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


def _header_params(value: str) -> dict[str, int]:
    """The ``key=number`` parameters of a structured header (``"api";r=0;t=55``), first of each key.

    Split, not searched with a pattern: linear in the header's length whatever it holds.
    """
    params: dict[str, int] = {}
    for part in value.split(";"):
        key, sep, number = part.partition("=")
        key, number = key.strip().lower(), number.strip()
        if sep and key not in params and _HEADER_NUMBER.fullmatch(number):
            params[key] = int(number)
    return params


def parse_ratelimit(headers: Any) -> RateLimit | None:
    """``RateLimit: "api";r=0;t=55`` and ``RateLimit-Policy: "fixed window";"api";q=500;w=300``."""
    value = headers.get("RateLimit")
    if not value:
        return None
    params = _header_params(value)
    if "r" not in params or "t" not in params:
        return None
    quota = window = None
    policy = _header_params(headers.get("RateLimit-Policy") or "")
    if policy.get("q", 0) > 0 and policy.get("w", 0) > 0:
        quota, window = policy["q"], float(policy["w"])
    return RateLimit(remaining=params["r"], reset_in=float(params["t"]), quota=quota, window=window)


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if _HEADER_NUMBER.fullmatch(value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
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

    def wait(self, deadline: Deadline | None = None) -> float:
        """Block until one more request is allowed; return how long it waited.

        A wait that would end past ``deadline`` is not begun: ``RunStopped``.
        """
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
            if deadline is not None:
                deadline.check(delay, "to stay under the Hub's rate limit")
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
            # A window longer than MAX_SERVER_WAIT (w=86400: one call a day) would make one
            # wait of that length: the quota is kept, over the capped window.
            self.calls = max(1, int(limit.quota * THROTTLE_HEADROOM))
            self.window = min(limit.window, MAX_SERVER_WAIT)
        if limit.remaining == 0:
            self.paused_until = max(self.paused_until, self.clock.now() + min(limit.reset_in, MAX_SERVER_WAIT))


class Deadline:
    """The end of a run's time budget, on the client's clock."""

    def __init__(self, clock: Clock, seconds: float) -> None:
        self.clock = clock
        self.seconds = seconds
        self.at = clock.now() + seconds

    def left(self) -> float:
        return self.at - self.clock.now()

    def check(self, wait: float = 0.0, why: str = "") -> None:
        """``RunStopped`` when the budget is spent, or would be by waiting ``wait`` seconds ``why``."""
        if wait <= 0 and self.left() > 0:
            return
        if self.left() - wait <= 0:
            waiting = f" (a wait of {wait:.0f} s {why} would pass it)" if wait > 0 else ""
            raise RunStopped(None, f"the time budget of {self.seconds:.0f} s is spent{waiting}")


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


class _TooLarge(Exception):
    """An answer past ``MAX_ANSWER_BYTES``: refused, not retried."""


@dataclass(frozen=True)
class Answer:
    """One HTTP answer, its body read whole (within ``MAX_ANSWER_BYTES`` and ``MAX_ANSWER_SECONDS``)."""

    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes


class NotListedYet(Exception):
    """The Hub answers 400 for a day it does not list yet (today before the feed rolls over, or the
    future): not a failure of the run."""


@dataclass(frozen=True)
class DailyPage:
    """One page of one day's items, as it arrives."""

    date: dt.date
    number: int  # from FIRST_PAGE
    items: tuple[dict[str, Any], ...]
    fetched: dt.datetime  # when the day's first page came back


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
        self.endpoint = check_endpoint(endpoint or DEFAULT_ENDPOINT)
        self.shown_endpoint = shown_url(self.endpoint)
        self._token = clean_token(token)
        self._secrets = tuple(s for s in (self._token, *_passwords(self.endpoint)) if s)
        self.timeout = timeout
        self.clock = clock or CLOCK
        self.throttle = Throttle(self.clock) if throttle else None
        self._rng = rng or random.random
        self.session = session or deadline_session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        self.session.max_redirects = MAX_REDIRECTS
        self._auth = _Bearer(self._token) if self._token else None
        self.stats = Stats()
        self.deadline: Deadline | None = None
        self.failures_in_a_row = 0  # connection failures since the last HTTP answer

    def set_budget(self, seconds: float | None) -> None:
        """From now on, send no request and begin no wait past ``seconds`` from now (None: no budget)."""
        self.deadline = Deadline(self.clock, seconds) if seconds is not None else None

    def __repr__(self) -> str:
        token = "set" if self._token else "none"
        return f"HubClient(endpoint={self.shown_endpoint!r}, token={token})"

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the two endpoints ---------------------------------------------------

    def daily_pages(self, date: dt.date) -> Iterator[DailyPage]:
        """Every page of the items listed on ``date``, each as it arrives, until a short page.

        Raises ``NotListedYet`` when the Hub does not list the day yet; a FetchError when the
        day's pages together pass ``MAX_DAY_BYTES`` or ``MAX_DAY_ITEMS``.
        """
        seen_pages: set[tuple[str, ...]] = set()
        fetched = None
        size = count = 0
        for page in range(FIRST_PAGE, FIRST_PAGE + MAX_PAGES):
            params = {"date": date.isoformat(), "limit": str(PAGE_LIMIT), "p": str(page)}
            what = f"{date} (GET {self._url('/api/daily_papers', params)})"
            response = self._get("/api/daily_papers", params, what)
            if response.status == 400 and page == FIRST_PAGE:
                log.info("%s: not available yet (HTTP 400)", date)
                raise NotListedYet(date)
            self._raise_for_status(response, what)
            fetched = fetched or self.clock.utc()
            size += len(response.body)
            if size > MAX_DAY_BYTES:
                raise self._error(what, f"the day's pages hold more than {MAX_DAY_BYTES:,} bytes: no day is that large")
            found = self._json_items(response, what)
            count += len(found)
            if count > MAX_DAY_ITEMS:
                raise self._error(what, f"the day's pages hold more than {MAX_DAY_ITEMS:,} items: no day has that many")
            ids = tuple(_item_id(i) for i in found)
            if found and ids in seen_pages:
                log.warning("%s: page %d repeats an earlier page; the server ignores paging, stopping", date, page)
                return
            seen_pages.add(ids)
            yield DailyPage(date, page, tuple(found), fetched)
            if len(found) < PAGE_LIMIT:
                return
        raise FetchError(date, f"still full pages after {MAX_PAGES} pages of {PAGE_LIMIT}; refusing to page on")

    def daily_papers(self, date: dt.date) -> DailyAnswer:
        """Every item listed on ``date``, all pages at once (``daily_pages`` gives them as they arrive)."""
        try:
            pages = list(self.daily_pages(date))
        except NotListedYet:
            return DailyAnswer(date=date, items=None, pages=0)
        items = tuple(i for page in pages for i in page.items)
        return DailyAnswer(date, items, len(pages), pages[0].fetched if pages else None)

    def search(self, query: str) -> tuple[dict[str, Any], ...]:
        """The items ``/api/papers/search`` answers for ``query``."""
        params = {"q": query, "limit": str(SEARCH_LIMIT)}
        what = f"search {query!r} (GET {self._url('/api/papers/search', params)})"
        response = self._get("/api/papers/search", params, what)
        self._raise_for_status(response, what)
        items = self._json_items(response, what)
        if len(items) > MAX_DAY_ITEMS:
            raise self._error(what, f"the answer holds more than {MAX_DAY_ITEMS:,} items (asked for {SEARCH_LIMIT})")
        return tuple(items)

    # -- one request, with retries ------------------------------------------

    def _url(self, path: str, params: dict[str, str]) -> str:
        """The URL of a request as messages show it (a password in the endpoint as ``***``)."""
        return requests.Request("GET", self.shown_endpoint + path, params=params).prepare().url or path

    def _get(self, path: str, params: dict[str, str], what: str) -> Answer:
        """The answer to one GET, retried (``_attempt`` by ``_attempt``) while retrying can help."""
        url = self.endpoint + path
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if self.deadline is not None:
                self.deadline.check()
            if self.throttle is not None:
                self.stats.waited += self.throttle.wait(self.deadline)
            answer, problem, server_wait = self._attempt(url, params, what)
            if answer is not None:
                return answer
            if attempt == MAX_ATTEMPTS:
                raise self._error(what, f"failed after {MAX_ATTEMPTS} attempts, last: {problem}")
            self._wait_to_retry(attempt, problem, server_wait, what)
        raise AssertionError("unreachable")

    def _attempt(self, url: str, params: dict[str, str], what: str) -> tuple[Answer | None, str, float | None]:
        """One request: (the answer to keep, "", None), or (None, why to try again, the wait the server asks).

        An error retrying cannot help (a redirect loop, an answer too large or unreadable) is raised;
        ``DEAD_HUB_FAILURES`` connection failures in a row raise ``RunStopped``.
        """
        self.stats.requests += 1
        try:
            answer = self._send(url, params)
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as e:
            problem = _describe(e)
            self.failures_in_a_row += 1
            if self.failures_in_a_row >= DEAD_HUB_FAILURES:
                raise RunStopped(
                    self.shown_endpoint,
                    f"the Hub is unreachable: {self.failures_in_a_row} connection failures in a row "
                    f"(last: {problem} at {self._redact(what)})",
                ) from None
            return None, problem, None
        except requests.TooManyRedirects:
            raise self._error(what, f"more than {MAX_REDIRECTS} redirects (a redirect loop?)") from None
        except _TooLarge as e:
            raise self._error(what, str(e)) from None
        except (requests.RequestException, urllib3.exceptions.HTTPError, ValueError) as e:
            # An answer that cannot be read (bad encoding, a redirect to an invalid
            # URL, a header that cannot be sent): retrying cannot help.
            raise self._error(what, f"the request failed: {e.__class__.__name__}: {e}") from None
        finally:
            if self.throttle is not None:
                self.throttle.finished()
        self.failures_in_a_row = 0
        limit = parse_ratelimit(answer.headers)
        if limit is not None and self.throttle is not None:
            self.throttle.observe(limit)
        if answer.status not in RETRY_STATUS:
            return answer, "", None
        return None, f"HTTP {answer.status}", _server_wait(answer, limit)

    def _wait_to_retry(self, attempt: int, problem: str, server_wait: float | None, what: str) -> None:
        """The backoff before the next attempt: exponential with jitter, or longer if the server asks."""
        # ±50% jitter, so that clients cut off together do not retry in lockstep.
        wait = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1) * (0.5 + self._rng()))
        if server_wait is not None:
            wait = max(wait, min(server_wait, MAX_SERVER_WAIT))
        if self.deadline is not None:
            self.deadline.check(wait, "before retrying")
        log.warning(self._redact(f"{what}: {problem}; retry {attempt}/{MAX_ATTEMPTS - 1} in {wait:.1f} s"))
        self.stats.retries += 1
        self.stats.waited += wait
        self.clock.sleep(wait)

    def _send(self, url: str, params: dict[str, str]) -> Answer:
        """One GET, within one deadline (``MAX_ANSWER_SECONDS``, or what is left of the time budget if
        less) from connecting to the body's last byte, and within ``MAX_ANSWER_BYTES``."""
        seconds = MAX_ANSWER_SECONDS
        if self.deadline is not None:
            seconds = max(min(seconds, self.deadline.left()), 0.001)
        timeout = (min(self.timeout[0], seconds), min(self.timeout[1], seconds))
        with (
            within(seconds),
            self.session.get(url, params=params, timeout=timeout, auth=self._auth, stream=True) as response,
        ):
            chunks: list[bytes] = []
            size = 0
            try:
                # read1: whatever one read brings, so that the size is checked however the bytes come.
                while chunk := response.raw.read1(READ_CHUNK, decode_content=True):
                    size += len(chunk)
                    if size > MAX_ANSWER_BYTES:
                        raise _TooLarge(f"the answer is larger than {MAX_ANSWER_BYTES:,} bytes")
                    chunks.append(chunk)
            except requests.RequestException:
                raise
            except (urllib3.exceptions.ReadTimeoutError, TimeoutError) as e:
                raise requests.Timeout(str(e)) from None
            except (urllib3.exceptions.ProtocolError, OSError) as e:
                raise requests.exceptions.ChunkedEncodingError(str(e)) from None
            return Answer(response.status_code, response.reason or "", response.headers, b"".join(chunks))

    def _json_items(self, answer: Answer, what: str) -> list[dict[str, Any]]:
        """The answer as a list of JSON objects, or a FetchError saying what is wrong with it."""
        body = answer.body
        ctype = answer.headers.get("Content-Type", "no Content-Type")
        try:
            data = jsonfile.decode(body, what, max_objects=MAX_ANSWER_OBJECTS)
        except ContentError as e:
            # The excerpt is cut from the answer with the token removed, so that an
            # answer echoing the request's Authorization header shows no part of it.
            start = self._redact(body.decode("utf-8", "replace"))[:40]
            if e.problem.startswith("not valid JSON ("):
                html = start.lstrip().lower().startswith(("<!doctype", "<html"))
                kind = "an HTML page" if html else "not valid JSON"
                detail = f"{ctype}, {len(body)} bytes, {e.problem.removeprefix('not valid JSON (')[:-1]}"
                raise self._error(what, f"the answer is {kind} ({detail}; starts {start!r})") from None
            raise self._error(what, f"the answer is {e.problem}") from None
        if not isinstance(data, list):
            raise self._error(what, f"expected a JSON list of papers, got {json_kind(data)}")
        for i, item in enumerate(data):
            if not isinstance(item, dict):
                raise self._error(what, f"item #{i + 1} is {json_kind(item)}, not a JSON object")
        return data

    def _raise_for_status(self, response: Answer, what: str) -> None:
        status = response.status
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
        return redact(text, self._secrets)


def _server_wait(response: Answer, limit: RateLimit | None) -> float | None:
    waits = [w for w in (parse_retry_after(response.headers.get("Retry-After")),) if w is not None]
    if response.status == 429 and limit is not None:
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
