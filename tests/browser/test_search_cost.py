"""The benchmark's browser measurement (benchmarks/search_browser.py) on the bundled site: it counts
what each search fetches from the index, and the queries it makes from an archive all find papers."""

from __future__ import annotations

from benchmarks import search_browser

from ..common import ARCHIVE


def test_each_query_costs_what_it_fetches_and_a_later_search_costs_less(built_site, browser):
    queries = search_browser.queries_for(ARCHIVE)
    labels = ["topic word", "phrase", "full author name", "arXiv id", "filtered", "filters only"]
    assert [q.label for q in queries] == labels
    costs = search_browser.measure(built_site, queries, browser=browser)
    assert {c.where for c in costs} == {"box", "page"} and len(costs) == 10  # filtered queries: page only
    for cost in costs:
        assert cost.results > 0, cost.query
        assert cost.first_files >= 5  # manifest, code, WebAssembly, metadata, a chunk (and fragments)
        # (A later search may need nothing new: its words' chunks and its papers already came.)
        assert 0 <= cost.later_bytes < cost.first_bytes <= cost.first_counts_bytes
        assert cost.first_ms > 0 and cost.later_ms > 0
    box = search_browser.summarize(costs, "box")
    assert box.material_ratio > 1 and box.first_kb <= box.first_kb_max
