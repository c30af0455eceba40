"""The archive as data: JSON Lines and CSV per year that read back to exactly what the store holds."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import gzip
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from generator.content.topics import load_topics
from generator.model import Archive, Day, Paper, format_time
from generator.render import paths
from generator.render.export import (
    CSV_COLUMNS,
    CSV_LIST_SEPARATOR,
    RECORD_FIELDS,
    csv_path,
    jsonl_path,
    read_csv_row,
    render_exports,
)
from generator.render.generate import render_pages
from generator.render.site_data import derive_site_data
from generator.render.topic_members import collect_members

from ..common import ARCHIVE_TOPICS


def read_jsonl(data: bytes) -> list[dict]:
    text = gzip.decompress(data).decode("utf-8")
    assert len(text.splitlines()) == text.count("\n")  # one record a line, whatever line reader is used
    return [json.loads(line) for line in text.split("\n")[:-1]]


def read_csv(data: bytes) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    return [read_csv_row(row) for row in rows[1:]]


def test_the_exports_read_back_to_every_stored_paper_with_its_topics(bundled_archive, bundled_pages):
    topics = load_topics(ARCHIVE_TOPICS)
    pages = bundled_pages
    members = collect_members(topics, bundled_archive.papers())
    years = {d.date.year for d in bundled_archive.days}
    assert {p for p in pages if p.startswith("data/")} == {
        paths.DATA,
        *(jsonl_path(y) for y in years),
        *(csv_path(y) for y in years),
    }
    records = [r for y in sorted(years) for r in read_jsonl(pages[jsonl_path(y)])]
    rows = [r for y in sorted(years) for r in read_csv(pages[csv_path(y)])]
    stored = [p for day in bundled_archive.days for p in day.papers]
    assert [r["id"] for r in records] == [p.id for p in stored] == [r["id"] for r in rows]
    for paper, rec, row in zip(stored, records, rows, strict=True):
        assert set(rec) == set(RECORD_FIELDS)
        topic_ids = [t.id for t in topics if paper.id in members[t.id]]
        # JSON Lines: every field, as stored.
        assert rec["day"] == paper.day.isoformat() and rec["title"] == paper.title
        assert rec["authors"] == list(paper.authors) and rec["abstract"] == paper.abstract
        assert (rec["upvotes"], rec["comments"]) == (paper.upvotes, paper.comments)
        assert rec["ai_keywords"] == list(paper.ai_keywords) and rec["ai_summary"] == paper.ai_summary
        assert rec["submitter"] == paper.submitter and rec["topics"] == topic_ids
        assert rec["fetched"] == row["fetched"] == format_time(paper.fetched)
        assert rec["links"]["hub"] == f"https://huggingface.co/papers/{paper.id}"
        assert rec["links"].get("github") == paper.github_repo
        if paper.organization:
            assert rec["organization"] == {"name": paper.organization.name, "fullname": paper.organization.fullname}
        # CSV: the same, flattened.
        assert row["title"] == paper.title and row["day"] == paper.day.isoformat()
        assert row["authors"].split(CSV_LIST_SEPARATOR) == list(paper.authors)
        assert int(row["upvotes"]) == paper.upvotes
        assert row["topics"] == CSV_LIST_SEPARATOR.join(topic_ids)
        assert row["pdf_url"] == f"https://arxiv.org/pdf/{paper.id}"


def test_the_same_content_gives_the_same_bytes(bundled_archive):
    first = render_exports(bundled_archive, {})
    again = render_exports(Archive(days=tuple(bundled_archive.days)), {})
    assert first == again
    assert all(data[4:8] == b"\0\0\0\0" for name, data in first.items() if name.endswith(".gz"))  # no mtime


def _paper(title: str, author: str) -> Paper:
    return Paper(id="2607.00001", title=title, authors=(author,), abstract=title, day=dt.date(2026, 7, 14))


_TRICKY = st.sampled_from(["=1+1", "'=SUM(A1)", "''-2", "@x", "\tx", "\r", '"', "a\nb", "\u2028", "\x85"])


@given(
    st.one_of(st.text(min_size=1, max_size=40), _TRICKY),
    st.text(min_size=1, max_size=20).filter(lambda a: ";" not in a),
)
def test_any_text_survives_both_formats_and_never_runs_as_a_formula(title, author):
    paper = _paper(title, author)
    files = render_exports(Archive(days=(Day(date=paper.day, papers=(paper,)),)), {})
    (rec,) = read_jsonl(files[jsonl_path(2026)])
    assert rec["title"] == title and rec["authors"] == [author]
    raw = list(csv.reader(io.StringIO(files[csv_path(2026)].decode("utf-8"), newline="")))[1]
    assert not raw[CSV_COLUMNS.index("title")].startswith(("=", "+", "-", "@"))
    (row,) = read_csv(files[csv_path(2026)])
    assert row["title"] == title and row["authors"] == author


def test_the_data_page_lists_every_year_with_its_files(bundled_archive):
    more = Day(date=dt.date(2025, 12, 31), papers=(_paper("Older", "A. Author"),))
    archive = Archive(days=(more, *bundled_archive.days))
    pages = render_pages(derive_site_data(archive, []))
    page = pages[paths.DATA]
    for year in (2025, 2026):
        assert f"[papers-{year}.jsonl.gz](papers-{year}.jsonl.gz)" in page
        assert f"[papers-{year}.csv](papers-{year}.csv)" in page
    assert page.index("| 2026 |") < page.index("| 2025 |")  # newest first
    for field in RECORD_FIELDS:
        assert f"| `{field}` |" in page
    thin = dataclasses.replace(more.papers[0], comments=None, organization=None)
    (rec,) = read_jsonl(
        render_exports(Archive(days=(dataclasses.replace(more, papers=(thin,)),)), {})[jsonl_path(2025)]
    )
    assert rec["comments"] is None and rec["organization"] is None and rec["topics"] == []


def test_exports_keep_only_http_links_as_the_pages_do():
    """Issue 20, case 8: ``javascript:`` and ``data:`` links were kept in the CSV and JSON Lines exports."""
    day = dt.date(2026, 7, 14)
    hostile = Paper(
        id="2607.00001",
        title="T",
        authors=(),
        abstract="A",
        day=day,
        github_repo="javascript:alert(1)",
        project_page=" data:text/html,<script>x</script>",
    )
    fine = dataclasses.replace(hostile, id="2607.00002", github_repo="https://github.com/a/b", project_page=None)
    files = render_exports(Archive(days=(Day(date=day, papers=(hostile, fine)),)), {})
    records = {r["id"]: r for r in read_jsonl(files[jsonl_path(2026)])}
    rows = {r["id"]: r for r in read_csv(files[csv_path(2026)])}
    arxiv = {"hub": hostile.hub_url, "arxiv": hostile.arxiv_url, "pdf": hostile.pdf_url}
    assert records["2607.00001"]["links"] == arxiv
    assert (rows["2607.00001"]["github_repo"], rows["2607.00001"]["project_page"]) == ("", "")
    assert records["2607.00002"]["links"]["github"] == rows["2607.00002"]["github_repo"] == "https://github.com/a/b"
