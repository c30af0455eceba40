"""Archive, year and month pages: the way into every day of the archive."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from ...model import Day
from ...wording import plural
from .. import paths, titles
from ..mdtext import page_head, relpath, text, url_relpath
from .paper import paper_url
from .rankings import best_of_anchor, month_top, year_top


def _by_month(days: Sequence[Day]) -> dict[tuple[int, int], list[Day]]:
    months: dict[tuple[int, int], list[Day]] = {}
    for day in days:
        months.setdefault((day.date.year, day.date.month), []).append(day)
    return months


def month_calendar(year: int, month: int, days: Sequence[Day]) -> str:
    """The month as a grid, a row per week (Monday first): each day with papers links its page and
    shows its count; each week with papers links its week page.

    Raw HTML (one block, no blank line) rather than a Markdown table: its own class and
    fixed column widths let it fit any width from a 360 px phone up, where Material's
    tables take the width of their content and scroll sideways inside their box.
    """
    page = paths.month_path(year, month)
    by_date = {d.date.day: d for d in days}
    head = "".join(f'<th scope="col"><abbr title="{w}">{w[:3]}</abbr></th>' for w in titles.WEEKDAYS)
    rows = [
        f'<table class="month-calendar"><caption>{titles.month_title(year, month)}: papers per day</caption>',
        f'<thead><tr><th scope="col"><abbr title="Week">Wk</abbr></th>{head}</tr></thead><tbody>',
    ]
    # calendar.Calendar is locale-independent for day numbers; weeks start on Monday.
    for week in calendar.Calendar().monthdayscalendar(year, month):
        first = dt.date(year, month, next(n for n in week if n))
        iso = paths.iso_week(first)
        label = f'<abbr title="Week {iso[1]} of {iso[0]}">W{iso[1]}</abbr>'
        # A week page exists when the week has papers; those of this month are known here.
        if any(by_date.get(n) for n in week if n):
            label = f'<a href="{url_relpath(paths.week_path(*iso), page)}">{label}</a>'
        cells = [f'<th scope="row">{label}</th>']
        for n in week:
            day = by_date.get(n)
            if n == 0:
                cells.append("<td></td>")
            elif day is None:
                cells.append(f'<td class="calendar-quiet">{n}</td>')
            else:
                count = plural(len(day.papers), "paper")
                cells.append(
                    f'<td><a href="{url_relpath(paths.day_path(day.date), page)}" title="{count}">'
                    f'<strong>{n}</strong> <span class="calendar-count">{len(day.papers)}'
                    f'<span class="sr-only"> papers</span></span></a></td>'
                )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    rows.append("</tbody></table>")
    return "".join(rows)


def render_month(year: int, month: int, days: Sequence[Day]) -> str:
    """A calendar grid of the month (days with papers are links), its top papers and a list of its days."""
    source = paths.month_path(year, month)
    title = titles.month_title(year, month)
    total = sum(len(d.papers) for d in days)
    lines = [
        *page_head(title, f"{total} papers on {len(days)} days of Hugging Face Daily Papers in {title}."),
        f"{total} papers on {len(days)} days · [{year}]({relpath(paths.year_path(year), source)})",
        "",
        month_calendar(year, month, days),
        "",
    ]
    lines += month_top(days, source)
    for day in reversed(days):
        top = day.by_upvotes()[0]
        lines += [
            f"## [{titles.day_title(day.date)}]({relpath(paths.day_path(day.date), source)})",
            "",
            f"{len(day.papers)} papers · top: [{text(top.display_title)}]({paper_url(top, source)}) ▲ {top.upvotes}",
            "",
        ]
    return "\n".join(lines)


def render_year(year: int, days: Sequence[Day]) -> str:
    """The year's months, with their days and papers, then the best of the year."""
    source = paths.year_path(year)
    total = sum(len(d.papers) for d in days)
    lines = [
        *page_head(str(year), f"{total} papers of Hugging Face Daily Papers in {year}, and the best of them."),
        f"{total:,} papers on {len(days)} days · [best of {year}](#{best_of_anchor(year)}) · "
        f"[all years]({relpath(paths.ARCHIVE, source)})",
        "",
        "| Month | Days | Papers |",
        "| --- | --: | --: |",
    ]
    for (y, m), month_days in sorted(_by_month(days).items(), reverse=True):
        count = sum(len(d.papers) for d in month_days)
        month = f"[{titles.month_title(y, m)}]({relpath(paths.month_path(y, m), source)})"
        lines.append(f"| {month} | {len(month_days)} | {count:,} |")
    lines.append("")
    lines += year_top(year, days, source)
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
