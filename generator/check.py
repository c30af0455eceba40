"""Validate the whole content tree and report every problem, not just the first.

``python -m generator check`` reads every file below ``content/`` that the
archive owns (the day files, ``topics.yml``, the stored Hub searches in
``content/search/`` and the imported listings in ``content/listings/``) with
the same parsers the other commands use, and lists each problem as one line
``<file>: <problem>``. Nothing is written.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from . import listing_store, search_store
from .errors import ArchiveError, ContentError
from .store import DAY_FILE, Store, inspect_day
from .topics import load_topics

log = logging.getLogger(__name__)

# Folders of content/ holding one file per topic: (folder, the reader of a file: decode(data, where, topic_id)).
_TOPIC_FOLDERS: tuple[tuple[str, Callable[[bytes, str, str], Any]], ...] = (
    ("search", search_store.decode),
    ("listings", listing_store.decode),
)


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


def check_content(content_dir: Path, topics_file: Path) -> CheckReport:
    """Every problem of the content tree; an empty ``problems`` means it is valid."""
    report = CheckReport()
    _check_days(Store(content_dir), report)
    _check_topics(topics_file, report)
    for folder, decode in _TOPIC_FOLDERS:
        _check_topic_folder(content_dir / folder, decode, report)
    return report


def _check_days(store: Store, report: CheckReport) -> None:
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
                # The store keeps each paper once, on its latest listing day.
                report.add(ContentError(path, f"paper {paper.id} is stored on another day too: {first_seen[paper.id]}"))
            else:
                first_seen[paper.id] = path


def _day_file_date(store: Store, path: Path, report: CheckReport) -> dt.date | None:
    """The date a day file is named for, or None (and a problem) for any other file."""
    if path.name.startswith(".") and path.name.endswith(".tmp"):
        report.add(ContentError(path, "temporary file left by an interrupted write (safe to delete)"))
        return None
    m = DAY_FILE.match(path.name)
    if not m:
        report.add(ContentError(path, "unexpected file in content/days (day files are named YYYY-MM-DD.json)"))
        return None
    try:
        date = dt.date.fromisoformat(m.group(1))
    except ValueError:
        report.add(ContentError(path, "the file name is not a real date"))
        return None
    if path != store.path_of(date):
        report.add(ContentError(path, f"a day file of {date} belongs in {store.path_of(date).parent}"))
        return None
    return date


def _check_topics(topics_file: Path, report: CheckReport) -> None:
    try:
        report.topics = len(load_topics(topics_file))
    except ArchiveError as e:
        report.add(e)


def _check_topic_folder(folder: Path, decode: Callable[[bytes, str, str], Any], report: CheckReport) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix != ".json" or path.is_dir():
            if path.name.startswith(".") and path.name.endswith(".tmp"):
                report.add(ContentError(path, "temporary file left by an interrupted write (safe to delete)"))
            else:
                report.add(ContentError(path, f"unexpected file in {folder.name}/ (files are named <topic-id>.json)"))
            continue
        report.other_files += 1
        try:
            decode(path.read_bytes(), str(path), path.stem)
        except ArchiveError as e:
            report.add(e)


@click.command("check")
@click.pass_context
def check_command(ctx: click.Context) -> None:
    """Validate every content file (days, topics, searches, listings); write nothing.

    Lists every problem found, one line each, as FILE: PROBLEM, and exits
    non-zero when there is any. Run it after editing content/ by hand.

    Example: python -m generator check
    """
    settings = ctx.obj()
    report = check_content(settings.content_dir, settings.topics_file)
    for problem in report.problems:
        click.echo(problem, err=True)
    if report.problems:
        n = len(report.problems)
        raise click.ClickException(f"{n} problem{'s' if n != 1 else ''} in {settings.content_dir}")
    click.echo(f"check: content is valid: {report.summary()}")
