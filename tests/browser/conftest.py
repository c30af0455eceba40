"""Headless Chromium (Debian's, never a downloaded one) against the built site on 127.0.0.1.

The site is the session's ``built_site`` (tests/conftest.py), served by a threaded
http.server that answers a missing path with the site's 404 page, as GitHub Pages does
(``generator.site.serve``). Without /usr/bin/chromium the browser tests are skipped, with the
reason, unless the environment variable CI is set: then they fail.

The papers' thumbnails live on the Hub's image server; tests never reach it: every browser
context this session opens answers those requests (``THUMBNAILS``) with a stand-in drawn from
the paper's id (``helpers.thumbnail_svg``).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.site.serve import SiteHandler

from ..sitebuild import served_at
from .helpers import THUMBNAILS, thumbnail_svg

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SiteHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1, at the port it was built for, for the whole session."""
    url = served_at(built_site)
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", urlsplit(url).port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        new_context = chromium.new_context

        def context_without_the_hub(**options):
            context = new_context(**options)
            context.route(
                THUMBNAILS,
                lambda route: route.fulfill(body=thumbnail_svg(route.request.url), content_type="image/svg+xml"),
            )
            return context

        chromium.new_context = context_without_the_hub  # every test's contexts, however made
        yield chromium
        chromium.close()


class ConsoleLog:
    """Console errors and uncaught exceptions of one page."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def attach(self, page) -> None:
        page.on(
            "console",
            lambda msg: self.errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        # The console only says "404"; name the request.
        page.on("response", lambda r: self.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


@pytest.fixture
def page(browser, console: ConsoleLog):
    """A fresh page (own context: no cache, no stored palette) at a desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    console.attach(tab)
    yield tab
    context.close()
