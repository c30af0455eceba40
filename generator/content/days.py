"""The day files: one JSON file per listing day under ``content/days/YYYY/``.

A day file is ``{"date": "YYYY-MM-DD", "papers": [record, ...]}`` with the
papers sorted by id and the keys sorted, so the same data always gives the
same bytes and a diff shows only real changes. Every write is atomic.

``DayStore.merge`` is the one way papers enter the day files (ingest, fetch,
Hub search): it merges by paper id and never drops a paper it already has.
It first decides where every paper goes and with which values (``_place``),
then writes the changed days in an order that is safe to kill at any moment
(``_write_in_crash_order``): a paper moving to another day is written there
before it is removed from its old day, so a kill between the two writes leaves
it on both days, never on none. Reading resolves such a duplicate (the later
listing day keeps the paper, as a merge would) and the next merge writes that.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..fields import future_time_problem
from ..model import (
    Archive,
    Day,
    ListingWindow,
    Paper,
    format_time,
    merge_paper,
    normalise_title,
    paper_to_record,
    parse_date,
    parse_time,
    record_to_paper,
    same_values,
)
from . import jsonfile
from .atomic import remove_atomic, write_atomic
from .merge import ChangeGuard, MergeReport

log = logging.getLogger(__name__)

DAY_FILE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})\.json")


def day_file_date(name: str) -> dt.date | None:
    """The listing day a day file's name stands for (``2026-07-14.json``), or None for any other name."""
    m = DAY_FILE.fullmatch(name)
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
        elif problem := future_time_problem(fetched):
            problems.append(ContentError(where, f"'fetched' {problem}"))
            fetched = None
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


def require_folder(content_dir: Path, config_name: str) -> None:
    """A ContentError unless ``content_dir`` is a folder: a wrong path read as an empty
    archive would build an empty site and remove every page generated before."""
    if not content_dir.is_dir():
        what = "is not a folder" if content_dir.exists() else "not found"
        raise ContentError(content_dir, f"{what} (extra.archive.content_dir in {config_name})")


class DayStore:
    """The day files below ``root`` (normally ``content/``).

    ``window`` bounds the listing days: reading refuses a day file dated after
    its last day (tomorrow, UTC, by default), which no feed can have listed yet.
    """

    def __init__(self, root: Path, window: ListingWindow | None = None) -> None:
        self.root = Path(root)
        self.days_dir = self.root / "days"
        self.window = window or ListingWindow.until_tomorrow()

    def path_of(self, date: dt.date) -> Path:
        return self.days_dir / f"{date.year:04d}" / f"{date.isoformat()}.json"

    def date_of(self, path: Path) -> dt.date:
        """The listing day of a file below ``days/``; a ContentError says why it is not a day file."""
        date = day_file_date(path.name)
        if date is None:
            if DAY_FILE.fullmatch(path.name):
                raise ContentError(path, "the file name is not a real date")
            raise ContentError(path, "unexpected file in content/days (day files are named YYYY-MM-DD.json)")
        if path != self.path_of(date):
            raise ContentError(path, f"a day file of {date} belongs in {self.path_of(date).parent}")
        if date > self.window.last:
            raise ContentError(path, f"{self.window.problem(date)}: no feed lists such a day; remove the file")
        return date

    def dates(self) -> list[dt.date]:
        """Every stored listing day, oldest first."""
        if not self.days_dir.is_dir():
            if self.days_dir.exists() or (self.root.exists() and not self.root.is_dir()):
                raise ContentError(self.days_dir if self.root.is_dir() else self.root, "is a file, not a folder")
            return []
        return sorted(self.date_of(path) for path in self.days_dir.glob("*/*.json"))

    def read_day(self, date: dt.date) -> Day | None:
        path = self.path_of(date)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise ContentError(path, "is a folder, not a day file") from None
        except OSError as e:
            raise ContentError(path, f"cannot read ({e.strerror})") from None
        return decode_day(data, str(path), expected=date)

    def _read_all(self) -> list[Day]:
        """Every stored day that has papers, as on disk (a paper may be on two days)."""
        days = []
        for date in self.dates():
            day = self.read_day(date)
            if day is not None and day.papers:
                days.append(day)
        return days

    def load(self) -> Archive:
        """Read the whole archive, each paper once; a bad file raises ``ContentError`` naming it."""
        return Archive(days=tuple(without_duplicates(self._read_all())[0]))

    def write_day(self, day: Day) -> bool:
        """Store ``day`` atomically (removing its file when it has no papers); True if it changed."""
        if not day.papers:
            return remove_atomic(self.path_of(day.date))
        return write_atomic(self.path_of(day.date), encode_day(day))

    def repair(self) -> MergeReport:
        """Write each paper left on two days by an interrupted move once, on its later day."""
        return self.merge(())

    def merge(self, incoming: Iterable[Paper], guard: ChangeGuard | None = None) -> MergeReport:
        """Merge papers into the store by id, writing only the days that changed.

        * a paper seen again gets the newest values; fields the new answer
          lacks keep their stored values (``merge_paper``);
        * a paper listed on another day stays once, on its latest listing day;
        * nothing already stored is ever removed, not even by a kill mid-way;
        * ``guard``: a merge that would move or retitle more stored papers than
          it allows raises ``MassChange`` before anything is written.
        """
        report = MergeReport()
        on_disk = self._read_all()
        resolved, duplicated = without_duplicates(on_disk)
        placed = {day.date: {p.id: p for p in day.papers} for day in resolved}
        touched = _place(placed, incoming, report)
        if guard is not None:
            guard.check(report, sum(len(papers) for papers in placed.values()) - len(report.added))
        if duplicated:
            log.warning("%d papers were on two days (a move was interrupted): kept on the later day", len(duplicated))
            report.moved |= set(duplicated)
            touched |= {d for days in duplicated.values() for d in days}
        before = {day.date: day for day in on_disk}
        report.files_written = _write_in_crash_order(self, before, placed, touched)
        log.info("merge: %s", report.summary())
        return report


def without_duplicates(days: Sequence[Day]) -> tuple[list[Day], dict[str, tuple[dt.date, ...]]]:
    """Each paper once, on its latest listing day, and {paper id: the days it was on} for those on several.

    A move interrupted between its two writes leaves a paper on two days:
    the later day's copy is the newer one, with the older's other fields kept
    (``merge_paper``), as the merge that was interrupted would have stored it.
    """
    seen: dict[str, list[Paper]] = {}
    for day in days:
        for paper in day.papers:
            seen.setdefault(paper.id, []).append(paper)
    duplicated = {pid: tuple(p.day for p in copies if p.day) for pid, copies in seen.items() if len(copies) > 1}
    if not duplicated:
        return list(days), {}
    kept: dict[str, Paper] = {}
    for pid in duplicated:
        copies = sorted(seen[pid], key=lambda p: p.day or dt.date.min)
        merged = copies[0]
        for later in copies[1:]:
            merged = replace(merge_paper(merged, later), day=later.day)
        kept[pid] = merged
    out = []
    for day in days:
        papers = tuple(
            kept[p.id] if p.id in kept else p for p in day.papers if p.id not in kept or kept[p.id].day == day.date
        )
        if papers:
            out.append(Day(date=day.date, papers=papers, extra=day.extra))
    return out, duplicated


def _place(placed: dict[dt.date, dict[str, Paper]], incoming: Iterable[Paper], report: MergeReport) -> set[dt.date]:
    """Merge ``incoming`` into ``placed`` (day → id → paper) in memory; return the days that changed.

    Where a paper goes and with which values is decided here, and only here.
    """
    where = {pid: date for date, papers in placed.items() for pid in papers}
    touched: set[dt.date] = set()
    for paper in incoming:
        if paper.day is None:
            raise ContentError(paper.id, "a paper without a listing day cannot be stored in a day file")
        old_day = where.get(paper.id)
        if old_day is None:
            placed.setdefault(paper.day, {})[paper.id] = paper
            where[paper.id] = paper.day
            touched.add(paper.day)
            if paper.id not in report.updated:
                report.added.add(paper.id)
            continue
        old = placed[old_day][paper.id]
        target = max(old_day, paper.day)
        merged = replace(merge_paper(old, paper), day=target)
        if target != old_day:
            del placed[old_day][paper.id]
            touched.add(old_day)
            report.moved.add(paper.id)
        placed.setdefault(target, {})[paper.id] = merged
        where[paper.id] = target
        touched.add(target)
        # Fetched again with the same values is not an update (the day's file still records the new time).
        if not same_values(merged, old) and paper.id not in report.added:
            report.updated.add(paper.id)
            if normalise_title(merged.title) != normalise_title(old.title):
                report.retitled.add(paper.id)
    return touched


def _write_in_crash_order(
    store: DayStore, before: Mapping[dt.date, Day], after: Mapping[dt.date, Mapping[str, Paper]], touched: set[dt.date]
) -> int:
    """Write the ``touched`` days of ``after`` so that a kill at any moment loses no paper; return files written.

    First every touched day gets its new papers while still holding those that
    leave it; then the days that papers left are written without them. Whatever
    the direction of a move, its destination is on disk before its source
    changes: a kill between the two passes leaves a paper on two days.
    """
    final_ids = {pid for papers in after.values() for pid in papers}
    leaving: dict[dt.date, list[Paper]] = {}
    for date in touched:
        gone = [p for p in before[date].papers if p.id not in after.get(date, {})] if date in before else []
        lost = [p.id for p in gone if p.id not in final_ids]
        if lost:
            raise ContentError(store.path_of(date), f"refusing to write: papers {lost[:5]} would be lost")
        if gone:
            leaving[date] = gone
    written: set[dt.date] = set()
    for date in sorted(touched):
        papers = [*after.get(date, {}).values(), *leaving.get(date, ())]
        if _write(store, date, papers, before):
            written.add(date)
    for date in sorted(leaving):
        if _write(store, date, after.get(date, {}).values(), before):
            written.add(date)
    return len(written)


def _write(store: DayStore, date: dt.date, papers: Iterable[Paper], before: Mapping[dt.date, Day]) -> bool:
    extra = before[date].extra if date in before else {}
    day = Day(date=date, papers=tuple(sorted(papers, key=lambda p: p.id)), extra=extra)
    return store.write_day(day)
