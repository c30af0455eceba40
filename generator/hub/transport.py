"""One deadline per request: connect, status line, headers and body all within it.

A socket timeout bounds each wait for a byte, not a request: a server that sends its status
line, its headers or the size lines of a chunked body one byte every 20 s never trips a 30 s
read timeout, and kept a run going for minutes past its time budget. ``deadline_session``
gives a ``requests.Session`` whose connections read the socket through ``_DeadlineReader``:
before each read the socket's timeout is cut to what is left until the request's deadline,
so the whole exchange, whatever the pace of its bytes, ends by then (a ``TimeoutError``,
which requests reports as ``requests.Timeout``).

The deadline is the one ``within`` sets around a request (a context variable: only the
requests made inside it are bounded, on the thread that made them).
"""

from __future__ import annotations

import contextvars
import http.client
import io
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("hub_request_deadline", default=None)


@contextmanager
def within(seconds: float) -> Iterator[float]:
    """Requests made inside end within ``seconds`` (real time) from now; yields the deadline
    (``time.monotonic()``)."""
    deadline = time.monotonic() + max(seconds, 0.0)
    token = _DEADLINE.set(deadline)
    try:
        yield deadline
    finally:
        _DEADLINE.reset(token)


def time_left() -> float | None:
    """Seconds left until the current request's deadline (None: no deadline)."""
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


class _DeadlineReader(io.RawIOBase):
    """A socket read so that no read waits past ``deadline``."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request's deadline passed")
        usual = self._sock.gettimeout()
        self._sock.settimeout(left if usual is None else min(usual, left))
        try:
            return self._sock.recv_into(buffer)
        finally:
            self._sock.settimeout(usual)


class _DeadlineResponse(http.client.HTTPResponse):
    """http.client's response, reading its status line, headers and body through ``_DeadlineReader``."""

    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        deadline = _DEADLINE.get()
        if deadline is not None:
            self.fp.close()  # the plain reader http.client made; the socket stays open
            self.fp = io.BufferedReader(_DeadlineReader(sock, deadline))


class _HTTPConnection(urllib3.connection.HTTPConnection):
    response_class = _DeadlineResponse


class _HTTPSConnection(urllib3.connection.HTTPSConnection):
    response_class = _DeadlineResponse


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _DeadlineAdapter(HTTPAdapter):
    """requests' adapter, with connection pools whose connections keep the request's deadline."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
        return manager


def deadline_session() -> requests.Session:
    """A session whose requests, made ``within`` a deadline, end by it."""
    session = requests.Session()
    adapter = _DeadlineAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
