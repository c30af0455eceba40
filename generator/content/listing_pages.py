"""Saved listing pages imported into a topic, stored per topic: ``content/listings/<topic-id>.json``.

(A *saved listing page* is the text of a Hugging Face papers page that someone
saved, read by ``generator.hub.listing_page``; a paper's *listing day* is the day
it was on Daily Papers, which is another thing.) A file holds every saved listing
page imported into one topic, by the name of the file it was imported from::

    {"topic": "entropy",
     "sources": [{"file": "000_3db5a8896a2764ea.txt", "viewed": "2026-02-24",
                  "papers": [record, ...]}]}

Sources are sorted by file name, papers by id, keys sorted: the same imports
give the same bytes. Importing a file again merges into its source by paper
id (``merge_paper``: newest values, nothing lost) and never drops a paper an
earlier import stored. Every write is atomic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import ContentError
from ..model import Paper, merge_paper, paper_to_record, record_to_paper
from . import jsonfile
from .atomic import write_atomic
from .merge import MergeReport, merge_into
from .topic_files import TopicFiles, decode_topic_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    file: str
    viewed: dt.date | None
    papers: tuple[Paper, ...]


Sources = dict[str, Source]  # saved file name → what was imported from it

# Keys a listed paper's record gains when ``import-listing --resolve`` (or ``fetch --resolve-listings``)
# looked for it on the Hub: the synthetic id it was listed under, once it is the Hub's paper;
# or why it is still only the listing's copy.
LISTING_ID = "listing_id"
UNRESOLVED = "unresolved"
SHAPE = 'a listings file must be an object {"topic": ..., "sources": [...]}'


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


def decode(data: bytes, where: str, topic_id: str) -> Sources:
    found = decode_topic_file(data, where, topic_id, "sources", list, SHAPE)
    sources: Sources = {}
    for i, raw in enumerate(found):
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


class ListingPageStore(TopicFiles[Sources]):
    """The saved listing pages imported below ``root / "listings"`` (``root`` is normally ``content/``)."""

    folder = "listings"

    def empty(self) -> Sources:
        return {}

    decode = staticmethod(decode)

    def merge(self, topic_id: str, file: str, viewed: dt.date | None, papers: Iterable[Paper]) -> MergeReport:
        """Merge the papers of saved file ``file`` into the topic's file, by id; nothing stored is dropped.

        A paper already resolved to its Hub paper (``resolve``) stays that paper:
        the listing's copy of it, read again, changes nothing.
        """
        sources = self.load(topic_id)
        old = sources.get(file)
        by_id = {p.id: p for p in old.papers} if old else {}
        resolved = {p.extra[LISTING_ID] for p in by_id.values() if isinstance(p.extra.get(LISTING_ID), str)}
        report = merge_into(by_id, (p for p in papers if p.id not in resolved))
        sources[file] = Source(file, viewed or (old.viewed if old else None), tuple(by_id.values()))
        report.files_written += write_atomic(self.path_of(topic_id), encode(topic_id, sources))
        log.info("saved listing page %s → topic %s: %s", file, topic_id, report.summary("file"))
        return report

    def unresolved(self, topic_id: str, again: bool = False) -> list[Paper]:
        """The topic's listed papers that are not the Hub's paper yet (synthetic ids), once each:
        those never looked up, and with ``again`` also those a lookup found no match for."""
        seen: dict[str, Paper] = {}
        for source in self.load(topic_id).values():
            for paper in source.papers:
                if not paper.is_arxiv and LISTING_ID not in paper.extra and (again or UNRESOLVED not in paper.extra):
                    seen.setdefault(paper.id, paper)
        return list(seen.values())

    def resolve(self, topic_id: str, found: Mapping[str, Paper | str]) -> MergeReport:
        """Put the Hub's paper in the place of each listed paper ``found`` maps to one (its synthetic id
        kept under ``listing_id``); note why on each that stays unresolved. Nothing is dropped."""
        sources = self.load(topic_id)
        report = MergeReport()
        for name, source in list(sources.items()):
            papers: dict[str, Paper] = {}
            for paper in source.papers:
                outcome = found.get(paper.id)
                if isinstance(outcome, Paper):
                    # The listing's own keys (author_count) stay; its "unresolved" note goes.
                    extra = {k: v for k, v in {**paper.extra, **outcome.extra}.items() if k != UNRESOLVED}
                    hub = dataclasses.replace(outcome, extra={**extra, LISTING_ID: paper.id})
                    papers[hub.id] = merge_paper(papers[hub.id], hub) if hub.id in papers else hub
                    report.updated.add(paper.id)
                elif isinstance(outcome, str) and paper.extra.get(UNRESOLVED) != outcome:
                    papers[paper.id] = dataclasses.replace(paper, extra={**paper.extra, UNRESOLVED: outcome})
                    report.updated.add(paper.id)
                else:
                    papers.setdefault(paper.id, paper)
            sources[name] = Source(source.file, source.viewed, tuple(papers.values()))
        if report.updated:
            report.files_written += write_atomic(self.path_of(topic_id), encode(topic_id, sources))
        return report
