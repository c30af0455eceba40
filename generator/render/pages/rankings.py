"""Ranked views: trending (the archive's last 7 days), the all-time top, the best of a year, the top of a month.

Every window is measured from the newest stored day, never from "today", so
the same content always gives the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ...model import Archive, Day, Paper
from .. import paths, titles
from ..mdtext import page_head, relpath
from .paper import summary_line

# Trending and the latest feed: the papers of the archive's last week. A week covers a
# reader who looks in once a week, and a weekend (no papers) never empties the view.
RECENT_DAYS = 7
TRENDING_LIMIT = 50
TOP_LIMIT = 100  # the all-time list stays the same size however large the archive grows
MONTH_TOP_LIMIT = 20
YEAR_TOP_LIMIT = 100  # "Best of 2026" on the year page: the same size in any year


def ranked(papers: Iterable[Paper], limit: int | None = None) -> list[Paper]:
    """Most upvoted first; ties by newest listing day, then id (a total, stable order)."""
    order = sorted(papers, key=lambda p: (-p.upvotes, -(p.day or dt.date.min).toordinal(), p.id))
    return order if limit is None else order[:limit]


def ranked_list(papers: Sequence[Paper], source: str, show_day: bool = True) -> list[str]:
    """A numbered Markdown list of ``papers`` in the given order."""
    return [f"{i}. " + summary_line(p, source, show_day=show_day)[2:] for i, p in enumerate(papers, 1)]


def browse_line(source: str, archive: Archive) -> str:
    """Links to the other ranked views and the current week, from page ``source``."""
    parts = [
        f"[Trending]({relpath(paths.TRENDING, source)})",
        f"[All-time top]({relpath(paths.TOP, source)})",
    ]
    if archive.latest is not None:
        year = archive.latest.date.year
        parts.append(f"[Best of {year}]({relpath(paths.year_path(year), source)}#{best_of_anchor(year)})")
        parts.append(f"[This week]({relpath(paths.week_path(*paths.iso_week(archive.latest.date)), source)})")
    parts += [f"[Archive]({relpath(paths.ARCHIVE, source)})", f"[Stats]({relpath(paths.STATS, source)})"]
    return " · ".join(parts)


def render_trending(archive: Archive) -> str:
    source = paths.TRENDING
    lines = page_head("Trending", "The most upvoted papers of the last 7 days of Hugging Face Daily Papers.")
    days = archive.recent_days(RECENT_DAYS)
    if not days:
        return "\n".join(lines + ["The archive is empty.", ""])
    first, last = days[0].date, days[-1].date
    papers = [p for d in days for p in d.papers]
    top = ranked(papers, TRENDING_LIMIT)
    lines += [
        f"The {len(top)} most upvoted of {len(papers)} papers listed in the {RECENT_DAYS} days up to the newest "
        f"day of the archive, {titles.short_date(first)} – "
        f"[{titles.short_date(last)}]({relpath(paths.day_path(last), source)}).",
        "",
        browse_line(source, archive),
        "",
        *ranked_list(top, source),
        "",
    ]
    return "\n".join(lines)


def render_top(archive: Archive) -> str:
    source = paths.TOP
    lines = page_head("All-time top", f"The {TOP_LIMIT} most upvoted papers of the whole archive.")
    papers = list(archive.papers())
    top = ranked(papers, TOP_LIMIT)
    lines += [
        f"The {len(top)} most upvoted of all {len(papers):,} papers in the archive (upvotes as last fetched).",
        "",
        browse_line(source, archive),
        "",
        *ranked_list(top, source),
        "",
    ]
    return "\n".join(lines)


def best_of_anchor(year: int) -> str:
    return f"best-of-{year}"


def year_top(year: int, days: Sequence[Day], source: str) -> list[str]:
    """The "Best of <year>" section of a year page: its most upvoted papers."""
    papers = [p for d in days for p in d.papers]
    top = ranked(papers, YEAR_TOP_LIMIT)
    return [
        f"## Best of {year} {{ #{best_of_anchor(year)} }}",
        "",
        f"The {len(top)} most upvoted of the {len(papers):,} papers listed in {year} (upvotes as last fetched).",
        "",
        *ranked_list(top, source),
        "",
    ]


def month_top(days: Sequence[Day], source: str) -> list[str]:
    """The "Top of the month" section of a month page."""
    papers = [p for d in days for p in d.papers]
    top = ranked(papers, MONTH_TOP_LIMIT)
    heading = "Top of the month" if len(papers) > len(top) else "Papers of the month by upvotes"
    return [f"## {heading}", "", *ranked_list(top, source), ""]
