"""The site search: the built site indexed with Pagefind, after ``mkdocs build``.

(The Hub's search, which ``fetch`` asks for topics, is another thing: ``generator.hub``.)

Material's own search plugin writes one ``search_index.json`` that every visitor
downloads whole (1.4 MB for 30 days, 48 MB for 1,000). Pagefind splits its index
into small chunks and fetches only those a query needs, so a search costs about
the same whatever the size of the archive.

What gets indexed is decided in the theme: ``partials/content.html`` marks the
article of each day page with ``data-pagefind-body``, so only day pages enter the
index and navigation text does not. Each paper heading carries the arXiv id as its
``id``, which makes every paper a Pagefind sub-result pointing at ``#<arXiv id>``.
Pagefind indexes ``2607.10383`` both whole and in parts, so an id finds its paper.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError

log = logging.getLogger(__name__)

# Where the bundle goes inside the site; docs/javascripts/search.js loads it from there.
BUNDLE_DIR = "pagefind"

# The built day pages (generator/render/paths.py: day_path), the only pages the theme marks for indexing.
DAY_PAGES = "archive/*/*/*/index.html"

# Inside the indexed article, text that is not the paper's: the "#" of each heading's
# permalink, and the links to the previous and next day.
EXCLUDE_SELECTORS = (".headerlink", ".day-nav")


@dataclass(frozen=True)
class IndexReport:
    pages: int
    words: int
    seconds: float
    bundle_bytes: int

    def summary(self) -> str:
        return (
            f"{self.pages} pages, {self.words} words indexed in {self.seconds:.1f} s "
            f"(bundle: {self.bundle_bytes / 1e6:.1f} MB, of which a search fetches a few chunks)"
        )


def pagefind_command(site_dir: Path) -> list[str]:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    return cmd


def _count(label: str, output: str) -> int:
    found = re.search(rf"Indexed (\d+) {label}", output)
    return int(found.group(1)) if found else 0


def index_site(site_dir: Path) -> IndexReport:
    """Write the Pagefind bundle into ``site_dir/pagefind/``; raise BuildError if that fails.

    Pagefind runs as a child process (the ``pagefind`` package ships its binary), offline.
    """
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise BuildError(site_dir / "index.html", "not found: build the site before indexing it")
    if not any(site_dir.glob(DAY_PAGES)):
        # An empty archive has nothing to search; Pagefind would index every page whole instead.
        log.warning("search index: no day page in %s, nothing to index", site_dir)
        return IndexReport(pages=0, words=0, seconds=0.0, bundle_bytes=0)
    cmd = pagefind_command(site_dir)
    log.info("running %s", " ".join(cmd))
    started = time.perf_counter()
    try:
        result = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as exc:
        raise BuildError(None, f"pagefind could not be started ({exc}): is the `pagefind` package installed?") from exc
    seconds = time.perf_counter() - started
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise BuildError(site_dir, f"pagefind failed (exit {result.returncode}):\n{output.strip()[-2000:]}")
    pages = _count("pages", output)
    if pages == 0 or "Did not find a data-pagefind-body" in output:
        # Pagefind then falls back to indexing every <body>, navigation and all: never what we want.
        raise BuildError(site_dir, f"pagefind found no page marked data-pagefind-body:\n{output.strip()[-1000:]}")
    bundle = site_dir / BUNDLE_DIR
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    report = IndexReport(pages=pages, words=_count("words", output), seconds=seconds, bundle_bytes=size)
    log.info("search index: %s", report.summary())
    return report
