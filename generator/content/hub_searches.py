"""Stored results of the topics' Hub searches: ``content/search/<topic-id>.json``.

``fetch`` runs every ``queries:`` entry of ``content/topics.yml`` against the
Hub's ``/api/papers/search?q=`` and records what came back here, per topic and
per query. (The site's own search box is another thing: ``generator.site.search_index``.)

Results are a union by paper id: a later, smaller answer never drops a stored
result, and a result seen again gets the newest values (``model.merge_paper``).
Files have stable bytes (papers sorted by id, keys sorted) and are written
atomically. A result's ``Paper.day`` is its Daily Papers listing day when the
Hub gave one (such papers are in the day files as well), else None.

File format::

    {"topic": "agents", "queries": {"LLM agents": [record, ...]}}
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import ContentError
from ..model import Paper, merge_by_id, paper_to_record, record_to_paper
from . import jsonfile
from .atomic import write_atomic
from .merge import MergeReport, merge_into
from .topic_files import TopicFiles, decode_topic_file

Results = dict[str, tuple[Paper, ...]]  # query → its results, sorted by id
SHAPE = 'a search file must be an object {"topic": ..., "queries": {query: [...]}}'


def encode(topic_id: str, queries: Results) -> bytes:
    doc = {
        "topic": topic_id,
        "queries": {q: [paper_to_record(p) for p in sorted(ps, key=lambda p: p.id)] for q, ps in queries.items()},
    }
    return jsonfile.encode(doc)


def decode(data: bytes, where: str, topic_id: str) -> Results:
    queries = decode_topic_file(data, where, topic_id, "queries", dict, SHAPE)
    result: Results = {}
    for query, records in queries.items():
        if not isinstance(records, list):
            raise ContentError(where, f"query {query!r}: results must be a list")
        papers: dict[str, Paper] = {}
        for i, rec in enumerate(records):
            paper = record_to_paper(rec, f"{where}: query {query!r}, result #{i + 1}")
            if paper.id in papers:
                raise ContentError(where, f"query {query!r}: paper {paper.id} is stored twice")
            papers[paper.id] = paper
        result[query] = tuple(sorted(papers.values(), key=lambda p: p.id))
    return result


class HubSearchStore(TopicFiles[Results]):
    """The Hub search results below ``root / "search"`` (``root`` is normally ``content/``)."""

    folder = "search"
    decode = staticmethod(decode)

    def empty(self) -> Results:
        return {}

    def papers(self, topic_id: str) -> tuple[Paper, ...]:
        """Every stored result of the topic once (merged across queries), sorted by id."""
        merged = merge_by_id(p for results in self.load(topic_id).values() for p in results)
        return tuple(sorted(merged.values(), key=lambda p: p.id))

    def record(self, topic_id: str, query: str, found: Iterable[Paper]) -> MergeReport:
        """Add one query's results. Nothing stored is dropped."""
        queries = self.load(topic_id)
        stored = {p.id: p for p in queries.get(query, ())}
        report = merge_into(stored, found)
        queries[query] = tuple(sorted(stored.values(), key=lambda p: p.id))
        report.files_written += write_atomic(self.path_of(topic_id), encode(topic_id, dict(sorted(queries.items()))))
        return report
