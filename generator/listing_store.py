"""Imported listing pages, stored per topic: ``content/listings/<topic-id>.json``.

A file holds every listing imported into one topic, by the name of the file
it was imported from::

    {"topic": "entropy",
     "sources": [{"file": "000_3db5a8896a2764ea.txt", "viewed": "2026-02-24",
                  "papers": [record, ...]}]}

Sources are sorted by file name, papers by id, keys sorted: the same imports
give the same bytes. Importing a file again merges into its source by paper
id (``merge_paper``: newest values, nothing lost) and never drops a paper an
earlier import stored. Every write is atomic.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import jsonfile
from .atomic import write_atomic
from .errors import ConfigError, ContentError
from .listing import Listing, normalise_title, parse_listing
from .model import Paper, merge_paper, paper_to_record, record_to_paper
from .store import Store
from .topics import Topic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    file: str
    viewed: dt.date | None
    papers: tuple[Paper, ...]


class ListingStore:
    """The imported listings below ``root`` (normally ``content/``)."""

    def __init__(self, root: Path) -> None:
        self.dir = Path(root) / "listings"

    def path_of(self, topic_id: str) -> Path:
        return self.dir / f"{topic_id}.json"

    def load(self, topic_id: str) -> dict[str, Source]:
        """file name → what was imported from it into ``topic_id`` (empty when nothing was)."""
        path = self.path_of(topic_id)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return {}
        return decode(data, str(path), topic_id)

    def topic_ids(self) -> list[str]:
        return sorted(p.stem for p in self.dir.glob("*.json")) if self.dir.is_dir() else []

    def merge(self, topic_id: str, file: str, viewed: dt.date | None, papers: Iterable[Paper]) -> MergeReport:
        sources = self.load(topic_id)
        old = sources.get(file)
        by_id = {p.id: p for p in old.papers} if old else {}
        report = MergeReport()
        for paper in papers:
            before = by_id.get(paper.id)
            if before is None:
                by_id[paper.id] = paper
                report.added.add(paper.id)
            else:
                merged = merge_paper(before, paper)
                if merged != before or merged.extra != before.extra:
                    report.updated.add(paper.id)
                by_id[paper.id] = merged
        report.kept = len(by_id) - len(report.added) - len(report.updated)
        sources[file] = Source(file, viewed or (old.viewed if old else None), tuple(by_id.values()))
        report.written = write_atomic(self.path_of(topic_id), encode(topic_id, sources))
        log.info("listing %s → %s: %s", file, topic_id, report.summary())
        return report


@dataclass
class MergeReport:
    added: set[str] = field(default_factory=set)
    updated: set[str] = field(default_factory=set)
    kept: int = 0
    written: bool = False

    def summary(self) -> str:
        return f"{len(self.added)} papers added, {len(self.updated)} updated, {self.kept} unchanged"


def encode(topic_id: str, sources: Mapping[str, Source]) -> bytes:
    doc = {
        "topic": topic_id,
        "sources": [
            {
                "file": s.file,
                **({"viewed": s.viewed.isoformat()} if s.viewed else {}),
                "papers": [paper_to_record(p) for p in sorted(s.papers, key=lambda p: p.id)],
            }
            for s in sorted(sources.values(), key=lambda s: s.file)
        ],
    }
    return jsonfile.encode(doc)


def decode(data: bytes, where: str, topic_id: str) -> dict[str, Source]:
    doc: Any = jsonfile.decode(data, where)
    if not isinstance(doc, dict) or not isinstance(doc.get("sources"), list):
        raise ContentError(where, 'a listings file must be an object {"topic": ..., "sources": [...]}')
    if doc.get("topic") != topic_id:
        raise ContentError(where, f"the file name says topic {topic_id!r} but its 'topic' says {doc.get('topic')!r}")
    sources: dict[str, Source] = {}
    for i, raw in enumerate(doc["sources"]):
        at = f"{where}: source #{i + 1}"
        if not isinstance(raw, dict) or not isinstance(raw.get("file"), str) or not isinstance(raw.get("papers"), list):
            raise ContentError(at, 'a source must be an object {"file": ..., "papers": [...]}')
        viewed = None
        if raw.get("viewed") is not None:
            try:
                viewed = dt.date.fromisoformat(str(raw["viewed"]))
            except ValueError:
                raise ContentError(at, f"'viewed' is not a date (YYYY-MM-DD): {raw['viewed']!r}") from None
        papers = tuple(record_to_paper(r, f"{at}: paper #{j + 1}") for j, r in enumerate(raw["papers"]))
        if len({p.id for p in papers}) != len(papers):
            raise ContentError(at, "a paper is stored twice")
        sources[raw["file"]] = Source(raw["file"], viewed, papers)
    return sources


# ---------------------------------------------------------------------------
# The import-listing command's work.


@dataclass(frozen=True)
class ImportReport:
    file: str
    topic: str
    listing: Listing
    merge: MergeReport
    already_stored: int  # papers whose title is already in the day store
    repeats: int  # blocks showing a title an earlier block showed (one paper)

    def lines(self) -> list[str]:
        n = len(self.listing.entries)
        out = [
            f"import-listing: {self.file} → topic {self.topic}: {n} papers read, {self.merge.summary()}",
            f"  viewing year: {self.listing.year_source}",
            f"  {self.already_stored} of them already in the archive (same title): the topic shows the stored paper",
        ]
        if self.repeats:
            out.append(f"  {self.repeats} blocks repeat the title of an earlier block: merged into one paper")
        missing = [e for e in self.listing.entries if e.authors is None or e.date is None]
        for e in missing:
            lacks = [w for w, v in (("author count", e.authors), ("date", e.date)) if v is None]
            out.append(f"  line {e.line}: no {' or '.join(lacks)} under {e.title[:50]!r} (kept without)")
        for note in self.listing.notes:
            out.append(f"  note: {note}")
        out.append(f"  skipped: {len(self.listing.skipped)}")
        out += [f"  skipped {s}" for s in self.listing.skipped]
        return out


def import_listing(
    content_dir: Path,
    topics: list[Topic],
    file: Path,
    topic_id: str,
    year: int | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """Read a saved listing page and store its papers in ``topic_id``'s listings."""
    known = {t.id for t in topics}
    if topic_id not in known:
        raise ConfigError(
            f"no topic {topic_id!r} in topics.yml (topics: {', '.join(sorted(known)) or 'none'}); add it first"
        )
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as e:
        raise ContentError(file, f"cannot read ({e.strerror})") from None
    except UnicodeDecodeError:
        raise ContentError(file, "not UTF-8 text: save the page as plain text") from None
    listing = parse_listing(text, year=year, today=today)
    if not listing.entries:
        raise ContentError(file, "no paper blocks found (is this the text of a papers listing page?)")
    papers: dict[str, Paper] = {}
    for entry in listing.entries:
        paper = entry.to_paper()
        papers[paper.id] = merge_paper(papers[paper.id], paper) if paper.id in papers else paper
    stored_titles = {normalise_title(p.title) for p in Store(content_dir).load().papers()}
    already = sum(1 for p in papers.values() if normalise_title(p.title) in stored_titles)
    report = ListingStore(content_dir).merge(topic_id, file.name, listing.viewed, papers.values())
    return ImportReport(file.name, topic_id, listing, report, already, len(listing.entries) - len(papers))
