"""Where every generated page lives below ``docs/`` (and so its URL).

Days sit under their month so that the month page links them and the
navigation only needs years and months:

    archive/index.md          all years          /archive/
    archive/2026/index.md     one year           /archive/2026/
    archive/2026/07.md        one month          /archive/2026/07/
    archive/2026/07/14.md     one day            /archive/2026/07/14/
    topics/index.md           all topics         /topics/
    topics/<id>.md            one topic          /topics/<id>/
"""

from __future__ import annotations

import datetime as dt

HOME = "index.md"
ARCHIVE = "archive/index.md"
TOPICS = "topics/index.md"
TRENDING = "trending.md"
TOP = "top.md"
STATS = "stats.md"
FEEDS = "feeds"

# Top-level names the generator owns in docs/: everything below them is rewritten
# on each run (and removed when no longer produced). Hand-written pages live beside them.
GENERATED_ROOTS = ("index.md", "archive", "topics", "weeks", "p", FEEDS, TRENDING, TOP, STATS)

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_page(date: dt.date) -> str:
    return f"archive/{date.year:04d}/{date.month:02d}/{date.day:02d}.md"


def month_page(year: int, month: int) -> str:
    return f"archive/{year:04d}/{month:02d}.md"


def year_page(year: int) -> str:
    return f"archive/{year:04d}/index.md"


def topic_page(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def iso_week(date: dt.date) -> tuple[int, int]:
    """(ISO year, ISO week) of ``date``: weeks start on Monday; 29 Dec 2025 is in 2026-W01."""
    year, week, _ = date.isocalendar()
    return year, week


def week_page(year: int, week: int) -> str:
    """An ISO week: ``weeks/2026-W29.md``, not in the navigation (linked from its days and months)."""
    return f"weeks/{year:04d}-W{week:02d}.md"


def week_title(year: int, week: int) -> str:
    """'Week 29 of 2026 (13–19 Jul 2026)'."""
    monday = dt.date.fromisocalendar(year, week, 1)
    sunday = monday + dt.timedelta(days=6)
    start = f"{monday.day}" if monday.month == sunday.month else short_date(monday).rsplit(" ", 1)[0]
    if monday.year != sunday.year:
        start = short_date(monday)
    return f"Week {week} of {year} ({start}–{short_date(sunday)})"


def permalink_page(shard: str) -> str:
    """The short links of one arXiv month: ``p/2607/index.html``, served at /p/2607/ (#2607.10383 picks the paper).

    A plain HTML file (not Markdown), so MkDocs copies it instead of rendering a themed page.
    """
    return f"p/{shard}/index.html"


def feed_file(name: str) -> str:
    """A feed below docs/feeds/: ``feeds/latest.rss.xml``, ``feeds/topics/<id>.atom.xml``..."""
    return f"{FEEDS}/{name}"


def day_title(date: dt.date) -> str:
    """'Tuesday, 14 July 2026': fixed English names, whatever the machine's locale."""
    return f"{WEEKDAYS[date.weekday()]}, {date.day} {MONTHS[date.month - 1]} {date.year}"


def short_date(date: dt.date) -> str:
    """'14 Jul 2026'."""
    return f"{date.day} {MONTHS[date.month - 1][:3]} {date.year}"


def month_title(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"
