"""What a merge into a store changed: one report for the day files and the per-topic files alike."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field

from ..model import Paper, merge_paper
from ..wording import plural


@dataclass
class MergeReport:
    """Paper ids added, updated and moved by a merge, and how many files it wrote.

    ``unchanged`` counts the papers of the file merged into that the merge left
    as they were (only the per-topic stores count them).
    """

    added: set[str] = field(default_factory=set)
    updated: set[str] = field(default_factory=set)
    moved: set[str] = field(default_factory=set)  # to a later listing day
    unchanged: int = 0
    files_written: int = 0

    def take(self, other: MergeReport) -> None:
        """Add ``other`` (a later merge of the same run) to this report."""
        self.added |= other.added
        self.updated |= other.updated - self.added
        self.moved |= other.moved
        self.unchanged += other.unchanged
        self.files_written += other.files_written

    def summary(self, files: str = "day file") -> str:
        parts = [plural(len(self.added), "paper") + " added", f"{len(self.updated)} updated"]
        if self.moved:
            parts.append(f"{len(self.moved)} moved to a later day")
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
