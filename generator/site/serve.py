"""``serve``: the built site on 127.0.0.1, to look at it locally, as GitHub Pages serves it.

Like Pages, a path that is not in the site gets the site's own ``404.html``
(with status 404), not Python's bare error page. A port already in use is
one error line, not a traceback.
"""

from __future__ import annotations

import errno
import functools
import http.server
from collections.abc import Callable
from pathlib import Path

from ..errors import BuildError, ServeError

NOT_FOUND_PAGE = "404.html"  # written by MkDocs (Material's 404 page)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Python's static file handler, answering a missing path with the site's 404 page."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.log_error("code %d, message %s", code, message)
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def make_server(site_dir: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A server for ``site_dir`` listening on 127.0.0.1:``port`` (0: any free port); not serving yet."""
    if not (site_dir / "index.html").is_file():
        raise BuildError(site_dir / "index.html", "not found: run `python -m generator build` first")
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            problem = "the port is already in use (another `serve`?): stop that server or pass another --port"
        else:
            problem = f"cannot listen there ({e.strerror or e})"
        raise ServeError(f"127.0.0.1:{port}", problem) from None


def serve(site_dir: Path, port: int, ready: Callable[[str], None] = lambda url: None) -> None:
    """Serve ``site_dir`` at http://127.0.0.1:PORT/ until interrupted; ``ready`` gets the URL once listening."""
    with make_server(site_dir, port) as server:
        ready(f"http://127.0.0.1:{server.server_address[1]}/")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
