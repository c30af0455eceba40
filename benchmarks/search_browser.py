"""What one search costs a visitor, measured in a real browser (Debian's chromium).

    .venv/bin/python -m benchmarks.search_browser --site site --content content

Serves SITE on 127.0.0.1 as GitHub Pages serves it (HTML, CSS, JavaScript and JSON
gzip-compressed for a browser that asks; Pagefind's index files are gzipped already)
and, for each query of a set made from the archive (a topic word, a phrase in quotes,
a full author name, an arXiv id, a query with filters, and filters alone), in a fresh browser
context (empty cache):

* the header's search box: the query typed on the home page; then the next query
  of the set typed in the same visit (a later search);
* the search page: /search/?q=… opened; then the next query typed into its box.

It records, from Playwright's network events, every file fetched below /pagefind/
(the manifest and the bundles) with its size as transferred (``request.sizes()``:
compressed where the server compressed it), and the time to the first result on
screen: from the last keystroke (which includes the box's wait for more typing:
120 ms in the header, 200 ms on the page; the box gets the focus first and the
query comes as long after as typing it takes, 80 ms a character, during which
Pagefind loads, as it does for a visitor), or, for a search page opened by its
URL, from the moment the page's HTML has arrived. On the search page the filters' counts come after the results: their
bytes are counted too (``with counts``).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import multiprocessing
import re
import socket
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlencode, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
# What GitHub Pages compresses (text); Pagefind's own files are stored gzipped.
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
# Material's search plugin on the same 1,000-day archive: one search_index.json, fetched whole
# before its first result (measured for the issue with `plugins: [search]`).
MATERIAL_INDEX_BYTES = 60.6e6


@dataclass(frozen=True)
class Query:
    label: str
    params: dict[str, str]  # the search page's URL parameters

    @property
    def text(self) -> str:
        return self.params.get("q", "")


@dataclass(frozen=True)
class Cost:
    where: str  # "box" or "page"
    query: Query
    first_bytes: int  # a first search in a visit, up to its first results
    first_files: int
    first_ms: float
    first_counts_bytes: int  # the same, with the filters' counts (search page)
    later_query: Query
    later_bytes: int  # the next search in the same visit
    later_ms: float
    results: int


def queries_for(content: Path) -> list[Query]:
    """The set of queries, chosen from the archive so that each finds something at any size."""
    from generator.content.days import DayStore
    from generator.content.topics import load_topics

    archive = DayStore(content).load()
    papers = list(archive.papers())
    counts = Counter(a for p in papers for a in set(p.authors) if re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", a))
    author = max(sorted(counts), key=lambda a: counts[a])
    latest = archive.latest
    assert latest is not None, f"{content} holds no day"
    paper = latest.by_upvotes()[0]
    topics = load_topics(content / "topics.yml")
    topic = topics[0].id if topics else ""
    filtered = {"q": "model", "year": str(latest.date.year)}
    if topic:
        filtered["topic"] = topic
    return [
        Query("topic word", {"q": "diffusion"}),
        Query("phrase", {"q": '"reinforcement learning"'}),
        Query("full author name", {"q": author}),
        Query("arXiv id", {"q": paper.id}),
        Query("filtered", filtered),
        Query("filters only", {k: v for k, v in filtered.items() if k != "q"}),
    ]


class _GitHubPagesLike(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzip-compressed when the browser accepts it.

    Connections kept open between requests (HTTP/1.1), as GitHub Pages keeps them (HTTP/2):
    closed after each file, Chromium queues a search's ten index files behind its six
    connections to one host.
    """

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class Server:
    """SITE served on 127.0.0.1 by a process of its own: in this one, its threads would take
    turns for the interpreter with Playwright's, which reads the browser's events (measured:
    index files answered up to 250 ms late)."""

    def __init__(self, site: Path) -> None:
        listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        self._process = multiprocessing.get_context("fork").Process(target=_serve, args=(listener, site), daemon=True)
        self._process.start()
        listener.close()  # the child has its own

    def shutdown(self) -> None:
        self._process.terminate()
        self._process.join()


def _serve(listener: socket.socket, site: Path) -> None:
    handler = functools.partial(_GitHubPagesLike, directory=str(site))
    server = http.server.ThreadingHTTPServer(listener.getsockname(), handler, bind_and_activate=False)
    server.socket.close()
    server.socket = listener
    server.serve_forever()


def serve(site: Path) -> tuple[Server, str]:
    server = Server(site)
    return server, server.url


class _Fetched:
    """Bytes transferred for the files below /pagefind/, since the last reset."""

    def __init__(self, page: Page) -> None:
        self.sizes: dict[str, int] = {}
        page.on("requestfinished", self._record)

    def _record(self, request: Request) -> None:
        if "/pagefind/" in request.url:
            self.sizes[request.url] = request.sizes()["responseBodySize"]

    def take(self) -> tuple[int, int]:
        total, files = sum(self.sizes.values()), len(self.sizes)
        self.sizes.clear()
        return total, files


# A visitor's typing: the box starts loading Pagefind when it gets the focus, and the query
# comes this long per character later (one "keystroke", so that no search runs for the
# first letters: the bytes are one query's).
TYPING_MS_PER_CHAR = 80

# Time from the last keystroke to the list answering ``q`` (the box's wait for more typing included).
_WATCH_BOX = """q => { window.__first = new Promise(resolve => {
  const root = document.querySelector('[data-pf-search]');
  let last = performance.now();
  document.querySelector('[data-pf-query]').addEventListener('input', () => { last = performance.now(); });
  new MutationObserver((_, obs) => {
    if (root.dataset.pfTerm === q) { obs.disconnect(); resolve(performance.now() - last); }
  }).observe(root, {attributes: true});
}); }"""

# Installed before the search page's own scripts: when its first result appears.
_WATCH_PAGE = """new MutationObserver((_, obs) => {
  const list = document.querySelector('[data-search-results]');
  const root = document.querySelector('[data-search-page]');
  if (list && (list.children.length || root.dataset.searchState === 'results')) {
    window.__firstResultAt = performance.now(); obs.disconnect();
  }
}).observe(document, {subtree: true, childList: true, attributes: true});"""

# Time from the last keystroke in the search page's box to its results for ``q``.
_WATCH_PAGE_LATER = """q => { window.__later = new Promise(resolve => {
  const root = document.querySelector('[data-search-page]');
  let last = performance.now();
  document.querySelector('[data-search-input]').addEventListener('input', () => { last = performance.now(); });
  new MutationObserver(() => {
    const answers = new URLSearchParams(root.dataset.searchQuery || '').get('q') === q;
    if (answers && root.dataset.searchState !== 'searching') resolve(performance.now() - last);
  }).observe(root, {attributes: true});
}); }"""

_PAGE_CLEARED = """() => { const r = document.querySelector('[data-search-page]');
  return !new URLSearchParams(location.search).get('q') && ['idle', 'done'].includes(r.dataset.searchState); }"""
_PAGE_DONE = """() => { const r = document.querySelector('[data-search-page]');
  return !!r && r.dataset.searchState === 'done' && r.dataset.searchQuery === location.search; }"""
_PAGE_RESULTS = """() => { const r = document.querySelector('[data-search-page]');
  return !!r && ['results', 'done'].includes(r.dataset.searchState) && r.dataset.searchQuery === location.search; }"""


def _box(browser: Browser, base: str, query: Query, later: Query) -> Cost:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    fetched = _Fetched(page)
    page.goto(base, wait_until="networkidle")
    assert not fetched.take()[1], "the search index was fetched before any search"
    first_ms = _type_in_box(page, query.text)
    page.wait_for_load_state("networkidle")
    first_bytes, first_files = fetched.take()
    results = int(page.locator("[data-pf-meta]").inner_text().split()[0].replace(",", "") or 0)
    later_ms = _type_in_box(page, later.text)
    page.wait_for_load_state("networkidle")
    later_bytes, _ = fetched.take()
    context.close()
    return Cost("box", query, first_bytes, first_files, first_ms, first_bytes, later, later_bytes, later_ms, results)


def _type_in_box(page: Page, text: str) -> float:
    box = page.locator("[data-pf-query]")
    box.click()
    box.fill("")
    page.wait_for_function("() => !document.querySelector('[data-pf-search]').dataset.pfTerm")
    page.wait_for_timeout(TYPING_MS_PER_CHAR * len(text))
    page.evaluate(_WATCH_BOX, text)
    box.fill(text)
    return float(page.evaluate("() => window.__first"))


def _page(browser: Browser, base: str, query: Query, later: Query) -> Cost:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_WATCH_PAGE)
    page = context.new_page()
    fetched = _Fetched(page)
    page.goto(f"{base}search/?{urlencode(query.params)}")
    page.wait_for_function(_PAGE_RESULTS, timeout=60_000)
    first_ms = page.evaluate("() => window.__firstResultAt - performance.getEntriesByType('navigation')[0].responseEnd")
    first_bytes, first_files = sum(fetched.sizes.values()), len(fetched.sizes)
    page.wait_for_function(_PAGE_DONE, timeout=60_000)
    page.wait_for_load_state("networkidle")
    counts_bytes, _ = fetched.take()
    results = int((re.match(r"[\d,]+", page.locator("[data-search-status]").inner_text()) or ["0"])[0].replace(",", ""))
    box = page.locator("[data-search-input]")
    box.fill("")
    page.wait_for_function(_PAGE_CLEARED, timeout=60_000)
    page.wait_for_load_state("networkidle")
    fetched.take()
    page.wait_for_timeout(TYPING_MS_PER_CHAR * len(later.text))
    page.evaluate(_WATCH_PAGE_LATER, later.text)
    box.fill(later.text)
    later_ms = page.evaluate("() => window.__later")
    page.wait_for_function(_PAGE_DONE, timeout=60_000)
    page.wait_for_load_state("networkidle")
    later_bytes, _ = fetched.take()
    context.close()
    return Cost("page", query, first_bytes, first_files, first_ms, counts_bytes, later, later_bytes, later_ms, results)


def measure(
    site: Path, queries: list[Query], chromium: str = "/usr/bin/chromium", browser: Browser | None = None
) -> list[Cost]:
    """Every query's cost on ``site``, in ``browser`` (a Playwright browser) or a Chromium launched here."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            launched = p.chromium.launch(executable_path=chromium, args=FLAGS)
            try:
                return measure(site, queries, browser=launched)
            finally:
                launched.close()
    server, base = serve(site)
    costs = []
    try:
        for i, query in enumerate(queries):
            later = next(q for q in queries[i + 1 :] + queries[: i + 1] if q.text)  # the next one with words
            if "q" in query.params and len(query.params) == 1:
                costs.append(_box(browser, base, query, Query(later.label, {"q": later.text})))
            costs.append(_page(browser, base, query, Query(later.label, {**query.params, "q": later.text})))
    finally:
        server.shutdown()
    return costs


@dataclass(frozen=True)
class Summary:
    """Medians (and worst) over the queries, per place."""

    first_kb: float
    first_kb_max: float
    first_counts_kb: float
    later_kb: float
    later_kb_max: float
    first_ms: float
    first_ms_max: float
    later_ms: float

    @property
    def material_ratio(self) -> float:
        """How many times fewer bytes than Material's search fetches before its first result."""
        return MATERIAL_INDEX_BYTES / (self.first_kb * 1e3) if self.first_kb else 0.0


def summarize(costs: list[Cost], where: str) -> Summary:
    rows = [c for c in costs if c.where == where]
    med = statistics.median
    return Summary(
        first_kb=med(c.first_bytes for c in rows) / 1e3,
        first_kb_max=max(c.first_bytes for c in rows) / 1e3,
        first_counts_kb=med(c.first_counts_bytes for c in rows) / 1e3,
        later_kb=med(c.later_bytes for c in rows) / 1e3,
        later_kb_max=max(c.later_bytes for c in rows) / 1e3,
        first_ms=med(c.first_ms for c in rows),
        first_ms_max=max(c.first_ms for c in rows),
        later_ms=med(c.later_ms for c in rows),
    )


def table(costs: list[Cost]) -> str:
    lines = [
        "| where | query | results | first search kB (files) | with filter counts kB | first result ms "
        "| later search | later kB | later first result ms |",
        "| --- | --- | --: | --: | --: | --: | --- | --: | --: |",
    ]
    for c in costs:
        q = " ".join(f"{k}={v}" for k, v in c.query.params.items())
        lines.append(
            f"| {'header box' if c.where == 'box' else 'search page'} | {c.query.label}: `{q}` | {c.results:,} "
            f"| {c.first_bytes / 1e3:,.0f} ({c.first_files}) | {c.first_counts_bytes / 1e3:,.0f} | {c.first_ms:,.0f} "
            f"| `{c.later_query.text}` | {c.later_bytes / 1e3:,.0f} | {c.later_ms:,.0f} |"
        )
    return "\n".join(lines)


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--content", type=Path, default=Path("content"), help="the archive the site was built from")
    args = parser.parse_args()
    costs = measure(args.site, queries_for(args.content))
    bundles = _dir_size(args.site / "pagefind") / 1e6
    print(f"site: {args.site}  size {_dir_size(args.site) / 1e6:.1f} MB, search bundles {bundles:.1f} MB")
    print(table(costs))
    for where in ("box", "page"):
        s = summarize(costs, where)
        print(
            f"{where}: first search {s.first_kb:,.0f} kB median (max {s.first_kb_max:,.0f}; {s.first_counts_kb:,.0f} "
            f"with filter counts), later {s.later_kb:,.0f} kB (max {s.later_kb_max:,.0f}); first result "
            f"{s.first_ms:,.0f} ms median (max {s.first_ms_max:,.0f}), later {s.later_ms:,.0f} ms; "
            f"Material's index is {s.material_ratio:,.0f}× a first search"
        )


if __name__ == "__main__":
    main()
