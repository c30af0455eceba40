"""The day files: one JSON file per listing day under ``content/days/YYYY/``.

A day file is ``{"date": "YYYY-MM-DD", "papers": [record, ...]}`` with the
papers sorted by id and the keys sorted, so the same data always gives the
same bytes and a diff shows only real changes. Every write is atomic.

``DayStore.merge`` is the one way papers enter the day files (ingest, fetch,
Hub search): it merges by paper id and never drops a paper it already has.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..model import (
    Archive,
    Day,
    Paper,
    format_time,
    merge_paper,
    paper_to_record,
    parse_date,
    parse_time,
    record_to_paper,
)
from . import jsonfile
from .atomic import remove_atomic, write_atomic
from .merge import MergeReport

log = logging.getLogger(__name__)

DAY_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.json$")


def day_file_date(name: str) -> dt.date | None:
    """The listing day a day file's name stands for (``2026-07-14.json``), or None for any other name."""
    m = DAY_FILE.match(name)
    return parse_date(m.group(1)) if m else None


def encode_day(day: Day) -> bytes:
    """The stored bytes of a day: stable for the same data.

    When its papers were fetched is said once, in the day's ``fetched`` (the
    latest time): a paper fetched then says nothing, one fetched at another
    time says its own (``null``: not known). A refresh that changes no count
    then changes one line of the file, not one per paper.
    """
    latest = day.fetched
    records = []
    for paper in sorted(day.papers, key=lambda p: p.id):
        rec = paper_to_record(paper)
        if latest is not None and paper.fetched == latest:
            del rec["fetched"]
        elif latest is not None and paper.fetched is None:
            rec["fetched"] = None
        records.append(rec)
    doc = {**day.extra, "date": day.date.isoformat(), "papers": records}
    if latest is not None:
        doc["fetched"] = format_time(latest)
    return jsonfile.encode(doc)


def decode_day(data: bytes, where: str, expected: dt.date | None = None) -> Day:
    """Parse a stored day file; every error names ``where`` (the file)."""
    day, problems = inspect_day(data, where, expected)
    if problems:
        raise problems[0]
    assert day is not None
    return day


def inspect_day(data: bytes, where: str, expected: dt.date | None = None) -> tuple[Day | None, list[ContentError]]:
    """A stored day file and every problem found in it (``check`` reports them all).

    The day is None when the file cannot be read as a day at all; otherwise it
    holds the papers that parsed.
    """
    try:
        doc: Any = jsonfile.decode(data, where)
    except ContentError as e:
        return None, [e]
    if not isinstance(doc, dict) or not isinstance(doc.get("papers"), list):
        return None, [ContentError(where, 'a day file must be an object {"date": ..., "papers": [...]}')]
    try:
        date = dt.date.fromisoformat(str(doc.get("date")))
    except ValueError:
        return None, [ContentError(where, f"'date' is not a date (YYYY-MM-DD): {doc.get('date')!r}")]
    problems = []
    fetched = None
    if doc.get("fetched") is not None:
        fetched = parse_time(str(doc["fetched"]))
        if fetched is None:
            problems.append(ContentError(where, f"'fetched' is not a time (YYYY-MM-DDTHH:MM:SSZ): {doc['fetched']!r}"))
    if expected is not None and date != expected:
        problems.append(ContentError(where, f"the file name says {expected} but its 'date' says {date}"))
    papers = []
    seen: set[str] = set()
    for i, rec in enumerate(doc["papers"]):
        try:
            paper = record_to_paper(rec, f"{where}: paper #{i + 1}")
        except ContentError as e:
            problems.append(e)
            continue
        if paper.id in seen:
            problems.append(ContentError(where, f"paper {paper.id} is stored twice"))
            continue
        seen.add(paper.id)
        if paper.day is not None and paper.day != date:
            problems.append(
                ContentError(where, f"paper {paper.id} says its day is {paper.day}, but it is stored under {date}")
            )
        # A paper that does not say when it was fetched was fetched with the day (encode_day).
        own = isinstance(rec, dict) and "fetched" in rec
        papers.append(replace(paper, day=date, fetched=paper.fetched if own else fetched))
    extra = {k: v for k, v in doc.items() if k not in ("date", "papers", "fetched")}
    return Day(date=date, papers=tuple(sorted(papers, key=lambda p: p.id)), extra=extra), problems


class DayStore:
    """The day files below ``root`` (normally ``content/``)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.days_dir = self.root / "days"

    def path_of(self, date: dt.date) -> Path:
        return self.days_dir / f"{date.year:04d}" / f"{date.isoformat()}.json"

    def date_of(self, path: Path) -> dt.date:
        """The listing day of a file below ``days/``; a ContentError says why it is not a day file."""
        date = day_file_date(path.name)
        if date is None:
            if DAY_FILE.match(path.name):
                raise ContentError(path, "the file name is not a real date")
            raise ContentError(path, "unexpected file in content/days (day files are named YYYY-MM-DD.json)")
        if path != self.path_of(date):
            raise ContentError(path, f"a day file of {date} belongs in {self.path_of(date).parent}")
        return date

    def dates(self) -> list[dt.date]:
        """Every stored listing day, oldest first."""
        if not self.days_dir.is_dir():
            return []
        return sorted(self.date_of(path) for path in self.days_dir.glob("*/*.json"))

    def read_day(self, date: dt.date) -> Day | None:
        path = self.path_of(date)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        return decode_day(data, str(path), expected=date)

    def load(self) -> Archive:
        """Read the whole archive; a bad file raises ``ContentError`` naming it."""
        days = []
        for date in self.dates():
            day = self.read_day(date)
            if day is not None and day.papers:
                days.append(day)
        return Archive(days=tuple(days))

    def write_day(self, day: Day) -> bool:
        """Store ``day`` atomically (removing its file when it has no papers); True if it changed."""
        if not day.papers:
            return remove_atomic(self.path_of(day.date))
        return write_atomic(self.path_of(day.date), encode_day(day))

    def merge(self, incoming: Iterable[Paper]) -> MergeReport:
        """Merge papers into the store by id, writing only the days that changed.

        * a paper seen again gets the newest values; fields the new answer
          lacks keep their stored values (``merge_paper``);
        * a paper listed on another day stays once, on its latest listing day;
        * nothing already stored is ever removed.
        """
        report = MergeReport()
        by_day: dict[dt.date, dict[str, Paper]] = {}
        extras: dict[dt.date, Any] = {}
        where: dict[str, dt.date] = {}
        for day in self.load().days:
            by_day[day.date] = {p.id: p for p in day.papers}
            extras[day.date] = day.extra
            for p in day.papers:
                where[p.id] = day.date
        touched: set[dt.date] = set()
        for paper in incoming:
            if paper.day is None:
                raise ContentError(paper.id, "a paper without a listing day cannot be stored in a day file")
            old_day = where.get(paper.id)
            if old_day is None:
                by_day.setdefault(paper.day, {})[paper.id] = paper
                where[paper.id] = paper.day
                touched.add(paper.day)
                if paper.id not in report.updated:
                    report.added.add(paper.id)
                continue
            old = by_day[old_day][paper.id]
            target = max(old_day, paper.day)
            merged = replace(merge_paper(old, paper), day=target)
            if target != old_day:
                del by_day[old_day][paper.id]
                touched.add(old_day)
                report.moved.add(paper.id)
            by_day.setdefault(target, {})[paper.id] = merged
            where[paper.id] = target
            touched.add(target)
            if merged != old and paper.id not in report.added:
                report.updated.add(paper.id)
        for date in sorted(touched):
            papers = tuple(sorted(by_day.get(date, {}).values(), key=lambda p: p.id))
            day = Day(date=date, papers=papers, extra=extras.get(date, {}))
            if self.write_day(day):
                report.files_written += 1
        log.info("merge: %s", report.summary())
        return report
