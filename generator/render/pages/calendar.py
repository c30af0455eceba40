"""Archive, year and month pages: the way into every day of the archive."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import Any

from ...model import Day
from ...wording import plural
from .. import paths, titles
from ..mdtext import page_head, relpath, text
from ..templating import render, site_href
from .paper import Cards, paper_url
from .rankings import best_of_anchor, month_top, year_top

Month = tuple[int, int]


def _by_month(days: Sequence[Day]) -> dict[Month, list[Day]]:
    months: dict[Month, list[Day]] = {}
    for day in days:
        months.setdefault((day.date.year, day.date.month), []).append(day)
    return months


def month_calendar(year: int, month: int, days: Sequence[Day], page: str | None = None) -> str:
    """The month as a grid, a row per week (Monday first): each day with papers links its page and
    shows its count; each week with papers links its week page (``templates/calendar.html``).

    Raw HTML (one block, no blank line) rather than a Markdown table: its own class and
    fixed column widths let it fit any width from a 360 px phone up, where Material's
    tables take the width of their content and scroll sideways inside their box.
    ``page`` is the page it is shown on (the month's own by default).
    """
    page = page or paths.month_path(year, month)
    by_date = {d.date.day: d for d in days}
    weeks: list[dict[str, Any]] = []
    # calendar.Calendar is locale-independent for day numbers; weeks start on Monday.
    for week in calendar.Calendar().monthdayscalendar(year, month):
        iso = paths.iso_week(dt.date(year, month, next(n for n in week if n)))
        # A week page exists when the week has papers; those of this month are known here.
        has_papers = any(by_date.get(n) for n in week if n)
        cells: list[dict[str, Any] | None] = []
        for n in week:
            day = by_date.get(n)
            if n == 0:
                cells.append(None)
            elif day is None:
                cells.append({"n": n, "href": None})
            else:
                count = len(day.papers)
                href = site_href(paths.day_path(day.date), page)
                cells.append({"n": n, "href": href, "count": count, "count_label": plural(count, "paper")})
        weeks.append(
            {
                "year": iso[0],
                "number": iso[1],
                "href": site_href(paths.week_path(*iso), page) if has_papers else None,
                "cells": cells,
            }
        )
    return render("calendar.html", caption=titles.month_title(year, month), weekdays=titles.WEEKDAYS, weeks=weeks)


Link = tuple[str, str]  # (label, relative link)


def neighbours(previous: Link | None, middle: list[str], following: Link | None) -> str:
    """A navigation line: ``← previous · middle · following →``."""
    parts = [f"[← {previous[0]}]({previous[1]})"] if previous else []
    parts += middle
    parts += [f"[{following[0]} →]({following[1]})"] if following else []
    return " · ".join(parts) + "\n{ .day-nav }\n"


def render_month(
    year: int, month: int, days: Sequence[Day], cards: Cards, earlier: Month | None = None, later: Month | None = None
) -> str:
    """A calendar grid of the month (days with papers are links), its top papers and a list of its days;
    ``earlier`` and ``later`` are the nearest months with papers."""
    source = paths.month_path(year, month)
    title = titles.month_title(year, month)
    total = sum(len(d.papers) for d in days)

    def month_link(m: Month | None) -> Link | None:
        return (titles.month_title(*m), relpath(paths.month_path(*m), source)) if m else None

    lines = [
        *page_head(title, f"{total} papers on {len(days)} days of Hugging Face Daily Papers in {title}."),
        neighbours(month_link(earlier), [f"[{year}]({relpath(paths.year_path(year), source)})"], month_link(later)),
        f"{total} papers on {len(days)} days.",
        "",
        month_calendar(year, month, days),
        "",
    ]
    lines += month_top(days, source, cards)
    lines += ["## Days", ""]
    for day in reversed(days):
        top = day.by_upvotes()[0]
        best = f"[{text(top.display_title)}]({paper_url(top, source)}) ▲ {top.upvotes}"
        day_link = f"[{titles.day_title(day.date)}]({relpath(paths.day_path(day.date), source)})"
        lines.append(f"- {day_link}: {plural(len(day.papers), 'paper')} · top: {best}")
    lines.append("")
    return "\n".join(lines)


def render_year(
    year: int, days: Sequence[Day], cards: Cards, earlier: int | None = None, later: int | None = None
) -> str:
    """The year's months, with their days and papers, then the best of the year."""
    source = paths.year_path(year)
    total = sum(len(d.papers) for d in days)

    def year_link(y: int | None) -> Link | None:
        return (str(y), relpath(paths.year_path(y), source)) if y else None

    lines = [
        *page_head(str(year), f"{total} papers of Hugging Face Daily Papers in {year}, and the best of them."),
        neighbours(year_link(earlier), [f"[All years]({relpath(paths.ARCHIVE, source)})"], year_link(later)),
        f"{total:,} papers on {len(days)} days · [best of {year}](#{best_of_anchor(year)})",
        "",
        "| Month | Days | Papers |",
        "| --- | --: | --: |",
    ]
    for (y, m), month_days in sorted(_by_month(days).items(), reverse=True):
        count = sum(len(d.papers) for d in month_days)
        month = f"[{titles.month_title(y, m)}]({relpath(paths.month_path(y, m), source)})"
        lines.append(f"| {month} | {len(month_days)} | {count:,} |")
    lines.append("")
    lines += year_top(year, days, source, cards)
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
