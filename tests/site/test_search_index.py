"""The site search's index (generator/site/search_index.py): Pagefind run over the records, bundles
cached and re-indexed only when their papers change, then installed into the site."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from generator.content.topics import load_topics
from generator.errors import BuildError
from generator.model import Organization, Paper
from generator.render.topic_members import collect_members, load_found
from generator.site import search_index, search_records
from generator.site.search_index import CACHE_DIR, MANIFEST, BundleRun, IndexReport, build_bundles, install
from generator.site.search_records import manifest, plan_bundles

from ..common import ARCHIVE, ARCHIVE_TOPICS

pytestmark = pytest.mark.site  # Pagefind runs as a child process

HOSTILE = '<b>bold</b> & <script>x()</script> "q" &amp;'


def paper(pid: str, day: dt.date, **changes) -> Paper:
    fields = {
        "id": pid,
        "title": f"Paper {pid} on tables",
        "authors": ("Ann Lee", "Bo Chen"),
        "abstract": "Tables, diffused and indexed.",
        "day": day,
        "upvotes": 3,
        "organization": Organization(name="acme", fullname="Acme Labs"),
    }
    return Paper(**{**fields, **changes})


PAPERS = [
    paper("2601.00001", dt.date(2026, 1, 5), title=HOSTILE, abstract=f"Hostile {HOSTILE} abstract."),
    paper("2601.00002", dt.date(2026, 1, 6)),
    paper("2602.00003", dt.date(2026, 2, 2), upvotes=9),
    paper("2603.00004", dt.date(2026, 3, 2)),
]


@pytest.fixture
def small_bundles(monkeypatch):
    """Bundles of at most 2 papers: January; February and March."""
    monkeypatch.setattr(search_records, "MAX_PAPERS_PER_BUNDLE", 2)
    return lambda papers: plan_bundles(papers, lambda p: ["tables"])


def fragments(folder: Path) -> dict[str, dict]:
    """A bundle's fragments (gzip, a signature, JSON) by result URL."""
    out = {}
    for f in (folder / "fragment").iterdir():
        data = json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])
        out[data["url"]] = data
    return out


def test_each_bundle_is_indexed_with_the_records_text_metadata_and_filters(tmp_path, small_bundles):
    index = build_bundles(small_bundles(PAPERS), {}, tmp_path / "cache")
    assert [name for name, _ in index.bundles] == ["2026-01", "2026-02"]
    assert [(r.name, r.papers, r.reused) for r in index.report.runs] == [("2026-01", 2, False), ("2026-02", 2, False)]
    assert all(r.seconds > 0 for r in index.report.runs)
    january = fragments(index.bundles[0][1])
    hostile = january["/archive/2026/01/05/2601.00001.html"]
    assert hostile["meta"]["title"] == HOSTILE  # exactly as stored, for the browser to show as text
    assert hostile["meta"]["authors"] == "Ann Lee · Bo Chen" and hostile["meta"]["org"] == "Acme Labs"
    assert hostile["filters"] == {  # the year is the bundle; upvotes and the day sort the search page
        "month": ["2026-01"],
        "org": ["acme"],
        "topic": ["tables"],
        "upvotes": [str(PAPERS[0].upvotes)],
        "day": ["2026-01-05"],
    }
    assert HOSTILE in hostile["content"]
    entry = json.loads((index.bundles[0][1] / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2


def test_a_paper_whose_id_is_index_keeps_its_anchor_in_its_result_url(tmp_path):
    """Issue 20, case 8: its record, ``…/14/index.html``, came back from Pagefind as ``…/14/``: the
    search led to the day page without the paper's anchor. Also a paper without a word in its abstract
    is indexed (case 2), by its title and id."""
    day = dt.date(2026, 7, 14)
    papers = [paper("index", day), paper("2607.00002", day, abstract="!!! …"), paper("2607.00003", day)]
    index = build_bundles(plan_bundles(papers, lambda p: ()), {}, tmp_path / "cache")
    assert set(fragments(index.bundles[0][1])) == {
        "/archive/2026/07/14/index.html",  # the browser reads the anchor, "index", from it
        "/archive/2026/07/14/2607.00002.html",
        "/archive/2026/07/14/2607.00003.html",
    }


def test_a_second_build_takes_unchanged_bundles_from_the_cache(tmp_path, small_bundles):
    cache = tmp_path / "cache"
    first = build_bundles(small_bundles(PAPERS), {}, cache)
    again = build_bundles(small_bundles(PAPERS), {}, cache)
    assert all(r.reused for r in again.report.runs) and again.bundles == first.bundles
    assert "2 from the cache" in again.report.summary()
    # New upvotes on a March paper: only its bundle is indexed again; the old copy is dropped.
    changed = [*PAPERS[:3], paper("2603.00004", dt.date(2026, 3, 2), upvotes=50)]
    third = build_bundles(small_bundles(changed), {}, cache)
    assert [(r.name, r.reused) for r in third.report.runs] == [("2026-01", True), ("2026-02", False)]
    assert third.bundles[0] == first.bundles[0] and third.bundles[1] != first.bundles[1]
    assert sorted(p.name for p in (cache / "bundles").iterdir()) == sorted(f.name for _, f in third.bundles)
    assert not [p for p in cache.iterdir() if p.name.startswith("records-")]  # scratch records removed


def test_installing_puts_each_bundle_and_pagefind_once_into_the_site(tmp_path, small_bundles):
    bundles = small_bundles(PAPERS)
    index = build_bundles(bundles, manifest(bundles, {"tables": "Tables"}, {"acme": "Acme Labs"}), tmp_path / "c")
    site = tmp_path / "site"
    (site / "pagefind" / "old-bundle").mkdir(parents=True)  # left by an earlier build: replaced
    report = install(index, site)
    root = site / "pagefind"
    assert sorted(p.name for p in root.iterdir()) == ["2026-01", "2026-02", MANIFEST]
    for name in ("2026-01", "2026-02"):
        assert (root / name / "pagefind-entry.json").is_file() and list((root / name).glob("*.pf_meta"))
        assert list((root / name / "fragment").iterdir()) and list((root / name / "index").iterdir())
        assert not list((root / name).glob("pagefind-ui*"))  # Pagefind's own UIs are not used
    # The code and WebAssembly only in the newest bundle, which the browser imports.
    assert (root / "2026-02" / "pagefind.js").is_file() and (root / "2026-02" / "wasm.en.pagefind").is_file()
    assert not (root / "2026-01" / "pagefind.js").exists()
    listed = json.loads((root / MANIFEST).read_text())
    assert listed["runtime"] == "2026-02"
    assert [b["name"] for b in listed["bundles"]] == ["2026-02", "2026-01"]
    assert listed["topics"] == [["tables", "Tables"]] and listed["orgs"] == [["acme", "Acme Labs"]]
    assert report.bundle_bytes == sum(f.stat().st_size for f in root.rglob("*") if f.is_file())


def test_an_empty_archive_has_an_empty_manifest_and_no_pagefind_run(tmp_path):
    index = build_bundles([], manifest([], {}, {}), tmp_path / "cache")
    assert index.bundles == () and index.report.summary() == "no paper to index"
    install(index, tmp_path / "site")
    assert json.loads((tmp_path / "site" / "pagefind" / MANIFEST).read_text())["bundles"] == []


def test_a_failed_pagefind_run_names_the_bundle_and_caches_nothing(tmp_path, small_bundles, monkeypatch):
    monkeypatch.setattr(search_index, "pagefind_command", lambda records, out: ["false"])
    with pytest.raises(BuildError, match="search bundle 2026-01: pagefind failed"):
        build_bundles(small_bundles(PAPERS), {}, tmp_path / "cache")
    assert not list((tmp_path / "cache" / "bundles").iterdir())


def test_a_run_that_indexes_fewer_records_than_written_is_an_error(tmp_path, small_bundles, monkeypatch):
    real = search_index.pagefind_command
    one_day = ["--glob", "**/05/*.html"]  # one of January's two records
    monkeypatch.setattr(search_index, "pagefind_command", lambda records, out: [*real(records, out), *one_day])
    with pytest.raises(BuildError, match="indexed 1 of 2 records"):
        build_bundles(small_bundles(PAPERS), {}, tmp_path / "cache")


def test_the_built_site_indexes_every_stored_paper_with_its_topics(built_site, bundled_archive):
    """The bundled site, as `python -m generator build` made it: one record per paper, topics as the pages say."""
    topics = load_topics(ARCHIVE_TOPICS)
    members = collect_members(topics, bundled_archive.papers(), load_found(ARCHIVE, topics))
    expected = {
        p.id: sorted(t.id for t in topics if p.id in members[t.id] and members[t.id][p.id].stored)
        for p in bundled_archive.papers()
    }
    listed = json.loads((built_site / "pagefind" / MANIFEST).read_text())
    found = {}
    for bundle in listed["bundles"]:
        for url, data in fragments(built_site / "pagefind" / bundle["name"]).items():
            found[url.rsplit("/", 1)[1].removesuffix(".html")] = sorted(data["filters"].get("topic", []))
    assert found == expected
    assert sum(b["papers"] for b in listed["bundles"]) == bundled_archive.paper_count
    assert [b["name"] for b in listed["bundles"]] == ["2026-08", "2026-07"]  # tests/sitebuild.py: BUNDLE_PAPERS
    assert (built_site.parent / "project" / CACHE_DIR / "bundles").is_dir()  # the cache sits beside mkdocs.yml


def test_the_build_line_counts_papers_and_bundles_in_words():
    one = IndexReport((BundleRun("2026-07", 1, reused=False, seconds=1.0, peak_mb=100.0),), 1.5)
    assert one.summary().startswith("1 paper in 1 bundle, 1 indexed (2026-07; 1.0 s, peak 100 MB)")
    many = IndexReport((BundleRun("2025-01", 4_000, reused=True), BundleRun("2026-01", 2_000, reused=False)), 2.0)
    assert many.summary().startswith("6,000 papers in 2 bundles, 1 indexed (2026-01;")
    assert "1 from the cache" in many.summary()
