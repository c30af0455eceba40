"""Saved Hub answers (files saved from ``/api/daily_papers``), merged into the day files: ``ingest``."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from ..content import jsonfile
from ..content.days import DayStore
from ..content.merge import MergeReport
from ..errors import ContentError
from ..model import Paper, parse_date
from .items import paper_from_api

log = logging.getLogger(__name__)

_DATED_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


def read_answer(path: Path, fetched: dt.datetime | None = None) -> list[Paper]:
    """The papers of one saved daily_papers answer (a JSON list of items).

    The date in the file name is the day that was asked for: the listing day
    of items (2024 schema) that do not carry their own. ``fetched`` is when
    the answer was saved, if known: a saved file does not say, and without it
    the paper's listing day is the best evidence (``model.freshness``).
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ContentError(path, f"cannot read ({e.strerror})") from None
    items = jsonfile.decode(data, path)
    if not isinstance(items, list):
        raise ContentError(path, "a daily_papers answer must be a JSON list of items")
    day = _day_from_name(path)
    papers = []
    for i, item in enumerate(items):
        paper = paper_from_api(item, f"{path}: item #{i + 1}", day=day, fetched=fetched)
        if paper.day is None:
            raise ContentError(
                f"{path}: item #{i + 1}", "no listing day: the item has no submittedOnDailyAt and the file name no date"
            )
        papers.append(paper)
    return papers


def ingest(store: DayStore, paths: Iterable[Path], fetched: dt.datetime | None = None) -> MergeReport:
    """Merge every answer file into the store; all files are read before anything is written.

    The newest values win whatever the order of the files (``model.merge_paper``).
    """
    papers: list[Paper] = []
    for path in sorted(paths):
        found = read_answer(path, fetched)
        log.info("%s: %d papers", path, len(found))
        papers.extend(found)
    return store.merge(papers)


def _day_from_name(path: Path) -> dt.date | None:
    m = _DATED_NAME.search(path.name)
    return parse_date(m.group(1)) if m else None
