"""Who is on each topic page, and why.

Three ways in, each with its reason shown on the page:

* the topic's terms or regexes match a paper of the day files (``topic_rules.assign``);
* a Hub search query of the topic found the paper (stored per topic in
  ``content/search/<topic-id>.json``, ``content.hub_searches``);
* the paper was imported from a saved listing page (``content.listing_pages``).

A paper found by a Hub search or on a saved listing page that is also in the day files (same
id, or the same normalised title) is the stored paper: it keeps its day page
entry, and the day page lists the topic. Papers not in the day files have no
day page; the topic page links them to Hugging Face when they have an arXiv
id, else shows them as text with their date.

``members`` is pure; ``load_found`` is the I/O that reads what searches and
imports stored.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.hub_searches import HubSearchStore
from ..content.listing_pages import ListingPageStore
from ..content.topics import Topic
from ..model import Paper, normalise_title
from .topic_rules import BY_LISTING_PAGE, BY_SEARCH, Match, assign

log = logging.getLogger(__name__)

# topic id → papers found outside the topic's rules, each with why, in a stable order.
Found = Mapping[str, Sequence[tuple[Paper, Match]]]


@dataclass(frozen=True)
class Member:
    """A paper on a topic's (or an organization's) pages."""

    paper: Paper
    why: Match | None  # why it is on a topic's pages; None on an organization's, where it needs no reason
    stored: bool  # in the day files, so it has an entry on a day page

    @property
    def date(self) -> dt.date | None:
        """The listing day of a stored paper, else the best date known (listing day, publication)."""
        return self.paper.day or self.paper.published


# topic id → {paper id → member}: who is on each topic page.
Members = dict[str, dict[str, Member]]


def found_by_search(results: Mapping[str, Iterable[Paper]]) -> list[tuple[Paper, Match]]:
    """Join a topic's Hub search results: query → the papers it found."""
    return [(p, Match(term=q, via=BY_SEARCH)) for q in sorted(results) for p in results[q]]


def found_in_listings(sources: Mapping[str, Iterable[Paper]]) -> list[tuple[Paper, Match]]:
    """Join a topic's imported listings: listing file name → its papers."""
    return [(p, Match(term=f, via=BY_LISTING_PAGE)) for f in sorted(sources) for p in sources[f]]


def collect_members(topics: Sequence[Topic], papers: Iterable[Paper], found: Found | None = None) -> Members:
    """topic id → {paper id → member}, for every topic.

    A paper matched by the topic's rules keeps that reason; otherwise the
    first source in ``found`` that brought it in is the reason.
    """
    papers = list(papers)
    by_id = {p.id: p for p in papers}
    found = found or {}
    by_title: dict[str, Paper] = {}
    if any(found.get(t.id) for t in topics):  # titles only place papers found outside the rules
        for p in papers:
            by_title.setdefault(normalise_title(p.title), p)
    matched = assign(topics, papers)
    result: dict[str, dict[str, Member]] = {}
    for topic in topics:
        group = {pid: Member(by_id[pid], why, True) for pid, why in matched[topic.id].items()}
        outside: dict[str, str] = {}  # normalised title → id, of papers not in the day files
        for paper, why in found.get(topic.id, ()):
            title = normalise_title(paper.title)
            stored = by_id.get(paper.id) or by_title.get(title)
            if stored is not None:
                group.setdefault(stored.id, Member(stored, why, True))
                continue
            same = outside.get(title, paper.id)
            if same not in group:
                group[same] = Member(paper, why, False)
                outside[title] = same
        result[topic.id] = group
    return result


def unmatched_topics(
    topics_file: Path, topics: Sequence[Topic], members: Mapping[str, Mapping[str, Member]]
) -> list[str]:
    """A warning for each topic without a single paper: a typo in a term, most likely."""
    return [
        f"{topics_file}:{topic.line}: topic {topic.id!r} matches no paper of the archive "
        "(its page is empty; check its terms)"
        for topic in topics
        if not members.get(topic.id)
    ]


def load_found(content_dir: Path, topics: Sequence[Topic]) -> dict[str, list[tuple[Paper, Match]]]:
    """What Hub searches and listing imports stored for each topic (search first: it has arXiv ids)."""
    listings = ListingPageStore(content_dir)
    search = HubSearchStore(content_dir)
    found: dict[str, list[tuple[Paper, Match]]] = {}
    for topic in topics:
        items: list[tuple[Paper, Match]] = []
        if topic.queries:
            results = search.load(topic.id)
            # Only the queries the topic still has: removing one from topics.yml removes its papers.
            items += found_by_search({q: ps for q, ps in results.items() if q in topic.queries})
        items += found_in_listings({f: s.papers for f, s in listings.load(topic.id).items()})
        found[topic.id] = items
    known = {t.id for t in topics}
    for topic_id in listings.topic_ids():
        if topic_id not in known:
            log.warning(
                "%s: no topic %r in topics.yml: its imported papers are not shown", listings.path_of(topic_id), topic_id
            )
    return found
