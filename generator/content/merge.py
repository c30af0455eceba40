"""What a merge into a store changed: one report for the day files and the per-topic files alike."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field

from ..errors import ContentError
from ..model import Paper, merge_paper
from ..wording import plural

# A run may move (to a later listing day) or retitle at most this share of the stored papers,
# or this many, whichever is more: the Hub revises a title or relists a paper now and then,
# never the archive at once. More is an answer that re-lists what is stored under other days
# and titles, and the run stops before writing (``ChangeGuard``) unless a person allows it.
MASS_CHANGE_SHARE = 0.05
MASS_CHANGE_PAPERS = 50


@dataclass
class MergeReport:
    """Paper ids added, updated and moved by a merge, and how many files it wrote.

    ``unchanged`` counts the papers of the file merged into that the merge left
    as they were (only the per-topic stores count them).
    """

    added: set[str] = field(default_factory=set)
    updated: set[str] = field(default_factory=set)
    moved: set[str] = field(default_factory=set)  # to a later listing day
    retitled: set[str] = field(default_factory=set)  # stored papers whose title changed (``normalise_title``)
    unchanged: int = 0
    files_written: int = 0

    def take(self, other: MergeReport) -> None:
        """Add ``other`` (a later merge of the same run) to this report."""
        self.added |= other.added
        self.updated |= other.updated - self.added
        self.moved |= other.moved
        self.retitled |= other.retitled
        self.unchanged += other.unchanged
        self.files_written += other.files_written

    def summary(self, files: str = "day file") -> str:
        parts = [plural(len(self.added), "paper") + " added", f"{len(self.updated)} updated"]
        if self.moved:
            parts.append(f"{len(self.moved)} moved to a later day")
        if self.retitled:
            parts.append(f"{len(self.retitled)} retitled")
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        parts.append(plural(self.files_written, files) + " written")
        return ", ".join(parts)


def merge_into(stored: MutableMapping[str, Paper], incoming: Iterable[Paper]) -> MergeReport:
    """Merge ``incoming`` into ``stored`` (id → paper) in place, by id, with ``merge_paper``.

    A paper seen again gets the newest values and keeps what the new version
    lacks; nothing in ``stored`` is removed. Returns what changed.
    """
    report = MergeReport()
    for paper in incoming:
        before = stored.get(paper.id)
        if before is None:
            stored[paper.id] = paper
            report.added.add(paper.id)
            continue
        merged = merge_paper(before, paper)
        # ``extra`` (unknown keys) is left out of equality; a change there is a change too.
        if merged != before or merged.extra != before.extra:
            stored[paper.id] = merged
            if paper.id not in report.added:
                report.updated.add(paper.id)
    report.unchanged = len(stored) - len(report.added) - len(report.updated)
    return report


class MassChange(ContentError):
    """A run would move or retitle more of the stored papers than ``ChangeGuard`` allows."""


@dataclass
class ChangeGuard:
    """What one run may move and retitle: checked by each merge before it writes.

    ``stored`` is the number of papers stored when the run began (its first merge's);
    ``moved`` and ``retitled`` what its merges changed so far. ``allowed``: a person said
    the change is real (``--allow-mass-change``).
    """

    allowed: bool = False
    stored: int | None = None
    moved: set[str] = field(default_factory=set)
    retitled: set[str] = field(default_factory=set)

    def limit(self) -> int:
        return max(MASS_CHANGE_PAPERS, int((self.stored or 0) * MASS_CHANGE_SHARE))

    def check(self, report: MergeReport, stored: int) -> None:
        """Take a merge about to be written (``report``; ``stored`` papers before it), or raise ``MassChange``."""
        if self.stored is None:
            self.stored = stored
        moved, retitled = self.moved | report.moved, self.retitled | report.retitled
        changed = len(moved | retitled)
        if changed > self.limit() and not self.allowed:
            raise MassChange(
                "content",
                f"refusing to write: this run would move {len(moved)} and retitle {len(retitled)} of the "
                f"{self.stored:,} stored papers, more than {self.limit():,} ({MASS_CHANGE_SHARE:.0%} or "
                f"{MASS_CHANGE_PAPERS}, whichever is more); nothing of this merge was written. An answer that "
                "lists stored papers under other days and titles? If the Hub really changed that much, "
                "run again with --allow-mass-change",
            )
        self.moved, self.retitled = moved, retitled
