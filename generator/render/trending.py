"""Trending: momentum, not totals. The papers of the archive's last days ranked by upvotes per day
since they were listed, so a paper listed yesterday with 60 upvotes comes before one of last week
with 200 (This week ranks a calendar week by its totals).

Measured from the newest stored day and each paper's fetch time, never from "today": the same
content always gives the same ranking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import Archive, Paper

# Trending and the latest feed: the papers of the archive's last week. A week covers a
# reader who looks in once a week, and a weekend (no papers) never empties the view.
RECENT_DAYS = 7
TRENDING_LIMIT = 50

Rated = tuple[Paper, float]  # a paper and its upvotes per day


def momentum(paper: Paper, newest: dt.date) -> float:
    """Upvotes per day since listing: the upvotes as last fetched, divided by the days from the
    start of the listing day (UTC) to that fetch, at least one. A paper whose fetch time is not
    recorded counts as fetched at the end of the archive's newest day."""
    assert paper.day is not None
    listed = dt.datetime(paper.day.year, paper.day.month, paper.day.day, tzinfo=dt.UTC)
    fetched = paper.fetched or dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC) + dt.timedelta(days=1)
    days = max((fetched - listed).total_seconds() / 86_400, 1.0)
    return paper.upvotes / days


def trending(archive: Archive, limit: int = TRENDING_LIMIT) -> Sequence[Rated]:
    """The papers of the archive's last ``RECENT_DAYS`` days with the most momentum, with their rates."""
    latest = archive.latest
    if latest is None:
        return ()
    rated = [(p, momentum(p, latest.date)) for d in archive.recent_days(RECENT_DAYS) for p in d.papers]
    rated.sort(key=lambda pr: (-pr[1], -pr[0].upvotes, pr[0].id))
    return tuple(rated[:limit])


def rate_label(rate: float) -> str:
    """'41/day', '2.5/day'."""
    return f"{rate:,.0f}/day" if rate >= 10 else f"{rate:.1f}/day"
