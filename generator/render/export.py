"""The archive as data, for people who study the feed: one JSON Lines and one CSV file per year.

Written below ``docs/data/`` by ``generate`` (so MkDocs copies them into the
site) beside the page that lists them (``pages/data.py``):

* ``papers-YYYY.jsonl.gz``: one JSON object per paper, every field the archive
  keeps (``RECORD_FIELDS``), gzip-compressed (a year of abstracts is tens of MB);
* ``papers-YYYY.csv``: one row per paper, the columns of ``CSV_COLUMNS`` (no
  abstract), for a spreadsheet.

Byte-deterministic: papers in listing-day order then by id, JSON keys sorted,
the gzip header without a time or file name; the same content gives the same
bytes. Untrusted text stays data: JSON escapes it; in the CSV a cell that a
spreadsheet would run as a formula (starting with ``= + - @``, a tab or a
carriage return, after any apostrophes) gets one more apostrophe first, which
``read_csv_row`` takes off.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..fields import LIST_SEPARATOR, web_url
from ..model import PAPER_FIELDS, Archive, Paper

# What the exports add to the paper's own fields (``model.Paper``, ``fields.FieldSpec``): the JSON
# Lines record's fields of their own, then the CSV's columns of their own, each with what it holds.
RECORD_EXTRAS = {
    "topics": ("list of strings", "the ids of this archive's topics the paper belongs to"),
    "links": ("object", "`hub`, `arxiv`, `pdf` (arXiv ids only), `github`, `project_page`, where known"),
}
CSV_EXTRAS = ("topics", "hub_url", "arxiv_url", "pdf_url")
# The fields of a JSON Lines record, in the order the data page's schema lists them.
RECORD_FIELDS = (*(f.name for f in PAPER_FIELDS if f.spec.export), *RECORD_EXTRAS)
CSV_COLUMNS = (*(f.name for f in PAPER_FIELDS if f.spec.csv), *CSV_EXTRAS)
# Joins the items of a list in one CSV cell; "; " does not occur inside author names or topic ids.
CSV_LIST_SEPARATOR = LIST_SEPARATOR
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def jsonl_path(year: int) -> str:
    return f"data/papers-{year:04d}.jsonl.gz"


def csv_path(year: int) -> str:
    return f"data/papers-{year:04d}.csv"


def links(paper: Paper) -> dict[str, str]:
    """Where the paper is elsewhere: the Hub, arXiv and its PDF (arXiv ids only), its code and project page
    (http(s) links only, as on the pages: ``fields.web_url``)."""
    found = {"hub": paper.hub_url, "arxiv": paper.arxiv_url, "pdf": paper.pdf_url} if paper.is_arxiv else {}
    for name, url in (("github", paper.github_repo), ("project_page", paper.project_page)):
        if url and web_url(url):
            found[name] = url
    return found


def record(paper: Paper, topics: Sequence[str]) -> dict[str, Any]:
    """One paper as a JSON Lines record: every field of ``RECORD_FIELDS``, null or empty when unknown."""
    assert paper.day is not None
    rec: dict[str, Any] = {}
    for f in PAPER_FIELDS:
        if f.spec.export:
            value = getattr(paper, f.name)
            rec[f.name] = f.spec.kind.to_export(value) if value is not None else None
    return {**rec, "topics": list(topics), "links": links(paper)}


def csv_row(paper: Paper, topics: Sequence[str]) -> list[str]:
    """One paper as a CSV row of ``CSV_COLUMNS``."""
    assert paper.day is not None
    found = links(paper)
    cells = [f.spec.kind.to_cell(getattr(paper, f.name)) for f in PAPER_FIELDS if f.spec.csv]
    cells += [
        CSV_LIST_SEPARATOR.join(topics),
        found.get("hub", ""),
        found.get("arxiv", ""),
        found.get("pdf", ""),
    ]
    return ["'" + c if _looks_like_formula(c) else c for c in cells]


def read_csv_row(row: Sequence[str]) -> dict[str, str]:
    """A row of the CSV back as column → text, the formula guard taken off (for readers and the tests)."""
    cells = zip(CSV_COLUMNS, row, strict=True)
    return {name: c[1:] if c.startswith("'") and _looks_like_formula(c) else c for name, c in cells}


def _looks_like_formula(cell: str) -> bool:
    # Apostrophes first are looked through, so that a cell that starts with "'=" itself reads back too.
    return cell.lstrip("'").startswith(_FORMULA_START)


def _by_year(archive: Archive) -> dict[int, list[Paper]]:
    years: dict[int, list[Paper]] = {}
    for day in archive.days:  # oldest first; within a day by id (Day keeps its papers sorted)
        years.setdefault(day.date.year, []).extend(day.papers)
    return years


def render_exports(archive: Archive, topics_of: Mapping[str, Sequence[str]]) -> dict[str, bytes]:
    """docs path → bytes of every export file. ``topics_of`` maps a paper id to its topic ids."""
    files: dict[str, bytes] = {}
    for year, papers in _by_year(archive).items():
        lines = (_json_line(record(p, topics_of.get(p.id, ()))) for p in papers)
        files[jsonl_path(year)] = _gzip(("\n".join(lines) + "\n").encode("utf-8"))
        files[csv_path(year)] = _csv(csv_row(p, topics_of.get(p.id, ())) for p in papers)
    return files


def _json_line(doc: dict[str, Any]) -> str:
    # JSON keeps U+0085, U+2028 and U+2029 raw inside strings, but many line readers (Python's
    # str.splitlines among them) break lines there: escaped, a record is always one line.
    line = json.dumps(doc, ensure_ascii=False, sort_keys=True)
    return line.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _csv(rows: Iterable[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    # Every cell quoted: a title holding a bare carriage return or a quote still reads back whole.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _gzip(data: bytes) -> bytes:
    # mtime=0 and no file name in the header: the same data gives the same bytes.
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="", compresslevel=9) as f:
        f.write(data)
    return out.getvalue()
