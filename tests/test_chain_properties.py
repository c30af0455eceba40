"""The whole chain on any text and any shape (issue 20): Hub items are parsed, stored, read back
and turned into pages, feeds, exports and search records. Nothing crashes, nothing becomes markup,
nothing is lost.

Hypothesis draws answers whose text fields hold anything (lone surrogates, controls, bidi and
zero-width characters, tags, noncharacters, Markdown and HTML syntax) and whose fields or items
are, now and then, any JSON value at all. Each answer goes through the same functions the
commands run: ``papers_of`` (as ``fetch`` parses a day), ``DayStore.merge`` and ``load``,
``render_pages`` (every page, feed and export), then Python-Markdown as MkDocs configures it,
and the search records. ``test_a_site_builds_from_hostile_content`` then runs the real ``build``
(MkDocs and Pagefind) on such content.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import io
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from generator.content.days import DayStore, decode_day
from generator.content.topics import Topic
from generator.errors import ContentError
from generator.hub.items import papers_of
from generator.model import ListingWindow, Paper, merge_by_id, paper_to_record, record_to_paper
from generator.render import paths
from generator.render.export import read_csv_row
from generator.render.generate import render_pages
from generator.render.mdtext import anchor_id, clean
from generator.render.site_data import derive_site_data
from generator.site.search_records import plan_bundles

from .common import ROOT, examples
from .sitebuild import copy_sources
from .test_textpolicy import SPECIAL

DAY = dt.date(2026, 7, 14)
WINDOW = ListingWindow(dt.date(2023, 5, 4), dt.date(2026, 12, 31))

# Syntax of Markdown, its extensions, HTML and templates, and the policy's special characters.
SYNTAX = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</div>", "<!--", "&amp;", "&#60;", "# ", "\n",
    "\n\n", "    ", "> ", "- ", "1. ", "---", "|", "[x](javascript:alert(1))", "{: .evil }", "{ #id }", "{{ x }}",
    "{% y %}", "$", "`", "```", "*", "_", "???", "!!! note", ":", "\"", "'", "\\", "title: x", "...",
]  # fmt: skip
ANY_TEXT = st.one_of(
    st.lists(st.sampled_from(SPECIAL + SYNTAX), max_size=12).map("".join),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=30),
    st.sampled_from(["", " ", "\u200b", "\u202e\u2066", "\ufffe", "!!!", "…—", "\U000e0041\U000e0042"]),
)
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=8,
)
URLS = st.sampled_from(
    [
        "https://github.com/a/b",
        "javascript:alert(1)",
        "data:text/html,<b>",
        " JaVaScRiPt:x",
        "//evil.example",
        "http://",
    ]
)


def _sometimes_anything(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly values of the expected kind, now and then any JSON at all (schema drift)."""
    return st.one_of(strategy, strategy, strategy, ANY_JSON)


PAPER = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["2607.10001", "2607.10002", "2607.10003", "index", "not-arxiv", "2607.1\u200b0004"]),
        "title": _sometimes_anything(ANY_TEXT),
        "summary": _sometimes_anything(ANY_TEXT),
        "authors": _sometimes_anything(st.lists(st.fixed_dictionaries({"name": ANY_TEXT}), max_size=5)),
        "submittedOnDailyAt": st.sampled_from([f"{DAY}T08:00:00.000Z", "2026-07-13T23:00:00Z", "2026-07-20", "x"]),
        "publishedAt": st.sampled_from(["2026-07-10T00:00:00.000Z", "0001-01-01", "9999-12-31", "2099-01-01"]),
        "upvotes": _sometimes_anything(st.integers(min_value=-5, max_value=10**12)),
    },
    optional={
        "ai_summary": _sometimes_anything(ANY_TEXT),
        "ai_keywords": _sometimes_anything(st.lists(ANY_TEXT, max_size=4)),
        "organization": _sometimes_anything(st.fixed_dictionaries({"name": ANY_TEXT}, optional={"fullname": ANY_TEXT})),
        "githubRepo": _sometimes_anything(URLS),
        "projectPage": _sometimes_anything(URLS),
        "submittedOnDailyBy": st.fixed_dictionaries({"name": ANY_TEXT, "fullname": ANY_TEXT}),
    },
)
ITEM = st.one_of(
    PAPER.map(lambda p: {"paper": p}),
    st.tuples(PAPER, ANY_TEXT, ANY_JSON).map(lambda t: {"paper": t[0], "title": t[1], "numComments": t[2]}),
    ANY_JSON,
)
ANSWER = st.lists(ITEM, max_size=8)
TOPICS = [
    Topic(id="everything", title="Everything \u202eevil\u200b <b>x</b>", include=("a", "e", "x")),
    Topic(id="none", title="None", include=("zzzz",)),
]


@functools.cache
def _markdown() -> markdown.Markdown:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def _front_matter(page: str) -> tuple[dict, str]:
    """The YAML front matter (read as MkDocs' YAML loader reads it) and the Markdown after it."""
    if not page.startswith("---\n"):
        return {}, page
    head, _, body = page[4:].partition("\n---\n")
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict), head
    return meta, body


def _assert_inert(root: lxml_html.HtmlElement, where: str) -> None:
    """No script, frame or form, no event handler, no link but http(s) and relative ones. Images are the
    papers' thumbnails only (http(s), lazy, no referrer); the one form is the home page's search box."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "img":
            assert urlsplit(el.get("src", "")).scheme in ("http", "https"), where
            assert (el.get("loading"), el.get("referrerpolicy")) == ("lazy", "no-referrer"), where
        elif el.tag in ("form", "input") and where == paths.HOME:
            assert el.get("action", "search/") == "search/" and el.get("type", "search") == "search", where
        else:
            assert el.tag not in ("script", "iframe", "object", "embed", "form", "input", "img", "style", "base"), where
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"{where}: <{el.tag} {name}>"
            if name in ("href", "src", "action", "xlink:href"):
                assert urlsplit(value.strip()).scheme.lower() in ("", "http", "https"), f"{where}: {value!r}"


def _heading(root: lxml_html.HtmlElement, anchor: str) -> str:
    """A heading's text: its title (a link to the Hub, or text), without its permalink."""
    (h,) = root.xpath(f'//*[@id="{anchor}"]')
    parts = [h.text or ""]
    for child in h:
        parts += [child.text_content() if child.get("class") != "headerlink" else "", child.tail or ""]
    return "".join(parts).strip()


def check_chain(items: list, store_dir: Path, asked: dt.date = DAY) -> None:
    """Run ``items`` as ``fetch`` would for the day ``asked``, then generate; assert the promises of issue 20."""
    parsed = papers_of(items, str(asked), asked, WINDOW, asked=asked)
    assert len(parsed.papers) + parsed.skipped + parsed.quarantined + parsed.other_day == len(items)

    # The store: every paper kept, and read back as it went in (the text policy is idempotent).
    store = DayStore(store_dir, WINDOW)
    store.merge(parsed.papers)
    archive = store.load()
    expected = merge_by_id(parsed.papers)
    assert {p.id: p for p in archive.papers()} == expected
    for paper in archive.papers():
        assert record_to_paper(paper_to_record(paper), "again") == paper

    # The pages, feeds and exports.
    pages = render_pages(derive_site_data(archive, TOPICS), site_url="https://example.org/a/")
    md = _markdown()
    for path, page in pages.items():
        if path.endswith(".md"):
            meta, body = _front_matter(page)
            assert "title" not in meta or isinstance(meta["title"], str | int | float), path
            _assert_inert(lxml_html.fragment_fromstring(md.reset().convert(body), create_parent="div"), path)
    if archive.days:
        (day,) = archive.days
        _, body = _front_matter(pages[paths.day_path(day.date)])
        root = lxml_html.fragment_fromstring(md.reset().convert(body), create_parent="div")
        for paper in day.papers:
            assert _heading(root, anchor_id(paper.id)) == clean(paper.display_title)
    feeds = {p: v for p, v in pages.items() if p.startswith("feeds/")}
    for path, feed in feeds.items():
        if path.endswith(".xml"):
            etree.fromstring(feed.encode("utf-8"))  # well-formed XML
        else:
            json.loads(feed)
    latest = json.loads(pages["feeds/latest.json"])
    assert len(latest["items"]) == len(expected)
    by_year: dict[int, set[str]] = {}
    for paper in expected.values():
        by_year.setdefault(asked.year, set()).add(paper.id)
    for year, ids in by_year.items():
        lines = gzip.decompress(pages[f"data/papers-{year}.jsonl.gz"]).decode("utf-8").splitlines()
        records = {r["id"]: r for r in map(json.loads, lines)}
        assert set(records) == ids
        assert all(records[i]["title"] == expected[i].title for i in ids)
        for rec in records.values():
            assert all(urlsplit(u).scheme in ("http", "https") for u in rec["links"].values())
        rows = list(csv.reader(io.StringIO(pages[f"data/papers-{year}.csv"].decode("utf-8"))))
        assert {read_csv_row(r)["id"] for r in rows[1:]} == ids

    # The search records: one per paper, each with a word Pagefind indexes in its body.
    bundles = plan_bundles(archive.papers(), lambda p: ())
    records = [r for b in bundles for r in b.records]
    assert len(records) == len(expected)
    for record in records:
        doc = lxml_html.fromstring(record.html)
        body = doc.xpath("//main")[0]
        for ignored in body.xpath('.//*[@data-pagefind-ignore="index"]'):
            ignored.drop_tree()
        assert re.search(r"[^\W_]", body.text_content()), record.html


@settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(items=ANSWER)
def test_any_answer_goes_through_the_whole_chain(items):
    with tempfile.TemporaryDirectory() as tmp:
        check_chain(items, Path(tmp))


@settings(max_examples=examples(300), deadline=None)
@given(doc=ANY_JSON, rec=ANY_JSON)
def test_any_stored_json_is_a_day_or_one_clear_error(doc, rec):
    for value in (doc, {"date": str(DAY), "papers": [rec]}, {"date": str(DAY), "papers": [rec], "fetched": rec}):
        try:
            day = decode_day(json.dumps(value).encode("utf-8", "surrogatepass"), "content/days/2026/x.json")
        except ContentError as e:
            assert "\n" not in e.format_message()
        else:
            for paper in day.papers:
                paper_to_record(paper)  # storable again


# -- the real build on hostile content ---------------------------------------------------------


def hostile_answers(seed: int = 20) -> dict[dt.date, list[dict]]:
    """Three days of papers whose every text field is drawn from the special characters and syntax
    above (seeded: the same content each run), with the cases of issue 20 among them."""
    rng = random.Random(seed)

    def text(n: int) -> str:
        return "".join(rng.choice(SPECIAL + SYNTAX + ["word", "Diffusion", "模型", " "]) for _ in range(n))

    days: dict[dt.date, list[dict]] = {}
    for d in range(3):
        date = DAY + dt.timedelta(days=d)
        items = []
        for i in range(6):
            paper = {
                "id": f"2607.{20000 + d * 10 + i}",
                "title": text(6),
                "summary": text(20),
                "authors": [{"name": text(3)} for _ in range(rng.randint(0, 5))],
                "submittedOnDailyAt": f"{date}T08:00:00.000Z",
                "publishedAt": "2026-07-10T00:00:00.000Z",
                "upvotes": rng.randint(0, 500),
                "ai_keywords": [text(2), "zebra"],
                "organization": {"name": text(2) + "org", "fullname": text(3)},
                "githubRepo": rng.choice(["https://github.com/a/b", "javascript:alert(1)", "data:text/html,x"]),
                "submittedOnDailyBy": {"name": "someone", "fullname": text(3)},
            }
            items.append({"paper": paper, "numComments": i})
        days[date] = items
    first = days[DAY]
    first[0]["paper"]["summary"] = "\u200b!!! …\u200b"  # no word in the abstract (case 2)
    first[1]["paper"]["title"] = "\u200b\u202e\ufffe\x07"  # nothing visible in the title (case 3)
    first[2]["paper"]["title"] = "cut mid-emoji \ud83d"  # a lone surrogate (case 1)
    first[3]["paper"]["id"] = "index"  # keeps its anchor (case 8)
    first[4]["paper"]["organization"] = {"name": "bad\ufffeorg", "fullname": "Bad \ufffe Org"}  # front matter (8)
    first[5]["paper"]["title"] = "hidden \U000e0068\U000e0069 tag text"  # tag characters (case 8)
    return days


@pytest.mark.site
def test_a_site_builds_from_hostile_content(tmp_path):
    """``ingest`` then ``build`` (MkDocs strict, Pagefind) in child processes, as the workflow runs
    them: the build succeeds and its search index holds one record per stored paper."""
    project = copy_sources(tmp_path / "project", content=False)
    (project / "content").mkdir()
    (project / "content" / "topics.yml").write_text(
        "topics:\n  - id: zebras\n    title: Zebras\n    include: [zebra]\n", encoding="utf-8"
    )
    saved = []
    for date, items in hostile_answers().items():
        path = tmp_path / f"{date}.json"
        path.write_bytes(json.dumps(items).encode("utf-8", "surrogatepass"))
        saved.append(str(path))
    config = ["--config", str(project / "mkdocs.yml")]
    run = [sys.executable, "-m", "generator", *config]
    ingested = subprocess.run([*run, "ingest", *saved], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ingested.returncode == 0, ingested.stdout + ingested.stderr
    checked = subprocess.run([*run, "check"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = tmp_path / "site"
    built = subprocess.run(
        [*run, "build", "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert "search: 18 papers in 1 bundle" in built.stdout, built.stdout
    verified = subprocess.run(
        [*run, "verify", "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr  # the `index` paper's record keeps its URL
    assert "18 papers on 3 day pages, 18 search records in 1 bundle" in verified.stdout
    papers = {p.id: p for p in DayStore(project / "content").load().papers()}
    assert len(papers) == 18
    day = _page(site, DAY)
    for paper in papers.values():
        if paper.day == DAY:
            assert day.xpath(f'//*[@id="{anchor_id(paper.id)}"]'), paper.id
    assert _heading(day, "2607.20001") == "2607.20001"  # a title with nothing visible shows the id


def _page(site: Path, date: dt.date) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / paths.page_url(paths.day_path(date)) / "index.html").read_bytes())


def test_the_hostile_content_parses_and_renders_in_process(tmp_path):
    """The build test's content through the in-process chain too (fast, and so in make test-fast)."""
    for date, items in hostile_answers().items():
        check_chain(items, tmp_path / str(date), date)


def test_paper_ids_of_the_hostile_content_are_all_kept():
    items = [i for items in hostile_answers().values() for i in items]
    parsed = papers_of(items, "saved", None, WINDOW)
    assert len(parsed.papers) == 18 and not parsed.skipped
    assert isinstance(parsed.papers[0], Paper)
