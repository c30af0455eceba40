"""The listing days the Hub answered with no papers at all: ``content/empty-days.json``.

A day with papers has its file under ``content/days/``. A day that was fetched
and came back empty (a weekend, a holiday) has none, and without a record of it
the daily run's gap filling (``hub.plan``) would take it for a missing day and
ask for it again on every run, forever. Recorded once, it counts as known, and
filling the archive's history converges. A recorded day that later gets papers
(a fetch of it found some) leaves the record: its day file now speaks for it.

File format (sorted dates, one a line, so a commit shows only the days added)::

    {"dates": ["2023-05-06", "2023-05-07"]}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from ..errors import ContentError
from ..model import parse_date
from . import jsonfile
from .atomic import write_atomic

FILE = "empty-days.json"
SHAPE = 'the empty days must be an object {"dates": ["YYYY-MM-DD", ...]}'


def encode(dates: Iterable[dt.date]) -> bytes:
    return jsonfile.encode({"dates": [d.isoformat() for d in sorted(set(dates))]})


def decode(data: bytes, where: str) -> set[dt.date]:
    doc = jsonfile.decode(data, where)
    if not isinstance(doc, dict) or set(doc) != {"dates"} or not isinstance(doc["dates"], list):
        raise ContentError(where, SHAPE)
    dates = set()
    for value in doc["dates"]:
        date = parse_date(value) if isinstance(value, str) else None
        if date is None:
            raise ContentError(where, f"{value!r} is not a date (YYYY-MM-DD)")
        dates.add(date)
    return dates


class EmptyDays:
    """The record of days fetched with no papers, in ``content_dir``."""

    def __init__(self, content_dir: Path) -> None:
        self.path = Path(content_dir) / FILE

    def load(self) -> set[dt.date]:
        """The recorded days (none when the file does not exist yet)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return set()
        except OSError as e:
            raise ContentError(self.path, f"cannot read ({e.strerror})") from None
        return decode(data, str(self.path))

    def record(self, empty: Iterable[dt.date], listed: Iterable[dt.date] = ()) -> bool:
        """Add the days found ``empty``, drop those found ``listed`` (with papers); True if the file changed."""
        before = self.load()
        after = (before | set(empty)) - set(listed)
        if after == before:
            return False
        return write_atomic(self.path, encode(after))
