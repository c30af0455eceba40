"""Validate the whole content tree and report every problem, not just the first.

``python -m generator check`` reads every file below ``content/`` that the
archive owns (the day files, ``topics.yml``, the stored Hub searches in
``content/search/``, the imported listings in ``content/listings/`` and the
record of empty days, ``content/empty-days.json``) with
the same parsers the other commands use, and lists each problem as one line
``<file>: <problem>``. Nothing is written.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ArchiveError, ContentError
from ..wording import plural
from .atomic import is_temporary
from .days import DayStore, inspect_day, require_folder
from .empty_days import EmptyDays
from .hub_searches import HubSearchStore
from .listing_pages import ListingPageStore
from .topic_files import TopicFiles
from .topics import load_topics

log = logging.getLogger(__name__)

TEMPORARY_LEFT = "temporary file left by an interrupted write (the next fetch or ingest removes it; safe to delete)"


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    day_files: int = 0
    papers: int = 0
    topics: int = 0
    other_files: int = 0

    def add(self, error: ArchiveError) -> None:
        self.problems.append(error.format_message())

    def summary(self) -> str:
        return (
            f"{self.day_files} day files ({self.papers} papers), {self.topics} topics, "
            f"{self.other_files} search and listing files"
        )

    def verdict(self, content_dir: Path) -> str:
        """The last line of ``check``."""
        if self.problems:
            return f"{plural(len(self.problems), 'problem')} in {content_dir}"
        return f"content is valid: {self.summary()}"


def check_content(content_dir: Path, topics_file: Path, config_name: str = "mkdocs.yml") -> CheckReport:
    """Every problem of the content tree; an empty ``problems`` means it is valid."""
    report = CheckReport()
    try:
        require_folder(content_dir, config_name)
    except ContentError as e:
        report.add(e)
        return report
    _check_days(DayStore(content_dir), report)
    _check_topics(topics_file, report)
    for files in (HubSearchStore(content_dir), ListingPageStore(content_dir)):
        _check_topic_files(files, report)
    try:
        EmptyDays(content_dir).load()
    except ContentError as e:
        report.add(e)
    return report


def _check_days(store: DayStore, report: CheckReport) -> None:
    if not store.days_dir.exists():
        return
    first_seen: dict[str, Path] = {}
    for path in sorted(store.days_dir.rglob("*")):
        if path.is_dir():
            if path.parent != store.days_dir or not path.name.isdigit() or len(path.name) != 4:
                report.add(ContentError(path, "unexpected folder in content/days (day files live in days/YYYY/)"))
            continue
        date = _day_file_date(store, path, report)
        if date is None:
            continue
        report.day_files += 1
        if date < store.window.first:
            report.add(ContentError(path, f"{store.window.problem(date)}: no feed lists such a day"))
        try:
            data = path.read_bytes()
        except OSError as e:
            report.add(ContentError(path, f"cannot read ({e.strerror})"))
            continue
        day, problems = inspect_day(data, str(path), expected=date)
        for problem in problems:
            report.add(problem)
        if day is None:
            continue
        report.papers += len(day.papers)
        for paper in day.papers:
            if paper.id in first_seen:
                # The store keeps each paper once, on its latest listing day; a move killed
                # between its two writes leaves it on both, which the next writing command repairs.
                report.add(
                    ContentError(
                        path,
                        f"paper {paper.id} is stored on another day too: {first_seen[paper.id]} "
                        "(a move was interrupted: the next fetch or ingest keeps it on the later day)",
                    )
                )
            else:
                first_seen[paper.id] = path


def _day_file_date(store: DayStore, path: Path, report: CheckReport) -> dt.date | None:
    """The date a day file is named for, or None (and a problem) for any other file."""
    if is_temporary(path):
        report.add(ContentError(path, TEMPORARY_LEFT))
        return None
    try:
        return store.date_of(path)
    except ContentError as e:
        report.add(e)
        return None


def _check_topics(topics_file: Path, report: CheckReport) -> None:
    try:
        report.topics = len(load_topics(topics_file))
    except ArchiveError as e:
        report.add(e)


def _check_topic_files(files: TopicFiles[Any], report: CheckReport) -> None:
    if not files.dir.is_dir():
        return
    for path in sorted(files.dir.iterdir()):
        if path.suffix != ".json" or path.is_dir():
            if is_temporary(path):
                report.add(ContentError(path, TEMPORARY_LEFT))
            else:
                report.add(
                    ContentError(path, f"unexpected file in {files.dir.name}/ (files are named <topic-id>.json)")
                )
            continue
        report.other_files += 1
        try:
            files.decode(path.read_bytes(), str(path), path.stem)
        except ArchiveError as e:
            report.add(e)
