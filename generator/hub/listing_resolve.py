"""Listed papers resolved to the Hub's papers: ``import-listing --resolve`` and ``fetch --resolve-listings``.

A saved listing page shows no arXiv id, so its papers are stored under
synthetic ids (``listing-<hash>``): no link to the Hub, arXiv or the PDF.
Resolving asks the Hub's search (``/api/papers/search?q=<title>``) for each
such paper and accepts only a result whose title is the same once normalised
(case, punctuation and spacing do not count, ``model.normalise_title``), and
only when exactly one paper has it. The listed paper then *is* that paper: its
arXiv id, links and counts; one that was on Daily Papers also joins its day in
the day files, where it merges with the stored paper of that id. Every other
paper stays as listed, with the reason noted in its record.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..content.days import DayStore
from ..content.listing_pages import ListingPageStore
from ..content.merge import ChangeGuard, MergeReport
from ..errors import FetchError
from ..model import Paper, normalise_title
from ..wording import plural
from .client import HubClient
from .items import papers_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Resolution:
    listed: Paper
    found: Paper | None
    why: str  # how it was decided, in words
    failed: bool = False  # the search itself failed: nothing is noted, the next run asks again

    @property
    def outcome(self) -> Paper | str:
        """What ``ListingPageStore.resolve`` takes: the Hub's paper, or why there is none."""
        return self.found if self.found is not None else self.why


def resolve_title(listed: Paper, results: Sequence[Paper]) -> Resolution:
    """The one result with the listed paper's title (normalised), or why there is none."""
    title = normalise_title(listed.title)
    same = {p.id: p for p in results if normalise_title(p.title) == title}
    if len(same) == 1:
        return Resolution(listed, next(iter(same.values())), "the Hub's paper with this exact title")
    if same:
        return Resolution(listed, None, f"{len(same)} Hub papers have this title ({', '.join(sorted(same))})")
    return Resolution(listed, None, f"no Hub search result has this exact title (of {plural(len(results), 'result')})")


@dataclass
class ResolveReport:
    resolved: list[Resolution] = field(default_factory=list)
    unresolved: list[Resolution] = field(default_factory=list)
    failed: list[Resolution] = field(default_factory=list)
    days: MergeReport = field(default_factory=MergeReport)  # what the resolved papers changed in the day files

    def lines(self) -> list[str]:
        out = [
            f"resolve: {plural(len(self.resolved), 'listed paper')} found on the Hub, {len(self.unresolved)} not, "
            f"{len(self.failed)} searches failed; day files: {self.days.summary()}"
        ]
        out += [f"  {r.listed.title[:60]!r} → {r.found.id}" for r in self.resolved if r.found]
        out += [f"  {r.listed.title[:60]!r}: {r.why}" for r in [*self.unresolved, *self.failed]]
        return out


def resolve_listings(
    client: HubClient,
    content_dir: Path,
    topic_ids: Iterable[str],
    *,
    again: bool = False,
    progress: Callable[[Resolution], None] | None = None,
    guard: ChangeGuard | None = None,
) -> ResolveReport:
    """Look up the listed papers of ``topic_ids`` that are not the Hub's paper yet, and store what was found.

    Papers an earlier lookup found no match for are asked again only with ``again``
    (a title can reach the Hub later); the others once.
    """
    listings = ListingPageStore(content_dir)
    report = ResolveReport()
    for topic_id in topic_ids:
        found: dict[str, Paper | str] = {}
        for listed in listings.unresolved(topic_id, again=again):
            resolution = _look_up(client, listed)
            if resolution.failed:
                report.failed.append(resolution)
            else:
                found[listed.id] = resolution.outcome
                (report.resolved if resolution.found else report.unresolved).append(resolution)
            if progress:
                progress(resolution)
        listings.resolve(topic_id, found)
        on_daily = [p for p in found.values() if isinstance(p, Paper) and p.day is not None]
        if on_daily:
            report.days.take(DayStore(content_dir).merge(on_daily, guard=guard))
    return report


def _look_up(client: HubClient, listed: Paper) -> Resolution:
    try:
        items = client.search(listed.title)
        fetched = client.clock.utc()
    except FetchError as e:
        # A failed search leaves the paper as listed; the next run asks again.
        log.warning("%s", e.message)
        return Resolution(listed, None, f"the Hub search failed: {e.problem}", failed=True)
    where = f"search for the title of {listed.id}"
    parsed = papers_of(items, where, None, fetched=fetched)
    parsed.warn_unshown(where)
    return resolve_title(listed, parsed.papers)
