"""What one search costs a visitor, measured in a real browser (Debian's chromium).

    .venv/bin/python -m benchmarks.search_browser --site site [--query 2607.10383 --query robot ...]

Serves SITE on 127.0.0.1, opens the home page in a fresh browser context (empty
cache) for each query, types the query into the header search box and records,
from Playwright's network events, every file fetched below /pagefind/ with its
size as served (Pagefind's index chunks and fragments are stored gzip-compressed),
and the time from the last keystroke to the first result on screen (it includes
the search box's 120 ms debounce). Then a second query in the same visit: the
warm cost, once Pagefind's code and metadata are loaded.

Also prints the site's size, the Pagefind bundle's size, and the size of the
search_index.json that Material's built-in search would have made the visitor
download (pass --material-index with one, e.g. from a build with `plugins: [search]`).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import threading
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
DEFAULT_QUERIES = ("2607.10383", "robot", "reinforcement learning", "Kaiming He")

_FIRST_RESULT = """() => { window.__pfFirst = new Promise(resolve => {
  const list = document.querySelector('[data-pf-list]');
  const t0 = performance.now();
  const done = () => resolve({ms: performance.now() - t0, n: list.children.length});
  const root = document.querySelector('[data-pf-search]');
  new MutationObserver((_, obs) => {
    if (list.children.length || root.dataset.pfState === 'done') { obs.disconnect(); done(); }
  }).observe(root, {subtree: true, childList: true, attributes: true});
}); }"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure(site: Path, queries: list[str], chromium: str = "/usr/bin/chromium") -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
            for i, query in enumerate(queries):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                fetched: dict[str, int] = {}

                def record(response, fetched: dict[str, int] = fetched) -> None:
                    if "/pagefind/" in response.url:
                        fetched[response.url] = len(response.body())

                page.on("response", record)
                page.goto(base, wait_until="networkidle")
                assert not fetched, "Pagefind was fetched before any search"
                cold = _one_search(page, query)
                cold_bytes, cold_files = sum(fetched.values()), len(fetched)
                fetched.clear()
                second = queries[(i + 1) % len(queries)]
                warm = _one_search(page, second)
                rows.append({
                    "query": query, "cold_ms": cold["ms"], "cold_bytes": cold_bytes, "cold_files": cold_files,
                    "results": cold["n"], "warm_query": second, "warm_ms": warm["ms"],
                    "warm_bytes": sum(fetched.values()), "warm_files": len(fetched),
                })  # fmt: skip
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def _one_search(page, query: str) -> dict:
    box = page.locator("[data-pf-query]")
    box.click()
    box.fill("")
    page.wait_for_function("() => !document.querySelector('[data-pf-search]').dataset.pfTerm")
    page.evaluate(_FIRST_RESULT)  # starts the clock and watches the list
    box.fill(query)
    result = page.evaluate("() => window.__pfFirst")
    page.wait_for_function(
        "q => document.querySelector('[data-pf-search]').dataset.pfTerm === q", arg=query, timeout=30_000
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--query", action="append", dest="queries")
    parser.add_argument("--material-index", type=Path, help="a search_index.json from Material's search plugin")
    args = parser.parse_args()
    queries = args.queries or list(DEFAULT_QUERIES)
    rows = measure(args.site, queries)
    print(f"site: {args.site}  size {_dir_size(args.site) / 1e6:.1f} MB, "
          f"Pagefind bundle {_dir_size(args.site / 'pagefind') / 1e6:.2f} MB")  # fmt: skip
    if args.material_index:
        size = args.material_index.stat().st_size
        print(f"Material's search_index.json (downloaded whole by every searcher): {size:,} bytes")
    print("| query | cold: bytes fetched | files | first result | warm query | warm: bytes | first result |")
    print("| --- | ---: | ---: | ---: | --- | ---: | ---: |")
    for r in rows:
        print(f"| {r['query']} | {r['cold_bytes']:,} | {r['cold_files']} | {r['cold_ms']:.0f} ms | "
              f"{r['warm_query']} | {r['warm_bytes']:,} | {r['warm_ms']:.0f} ms |")  # fmt: skip
    print(
        f"median cold: {statistics.median(r['cold_bytes'] for r in rows):,.0f} bytes, "
        f"{statistics.median(r['cold_ms'] for r in rows):.0f} ms; median warm: "
        f"{statistics.median(r['warm_bytes'] for r in rows):,.0f} bytes, "
        f"{statistics.median(r['warm_ms'] for r in rows):.0f} ms"
    )


if __name__ == "__main__":
    main()
