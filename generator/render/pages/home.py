"""The home page: the newest day's best papers as large cards, this week's strip, the topics,
the newest month's calendar and the ways in (search, archive, rankings).

When the newest stored day is more than ``STALE_AFTER`` days older than the build, a notice says
so at the top. The build's date is an input (``today``), never read from the clock here: the
same content and the same build date give the same page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...content.topics import Topic
from ...model import Archive
from .. import paths, titles
from ..templating import render, site_href
from .calendar import month_calendar
from .paper import THUMB_SIZE, Cards, lead_and_rest
from .rankings import best_of_anchor, ranked
from .week import weeks_of

STALE_AFTER = 2  # days between the newest stored day and the build before the page says the data is old
BEST = 6  # the newest day's papers shown as large cards
STRIP = 8  # this week's papers in its strip

# What a visitor reads before the first day arrives: a new archive (a fork, or content/days emptied)
# fills its history through its daily runs (generator/hub/plan.py); there is nothing for the visitor to do.
EMPTY_ARCHIVE = (
    "This archive is filling its history: its daily updates fetch the Hugging Face Daily Papers feed, "
    "and the first days appear here after the next one."
)


def _front_matter() -> list[str]:
    # The home page takes the whole width: no navigation or contents column beside its cards.
    return [
        "---",
        "title: Home",
        "description: A searchable archive of every paper listed on Hugging Face Daily Papers.",
        "hide:",
        "  - navigation",
        "  - toc",
        "---",
        "",
        "# Hugging Face Daily Papers, archived",
        "",
    ]


def stale_notice(newest: dt.date, today: dt.date | None) -> dict[str, Any] | None:
    """What the notice says when ``newest`` is more than ``STALE_AFTER`` days before ``today``."""
    if today is None or (today - newest).days <= STALE_AFTER:
        return None
    return {"newest": titles.day_title(newest), "days": (today - newest).days, "built": titles.day_title(today)}


def render_home(
    archive: Archive, topics: list[Topic], topic_counts: dict[str, int], cards: Cards, today: dt.date | None = None
) -> str:
    source = paths.HOME
    lines = _front_matter()
    latest = archive.latest
    if latest is None:
        lines += [EMPTY_ARCHIVE, ""]
        return "\n".join(lines)

    def link(target: str) -> Any:
        return site_href(target, source)

    best = []
    for paper in latest.by_upvotes()[:BEST]:
        view = cards.item(paper, source)
        view["lead"] = paper.ai_summary or lead_and_rest(paper.abstract)[0]
        best.append(view)
    weeks = weeks_of(archive.days)
    week = None
    if weeks:
        key = max(weeks)
        papers = [p for d in weeks[key] for p in d.papers]
        week = {
            "href": link(paths.week_path(*key)),
            "title": titles.week_title(*key),
            "count": len(papers),
            "papers": [cards.item(p, source) for p in ranked(papers, STRIP)],
        }
    year, month = latest.date.year, latest.date.month
    month_days = [d for d in archive.days if (d.date.year, d.date.month) == (year, month)]
    ways = [
        ("Trending", link(paths.TRENDING)),
        ("This week", link(paths.WEEKS)),
        ("All-time top", link(paths.TOP)),
        (f"Best of {year}", link(f"{paths.year_path(year)}#{best_of_anchor(year)}")),
        ("Calendar", link(paths.ARCHIVE)),
        ("Organizations", link(paths.ORGS)),
        ("Stats", link(paths.STATS)),
        ("Reading list", link(paths.READING_LIST)),
    ]
    body = render(
        "home.html",
        stale=stale_notice(latest.date, today),
        total=archive.paper_count,
        days=len(archive.days),
        first=titles.short_date(archive.days[0].date),
        newest_short=titles.short_date(latest.date),
        newest_title=titles.day_title(latest.date),
        newest_href=link(paths.day_path(latest.date)),
        newest_count=len(latest.papers),
        search_href=link(paths.SEARCH),
        ways=ways,
        best=best,
        week=week,
        trending_href=link(paths.TRENDING),
        topics=[(t.title, link(paths.topic_path(t.id)), topic_counts.get(t.id, 0)) for t in topics],
        topics_href=link(paths.TOPICS),
        month_title=titles.month_title(year, month),
        month_href=link(paths.month_path(year, month)),
        calendar=month_calendar(year, month, month_days, page=source),
        archive_href=link(paths.ARCHIVE),
        feeds={kind: link(paths.feed_path(f"latest.{kind}.xml")) for kind in ("rss", "atom")}
        | {"json": link(paths.feed_path("latest.json"))},
        thumb_size=THUMB_SIZE,
    )
    return "\n".join([*lines, body, ""])
