"""The data page: the archive's export files by year (``render/export.py``), and what each field means."""

from __future__ import annotations

from collections.abc import Mapping

from ...model import PAPER_FIELDS, Archive
from .. import paths
from ..export import CSV_COLUMNS, CSV_LIST_SEPARATOR, RECORD_EXTRAS, csv_path, jsonl_path
from ..mdtext import page_head, relpath

# What each field of a JSON Lines record holds (declared with the field: ``model.Paper``); the CSV
# columns are the same fields, flattened.
SCHEMA = (
    *((f.name, f.words, f.spec.doc) for f in PAPER_FIELDS if f.spec.export),
    *((name, words, doc) for name, (words, doc) in RECORD_EXTRAS.items()),
)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{max(n / 1e3, 0.1):.1f} kB"


def render_data(archive: Archive, files: Mapping[str, bytes]) -> str:
    source = paths.DATA
    lines = page_head(
        "Data",
        "The whole archive of Hugging Face Daily Papers as JSON Lines and CSV files, one per year.",
        heading="The archive as data",
    )
    lines += [
        f"Every paper of the archive ({archive.paper_count:,} papers on {len(archive.days):,} days), one file of "
        "each kind per year of listing days. They are rebuilt with the site, from the same data: the counts "
        "(upvotes, comments, stars) are those of the last fetch.",
        "",
        "| Year | Papers | JSON Lines (gzip) | CSV |",
        "| --- | --: | --- | --- |",
    ]
    years: dict[int, int] = {}
    for day in archive.days:
        years[day.date.year] = years.get(day.date.year, 0) + len(day.papers)
    for year in sorted(years, reverse=True):
        jsonl, table = jsonl_path(year), csv_path(year)
        lines.append(
            f"| {year} | {years[year]:,} "
            f"| [{jsonl.rsplit('/', 1)[1]}]({relpath(jsonl, source)}) ({_size(len(files[jsonl]))}) "
            f"| [{table.rsplit('/', 1)[1]}]({relpath(table, source)}) ({_size(len(files[table]))}) |"
        )
    lines += [
        "",
        "## JSON Lines",
        "",
        "One JSON object per line, in listing-day order, then by id, with these fields:",
        "",
        "| Field | Type | What it holds |",
        "| --- | --- | --- |",
        *(f"| `{name}` | {kind} | {what} |" for name, kind, what in SCHEMA),
        "",
        "## CSV",
        "",
        "UTF-8, a header row, one row per paper, the columns "
        + ", ".join(f"`{c}`" for c in CSV_COLUMNS)
        + f". Lists (authors, topics) are joined with `{CSV_LIST_SEPARATOR.strip()}`; `organization` is the full "
        "name. There is no abstract: take it from the JSON Lines file. A cell that a spreadsheet would run as a "
        "formula (starting with `=`, `+`, `-` or `@`) starts with an apostrophe.",
        "",
        "Titles and abstracts belong to their authors; the rest comes from "
        "[Hugging Face Daily Papers](https://huggingface.co/papers).",
        "",
    ]
    return "\n".join(lines)
