"""Stored results of the topics' Hub search queries: ``content/search/<topic-id>.json``.

``fetch`` runs every ``queries:`` entry of ``content/topics.yml`` against
``/api/papers/search?q=`` and records what came back here, per topic and per
query. Results are a union by paper id: a later, smaller answer never drops
a stored result, and a result seen again gets the newest values
(``model.merge_paper``). Files have stable bytes (papers sorted by id, keys
sorted) and are written atomically.

Read API (for the topic pages)::

    from generator.search_store import SearchStore
    store = SearchStore(settings.content_dir)
    store.topic_ids()              # ["agents", ...]: topics with stored results
    store.load("agents")           # {"LLM agents": (Paper, ...), ...}; {} when none stored
    store.papers("agents")         # every stored result of the topic, once, sorted by id

A result's ``Paper.day`` is its Daily Papers listing day when the Hub gave
one (such papers are in the day store as well), else None: a paper found by
search that was never on Daily Papers.

File format::

    {"topic": "agents", "queries": {"LLM agents": [record, ...]}}
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import jsonfile
from .atomic import write_atomic
from .errors import ContentError
from .model import Paper, merge_paper, paper_to_record, record_to_paper

_TOPIC_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def encode(topic_id: str, queries: dict[str, tuple[Paper, ...]]) -> bytes:
    doc = {
        "topic": topic_id,
        "queries": {q: [paper_to_record(p) for p in sorted(ps, key=lambda p: p.id)] for q, ps in queries.items()},
    }
    return jsonfile.encode(doc)


def decode(data: bytes, where: str, topic_id: str) -> dict[str, tuple[Paper, ...]]:
    doc: Any = jsonfile.decode(data, where)
    if not isinstance(doc, dict) or not isinstance(doc.get("queries"), dict):
        raise ContentError(where, 'a search file must be an object {"topic": ..., "queries": {query: [...]}}')
    if doc.get("topic") != topic_id:
        raise ContentError(where, f"the file name says topic {topic_id!r} but its 'topic' says {doc.get('topic')!r}")
    result: dict[str, tuple[Paper, ...]] = {}
    for query, records in doc["queries"].items():
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


class SearchStore:
    """The search result files below ``root / "search"`` (``root`` is normally ``content/``)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.dir = self.root / "search"

    def path_of(self, topic_id: str) -> Path:
        if not _TOPIC_ID.match(topic_id):
            raise ContentError(topic_id, "a topic id is lowercase letters, digits and hyphens")
        return self.dir / f"{topic_id}.json"

    def topic_ids(self) -> list[str]:
        if not self.dir.is_dir():
            return []
        return sorted(p.stem for p in self.dir.glob("*.json") if _TOPIC_ID.match(p.stem))

    def load(self, topic_id: str) -> dict[str, tuple[Paper, ...]]:
        """query → its stored results (sorted by id); empty when nothing is stored."""
        path = self.path_of(topic_id)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return {}
        return decode(data, str(path), topic_id)

    def papers(self, topic_id: str) -> tuple[Paper, ...]:
        """Every stored result of the topic once (merged across queries), sorted by id."""
        merged: dict[str, Paper] = {}
        for results in self.load(topic_id).values():
            for paper in results:
                merged[paper.id] = merge_paper(merged[paper.id], paper) if paper.id in merged else paper
        return tuple(sorted(merged.values(), key=lambda p: p.id))

    def record(self, topic_id: str, query: str, found: Iterable[Paper]) -> tuple[int, int]:
        """Add one query's results; return (results added, results updated). Nothing stored is dropped."""
        queries = self.load(topic_id)
        stored = {p.id: p for p in queries.get(query, ())}
        added = updated = 0
        for paper in found:
            old = stored.get(paper.id)
            if old is None:
                stored[paper.id] = paper
                added += 1
                continue
            new = merge_paper(old, paper)
            if new != old:
                stored[paper.id] = new
                updated += 1
        queries[query] = tuple(sorted(stored.values(), key=lambda p: p.id))
        write_atomic(self.path_of(topic_id), encode(topic_id, dict(sorted(queries.items()))))
        return added, updated
