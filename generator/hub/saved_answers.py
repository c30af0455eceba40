"""Saved Hub answers (files saved from ``/api/daily_papers``), merged into the day files: ``ingest``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..content import jsonfile
from ..content.days import DayStore
from ..content.merge import ChangeGuard, MergeReport
from ..errors import ContentError, UsageError
from ..fields import future_time_problem
from ..model import ListingWindow, Paper, parse_date
from ..wording import plural
from .items import ParsedItems, papers_of

log = logging.getLogger(__name__)

_DATED_NAME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})")


@dataclass
class IngestReport(MergeReport):
    """What ``ingest`` merged, and the items it set aside (quarantined) or cut to the bounds."""

    quarantined: int = 0
    truncated: int = 0

    def summary(self, files: str = "day file") -> str:
        parts = [super().summary(files)]
        if self.quarantined:
            parts.append(f"{plural(self.quarantined, 'item')} quarantined (listing day out of range)")
        if self.truncated:
            parts.append(f"{plural(self.truncated, 'item')} cut to the bounds")
        return ", ".join(parts)


def read_answer(path: Path, window: ListingWindow | None = None, fetched: dt.datetime | None = None) -> list[Paper]:
    """The papers of one saved daily_papers answer (a JSON list of items); see ``read_answer_items``."""
    return read_answer_items(path, window, fetched).papers


def read_answer_items(
    path: Path, window: ListingWindow | None = None, fetched: dt.datetime | None = None
) -> ParsedItems:
    """The papers of one saved daily_papers answer, and its items set aside or cut.

    The date in the file name is the day that was asked for: the listing day
    of items (2024 schema) that do not carry their own. An item that cannot be
    read is an error naming it; one whose listing day is outside ``window``
    (default: the feed's first day through tomorrow, UTC) is quarantined.
    ``fetched`` is when the answer was saved, if known: a saved file does not
    say, and without it the paper's listing day is the best evidence
    (``model.freshness``).
    """
    window = window or ListingWindow.until_tomorrow()
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ContentError(path, f"cannot read ({e.strerror})") from None
    items = jsonfile.decode(data, path)
    if not isinstance(items, list):
        raise ContentError(path, "a daily_papers answer must be a JSON list of items")
    parsed = papers_of(items, str(path), _day_from_name(path), window, strict=True, fetched=fetched)
    parsed.warn_unshown(str(path))
    return parsed


def ingest(
    store: DayStore, paths: Iterable[Path], fetched: dt.datetime | None = None, guard: ChangeGuard | None = None
) -> IngestReport:
    """Merge every answer file into the store; all files are read before anything is written.

    The newest values win whatever the order of the files (``model.merge_paper``). A ``fetched``
    time in the future is refused: its values would win every later merge. ``guard`` checks the
    merge before it writes (``content.merge.ChangeGuard``).
    """
    if fetched is not None and (problem := future_time_problem(fetched)):
        raise UsageError("--fetched-at", problem)
    papers: list[Paper] = []
    quarantined = truncated = 0
    for path in sorted(paths):
        found = read_answer_items(path, store.window, fetched)
        log.info("%s: %d papers", path, len(found.papers))
        papers.extend(found.papers)
        quarantined += found.quarantined
        truncated += found.truncated
    merged = store.merge(papers, guard=guard)
    return IngestReport(**dataclasses.asdict(merged), quarantined=quarantined, truncated=truncated)


def _day_from_name(path: Path) -> dt.date | None:
    m = _DATED_NAME.search(path.name)
    return parse_date(m.group(1)) if m else None
