"""Ranked views: trending (``render/trending.py``: momentum over the archive's last 7 days), the
all-time top, the best of a year, the top of a month. Every list is compact cards (``Cards.items``).

Every window is measured from the newest stored day, never from "today", so
the same content always gives the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ...model import Archive, Day, Paper
from .. import paths, titles
from ..mdtext import page_head, relpath
from ..trending import RECENT_DAYS, Rated, rate_label
from .paper import Cards

TOP_LIMIT = 100  # the all-time list stays the same size however large the archive grows
MONTH_TOP_LIMIT = 20
YEAR_TOP_LIMIT = 100  # "Best of 2026" on the year page: the same size in any year


def ranked(papers: Iterable[Paper], limit: int | None = None) -> list[Paper]:
    """Most upvoted first; ties by newest listing day, then id (a total, stable order)."""
    order = sorted(papers, key=lambda p: (-p.upvotes, -(p.day or dt.date.min).toordinal(), p.id))
    return order if limit is None else order[:limit]


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
    return " · ".join(parts) + "\n{ .day-nav }"


def render_trending(archive: Archive, top: Sequence[Rated], cards: Cards) -> str:
    """``top``: the site's trending papers and their rates (``SiteData.trending``)."""
    source = paths.TRENDING
    lines = page_head(
        "Trending",
        "The papers of the last 7 days of Hugging Face Daily Papers gaining upvotes fastest.",
    )
    days = archive.recent_days(RECENT_DAYS)
    if not days:
        return "\n".join(lines + ["The archive is empty.", ""])
    first, last = days[0].date, days[-1].date
    count = sum(len(d.papers) for d in days)
    lines += [
        browse_line(source, archive),
        "",
        f"**Ranked by momentum**: upvotes per day since the paper was listed (its upvotes when last fetched, "
        f"divided by the days from its listing day to that fetch, at least one), so a paper listed yesterday "
        f"with 60 upvotes comes before one of last week with 200. The {len(top)} fastest of the {count} papers "
        f"listed in the {RECENT_DAYS} days up to the newest day of the archive, {titles.short_date(first)} – "
        f"[{titles.short_date(last)}]({relpath(paths.day_path(last), source)}). "
        f"[This week]({relpath(paths.week_path(*paths.iso_week(last)), source)}) ranks a calendar week "
        "by its total upvotes instead.",
        "{ .page-lead }",
        "",
        cards.items([cards.item(p, source, rate=rate_label(rate)) for p, rate in top]),
        "",
    ]
    return "\n".join(lines)


def render_top(archive: Archive, cards: Cards) -> str:
    source = paths.TOP
    lines = page_head("All-time top", f"The {TOP_LIMIT} most upvoted papers of the whole archive.")
    papers = list(archive.papers())
    top = ranked(papers, TOP_LIMIT)
    lines += [
        browse_line(source, archive),
        "",
        f"The {len(top)} most upvoted of all {len(papers):,} papers in the archive (upvotes as last fetched).",
        "{ .page-lead }",
        "",
        cards.papers(top, source),
        "",
    ]
    return "\n".join(lines)


def best_of_anchor(year: int) -> str:
    return f"best-of-{year}"


def year_top(year: int, days: Sequence[Day], source: str, cards: Cards) -> list[str]:
    """The "Best of <year>" section of a year page: its most upvoted papers."""
    papers = [p for d in days for p in d.papers]
    top = ranked(papers, YEAR_TOP_LIMIT)
    return [
        f"## Best of {year} {{ #{best_of_anchor(year)} }}",
        "",
        f"The {len(top)} most upvoted of the {len(papers):,} papers listed in {year} (upvotes as last fetched).",
        "",
        cards.papers(top, source),
        "",
    ]


def month_top(days: Sequence[Day], source: str, cards: Cards) -> list[str]:
    """The "Top of the month" section of a month page."""
    papers = [p for d in days for p in d.papers]
    top = ranked(papers, MONTH_TOP_LIMIT)
    heading = "Top of the month" if len(papers) > len(top) else "Papers of the month by upvotes"
    return [f"## {heading}", "", cards.papers(top, source), ""]
