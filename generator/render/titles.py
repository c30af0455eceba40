"""How dates and periods are named on the pages: fixed English names, whatever the machine's locale."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_title(date: dt.date) -> str:
    """'Tuesday, 14 July 2026'."""
    return f"{WEEKDAYS[date.weekday()]}, {date.day} {MONTHS[date.month - 1]} {date.year}"


def short_date(date: dt.date) -> str:
    """'14 Jul 2026'."""
    return f"{date.day} {MONTHS[date.month - 1][:3]} {date.year}"


def month_title(year: int, month: int) -> str:
    """'July 2026'."""
    return f"{MONTHS[month - 1]} {year}"


def week_title(year: int, week: int) -> str:
    """'Week 29 of 2026 (13–19 Jul 2026)'."""
    monday = dt.date.fromisocalendar(year, week, 1)
    sunday = monday + dt.timedelta(days=6)
    start = f"{monday.day}" if monday.month == sunday.month else short_date(monday).rsplit(" ", 1)[0]
    if monday.year != sunday.year:
        start = short_date(monday)
    return f"Week {week} of {year} ({start}–{short_date(sunday)})"
