"""``serve``: the built site on 127.0.0.1 as GitHub Pages serves it, and a busy port in one line."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.errors import ServeError
from generator.site.serve import make_server

from ..common import ROOT


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "archive").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Home</h1>")
    (site / "archive" / "index.html").write_text("<h1>Archive</h1>")
    (site / "404.html").write_text("<h1>This page is not in the archive</h1>")
    return site


def test_a_missing_page_gets_the_sites_own_404_page(tiny_site):
    server = make_server(tiny_site, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with urllib.request.urlopen(base + "archive/") as found:
            assert found.status == 200 and found.read() == b"<h1>Archive</h1>"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "archive/1999/01/01/")
        assert missing.value.code == 404
        assert missing.value.headers["Content-Type"] == "text/html; charset=utf-8"
        assert missing.value.read() == (tiny_site / "404.html").read_bytes()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.command
def test_a_busy_port_is_one_error_line(tiny_site):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ServeError) as error:
            make_server(tiny_site, port)
        assert error.value.where == f"127.0.0.1:{port}"
        command = [sys.executable, "-m", "generator", "serve", "--site-dir", str(tiny_site), "--port", str(port)]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == f"Error: 127.0.0.1:{port}: {error.value.problem}\n"
    assert "already in use" in result.stderr and "--port" in result.stderr
