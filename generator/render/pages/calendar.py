"""Archive, year and month pages: the way into every day of the archive."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from ...model import Day
from .. import paths, titles
from ..mdtext import page_head, relpath, text
from .paper import paper_url
from .rankings import month_top


def _by_month(days: Sequence[Day]) -> dict[tuple[int, int], list[Day]]:
    months: dict[tuple[int, int], list[Day]] = {}
    for day in days:
        months.setdefault((day.date.year, day.date.month), []).append(day)
    return months


def render_month(year: int, month: int, days: Sequence[Day]) -> str:
    """A calendar grid of the month (days with papers are links) and a list of its days."""
    source = paths.month_path(year, month)
    title = titles.month_title(year, month)
    by_date = {d.date.day: d for d in days}
    total = sum(len(d.papers) for d in days)
    lines = [
        *page_head(title, f"{total} papers on {len(days)} days of Hugging Face Daily Papers in {title}."),
        f"{total} papers on {len(days)} days · [{year}]({relpath(paths.year_path(year), source)})",
        "",
        "| Week | " + " | ".join(w[:3] for w in titles.WEEKDAYS) + " |",
        "| :-: |" + " :-: |" * 7,
    ]
    # calendar.Calendar is locale-independent for day numbers; weeks start on Monday.
    for week in calendar.Calendar().monthdayscalendar(year, month):
        first = dt.date(year, month, next(n for n in week if n))
        iso = paths.iso_week(first)
        # A week page exists when the week has papers; those of this month are known here.
        if any(by_date.get(n) for n in week if n):
            cells = [f"[W{iso[1]}]({relpath(paths.week_path(*iso), source)})"]
        else:
            cells = [f"W{iso[1]}"]
        for n in week:
            day = by_date.get(n)
            if n == 0:
                cells.append(" ")
            elif day is None:
                cells.append(str(n))
            else:
                cells.append(f"[**{n}**]({relpath(paths.day_path(day.date), source)})<br>{len(day.papers)}")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines += month_top(days, source)
    for day in reversed(days):
        top = day.by_upvotes()[0]
        lines += [
            f"## [{titles.day_title(day.date)}]({relpath(paths.day_path(day.date), source)})",
            "",
            f"{len(day.papers)} papers · top: [{text(top.title)}]({paper_url(top, source)}) ▲ {top.upvotes}",
            "",
        ]
    return "\n".join(lines)


def render_year(year: int, days: Sequence[Day]) -> str:
    source = paths.year_path(year)
    total = sum(len(d.papers) for d in days)
    lines = [
        *page_head(str(year), f"{total} papers of Hugging Face Daily Papers in {year}."),
        f"{total} papers on {len(days)} days.",
        "",
        "| Month | Days | Papers |",
        "| --- | --: | --: |",
    ]
    for (y, m), month_days in sorted(_by_month(days).items(), reverse=True):
        count = sum(len(d.papers) for d in month_days)
        lines.append(
            f"| [{titles.month_title(y, m)}]({relpath(paths.month_path(y, m), source)}) | {len(month_days)} | {count} |"
        )
    lines.append("")
    return "\n".join(lines)


def render_archive(days: Sequence[Day]) -> str:
    """Every year with a link to each of its months that has papers."""
    source = paths.ARCHIVE
    lines = [
        *page_head("Archive", "Every day of Hugging Face Daily Papers, by year and month."),
        f"{sum(len(d.papers) for d in days)} papers on {len(days)} days.",
        "",
    ]
    months = _by_month(days)
    for year in sorted({y for y, _ in months}, reverse=True):
        lines += [f"## [{year}]({relpath(paths.year_path(year), source)})", ""]
        cells = []
        for m in range(1, 13):
            month_days = months.get((year, m))
            name = titles.MONTHS[m - 1][:3]
            if month_days:
                count = sum(len(d.papers) for d in month_days)
                cells.append(f"[{name}]({relpath(paths.month_path(year, m), source)}) ({count})")
            else:
                cells.append(name)
        lines += [" · ".join(cells), ""]
    return "\n".join(lines)
