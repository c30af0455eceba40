"""``serve``: the built site on 127.0.0.1, to look at it locally."""

from __future__ import annotations

import functools
import http.server
from collections.abc import Callable
from pathlib import Path

from ..errors import BuildError


def serve(site_dir: Path, port: int, ready: Callable[[str], None] = lambda url: None) -> None:
    """Serve ``site_dir`` at http://127.0.0.1:PORT/ until interrupted; ``ready`` gets the URL once listening."""
    if not (site_dir / "index.html").is_file():
        raise BuildError(site_dir / "index.html", "not found: run `python -m generator build` first")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        ready(f"http://127.0.0.1:{port}/")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
