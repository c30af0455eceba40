"""What every output of the site is made of: content/ read once, and what is derived from it computed once.

The pages, the feeds, the exports (``render/``) and the site search's records (``site/``) all
need the same derived facts: which topics each paper is on, the organizations, each topic's
stored papers, the newest day. Each is computed here, by one rule, and handed to all of them,
so that a paper's topics on its day page, in the exports and in the search filters cannot
disagree.

``derive_site_data`` is pure; ``load_site_data`` is the I/O edge that reads content/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..config import Settings
from ..content.days import DayStore, require_folder
from ..content.topics import Topic, load_topics
from ..model import Archive, Paper
from .organizations import Org, collect_orgs
from .similar import Similar, similar_papers
from .topic_members import Found, Members, collect_members, load_found
from .trending import Rated, trending

# Below the project (the folder of mkdocs.yml), git-ignored like the search index's cache.
SIMILAR_CACHE = Path(".cache") / "similar"


@dataclass(frozen=True)
class SiteData:
    """The archive, its topics, and the facts derived from them (``derive_site_data``)."""

    archive: Archive
    topics: tuple[Topic, ...]
    found: Found  # topic id → papers found outside the topic's rules (Hub searches, listing imports)
    members: Members  # topic id → {paper id → member}: who is on each topic page, and why
    orgs: tuple[Org, ...]  # every organization with a paper, ranked as its index shows them
    similar: Similar  # paper id → the ids of the papers most like it (render/similar.py)

    @cached_property
    def papers_by_id(self) -> Mapping[str, Paper]:
        """Every stored paper by its id."""
        return {p.id: p for p in self.archive.papers()}

    @cached_property
    def topics_of(self) -> Mapping[str, tuple[Topic, ...]]:
        """paper id → the topics a stored paper is on, in the order of topics.yml."""
        found: dict[str, list[Topic]] = {}
        for topic in self.topics:
            for paper_id, member in self.members[topic.id].items():
                if member.stored:
                    found.setdefault(paper_id, []).append(topic)
        return {paper_id: tuple(topics) for paper_id, topics in found.items()}

    def topic_ids_of(self, paper: Paper) -> tuple[str, ...]:
        """The ids of the topics ``paper`` is on (none for a paper that is not stored)."""
        return tuple(t.id for t in self.topics_of.get(paper.id, ()))

    @cached_property
    def stored_papers_of(self) -> Mapping[str, tuple[Paper, ...]]:
        """topic id → its papers that are in the day files (what its feed and its charts count)."""
        return {
            t.id: tuple(self.papers_by_id[pid] for pid in self.members[t.id] if pid in self.papers_by_id)
            for t in self.topics
        }

    @cached_property
    def topic_counts(self) -> Mapping[str, int]:
        """topic id → how many papers its pages list (stored or not)."""
        return {t.id: len(self.members[t.id]) for t in self.topics}

    @cached_property
    def org_of(self) -> Mapping[str, Org]:
        """organization handle → its ``Org``."""
        return {org.name: org for org in self.orgs}

    @cached_property
    def trending(self) -> Sequence[Rated]:
        """The papers of the last days gaining upvotes fastest, with their upvotes per day (``trending.py``)."""
        return trending(self.archive)

    @property
    def newest_day(self) -> dt.date | None:
        """The newest listing day stored (None for an empty archive)."""
        latest = self.archive.latest
        return latest.date if latest else None


def derive_site_data(
    archive: Archive, topics: Sequence[Topic], found: Found | None = None, similar_cache: Path | None = None
) -> SiteData:
    """Everything derived from ``archive``, ``topics`` and what searches and imports ``found``.

    ``similar_cache``: where the similar papers' unchanged parts are kept (``similar.py``); the
    result is the same with or without it."""
    found = found or {}
    return SiteData(
        archive=archive,
        topics=tuple(topics),
        found=found,
        members=collect_members(topics, archive.papers(), found),
        orgs=tuple(collect_orgs(archive.papers())),
        similar=similar_papers(archive.papers(), similar_cache)[0],
    )


def load_site_data(settings: Settings) -> SiteData:
    """Read content/ (the days, the topics, what Hub searches and imports found) and derive the rest.

    A content folder that is missing or not a folder is an error, not an empty
    archive: an empty archive would remove every page generated before.
    """
    require_folder(settings.content_dir, settings.config_file.name)
    archive = DayStore(settings.content_dir).load()
    topics = load_topics(settings.topics_file)
    return derive_site_data(archive, topics, load_found(settings.content_dir, topics), settings.root / SIMILAR_CACHE)
