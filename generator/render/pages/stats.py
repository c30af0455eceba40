"""The stats page: papers per day and month, per topic over time, and how upvotes spread.

Charts are inline SVG (``render/charts.py``); each comes with the same numbers
as a table, folded away under it (raw HTML, see ``_details``).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Sequence

from ...model import Archive, Day, Paper
from ...wording import plural
from .. import paths, titles
from ..charts import Series, bar_chart, line_chart
from ..mdtext import page_head
from ..templating import render

# Up to this many days, each bar of the per-day chart has its own hover value (see render_stats).
MAX_HOVER_BARS = 500
WEEKDAYS_SHORT = [w[:3] for w in titles.WEEKDAYS]

# Upper bounds (inclusive) of the upvote histogram's bins; the last bin is open.
UPVOTE_BINS = (0, 4, 9, 19, 49, 99, 199, 499)

Month = tuple[int, int]


def _months(first: Month, last: Month) -> list[Month]:
    """Every month from ``first`` to ``last``, also those without papers (a gap is data too)."""
    out = []
    y, m = first
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _short_month(month: Month) -> str:
    return f"{titles.MONTHS[month[1] - 1][:3]} {month[0]}"


def upvote_bins(papers: Sequence[Paper]) -> list[tuple[str, int]]:
    """(label, count) for each bin of ``UPVOTE_BINS``."""
    labels, lower = [], 0
    for upper in UPVOTE_BINS:
        labels.append(str(upper) if upper == lower else f"{lower}–{upper}")
        lower = upper + 1
    labels.append(f"{lower}+")
    counts = [0] * len(labels)
    for p in papers:
        counts[next((i for i, u in enumerate(UPVOTE_BINS) if p.upvotes <= u), len(UPVOTE_BINS))] += 1
    return list(zip(labels, counts, strict=True))


def _week_rows(days: Sequence[Day]) -> list[list[str]]:
    """A row per ISO week with papers, newest first: the week, its papers on each weekday, its total.

    Seven numbers a row rather than a row per day: 1,000 days make ~200 short rows.
    """
    weeks: dict[tuple[int, int], dict[int, int]] = {}
    for d in days:
        weeks.setdefault(paths.iso_week(d.date), {})[d.date.weekday()] = len(d.papers)
    rows = []
    for (year, week), counts in sorted(weeks.items(), reverse=True):
        monday = dt.date.fromisocalendar(year, week, 1)
        label = f"{year}-W{week:02d} ({titles.short_date(monday)})"
        cells = [str(counts[i]) if i in counts else "" for i in range(7)]
        rows.append([label, *cells, str(sum(counts.values()))])
    return rows


def _details(title: str, header: list[str], rows: list[list[str]]) -> list[str]:
    """A folded table, the text alternative of a chart: one raw HTML block (``templates/chart_table.html``).
    Not a Markdown table: that spends ~30 bytes a cell on alignment styles, which made the per-week
    table of 3,000 days 211 KB; numbers are right-aligned by archive.css. ``header`` and ``rows`` are
    plain text (a topic's name among them), escaped by the template."""
    return [str(render("chart_table.html", title=title, header=header, rows=rows)), ""]


def render_stats(archive: Archive, topics: Sequence[tuple[str, Sequence[Paper]]]) -> str:
    """``topics`` are (title, papers) of every topic, in the order of topics.yml."""
    lines = page_head("Stats", "Papers per day and per month, topics over time and upvotes of the archive, in charts.")
    days = archive.days
    if not days:
        return "\n".join(lines + ["The archive is empty.", ""])
    papers = list(archive.papers())
    months = _months((days[0].date.year, days[0].date.month), (days[-1].date.year, days[-1].date.month))
    lines += _summary(days, papers)
    lines += _per_day_section(days)
    lines += _per_month_section(days, months)
    if topics:
        lines += _topics_section(topics, months)
    lines += _upvotes_section(papers)
    return "\n".join(lines)


def _summary(days: Sequence[Day], papers: Sequence[Paper]) -> list[str]:
    per_day = [len(d.papers) for d in days]
    upvotes = [p.upvotes for p in papers]
    return [
        f"{len(papers):,} papers on {len(days):,} days, {titles.short_date(days[0].date)} to "
        f"{titles.short_date(days[-1].date)}: {statistics.mean(per_day):.1f} papers a day on average "
        f"(fewest {min(per_day)}, most {max(per_day)}); median upvotes {statistics.median(upvotes):g}, "
        f"most {max(upvotes):,}. Upvotes are as last fetched.",
        "",
    ]


def _per_day_section(days: Sequence[Day]) -> list[str]:
    per_day = [len(d.papers) for d in days]
    first_of_month: dict[Month, int] = {}
    for i, d in enumerate(days):
        first_of_month.setdefault((d.date.year, d.date.month), i)
    day_labels = [""] * len(days)
    for month, i in first_of_month.items():
        day_labels[i] = _short_month(month)
    # A bar per day; up to MAX_HOVER_BARS of them each carries its own hover value. More
    # bars are under 1.4 px wide: a pointer cannot pick one out, and a bar per element
    # would weigh ~130 bytes each, so they are one path and the table has the numbers.
    tooltips = (
        [f"{titles.day_title(d.date)}: {plural(len(d.papers), 'paper')}" for d in days]
        if len(days) <= MAX_HOVER_BARS
        else []
    )
    return [
        "## Papers per day",
        "",
        bar_chart(
            "per-day",
            "Papers per day",
            f"Bar chart of the papers listed on each of the {len(days)} days from "
            f"{titles.short_date(days[0].date)} to {titles.short_date(days[-1].date)}: "
            f"{min(per_day)} to {max(per_day)} a day, {statistics.mean(per_day):.1f} on average; "
            "the table below gives the numbers.",
            per_day,
            day_labels,
            tooltips=tooltips,
        ),
        "",
        *_details("Papers per day, as a table (a row per week)", ["Week", *WEEKDAYS_SHORT, "Total"], _week_rows(days)),
    ]


def _per_month_section(days: Sequence[Day], months: Sequence[Month]) -> list[str]:
    month_counts = Counter((d.date.year, d.date.month) for d in days for _ in d.papers)
    month_days = Counter((d.date.year, d.date.month) for d in days)
    return [
        "## Papers per month",
        "",
        bar_chart(
            "per-month",
            "Papers per month",
            f"Bar chart of the papers listed in each of the {len(months)} months from {_short_month(months[0])} "
            f"to {_short_month(months[-1])}; the table below gives the numbers.",
            [month_counts[m] for m in months],
            [_short_month(m) for m in months],
            tooltips=[f"{titles.month_title(*m)}: {month_counts[m]} papers" for m in months],
        ),
        "",
        *_details(
            "Papers per month, as a table",
            ["Month", "Days", "Papers"],
            [[titles.month_title(*m), str(month_days[m]), str(month_counts[m])] for m in reversed(months)],
        ),
    ]


def _topics_section(topics: Sequence[tuple[str, Sequence[Paper]]], months: Sequence[Month]) -> list[str]:
    series = []
    for title, members in topics:
        counts = Counter((p.day.year, p.day.month) for p in members if p.day is not None)
        series.append(Series(name=title, values=tuple(counts[m] for m in months)))
    return [
        "## Topics over time",
        "",
        line_chart(
            "per-topic",
            "Papers per topic and month",
            f"Line chart of the papers of each of the {len(series)} topics per month, "
            f"{_short_month(months[0])} to {_short_month(months[-1])}; the table below gives the numbers.",
            series,
            [_short_month(m) for m in months],
        ),
        "",
        *_details(
            "Papers per topic and month, as a table",
            ["Month", *(s.name for s in series)],
            [
                [titles.month_title(*m), *(str(s.values[i]) for s in series)]
                for i, m in reversed(list(enumerate(months)))
            ],
        ),
    ]


def _upvotes_section(papers: Sequence[Paper]) -> list[str]:
    upvotes = [p.upvotes for p in papers]
    bins = upvote_bins(papers)
    return [
        "## Upvotes",
        "",
        bar_chart(
            "upvotes",
            "How many papers got how many upvotes",
            f"Histogram of the upvotes of all {len(papers):,} papers in {len(bins)} bins; "
            f"median {statistics.median(upvotes):g}, most {max(upvotes):,}.",
            [c for _, c in bins],
            [label for label, _ in bins],
            tooltips=[f"{label} upvotes: {c} papers" for label, c in bins],
        ),
        "",
        *_details("Upvotes, as a table", ["Upvotes", "Papers"], [[label, str(c)] for label, c in bins]),
    ]
