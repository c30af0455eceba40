"""What an update changed in content/, told in a commit message and a job summary.

The update workflow runs ``python -m generator commit`` after the fetch. It
compares the working tree's content/ with the last commit (git is the record of
what was published), commits only when something changed, and refuses to commit
when a paper stored in the last commit is gone: a fetch must never lose one.

``describe`` is pure (two sets of day files in, a ``ChangeSummary`` out);
``pending_changes`` and ``commit_content`` are the git edges.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import ContentError, GitError
from ..model import Paper, same_values
from ..wording import plural
from .days import day_file_date, decode_day

log = logging.getLogger(__name__)

# How many days the commit message body lists before it says "and N more":
# a backfill of 1,000 days must not make a 1,000-line message.
MAX_LISTED_DAYS = 30


@dataclass(frozen=True)
class DayChange:
    date: dt.date
    papers_before: int
    papers_after: int
    added: int  # papers new to the archive
    updated: int  # papers whose stored values changed

    @property
    def kind(self) -> str:
        if self.papers_before == 0:
            return "added"
        if self.papers_after == 0:
            return "removed"
        # Fetched again with the same counts (and no paper come or gone): only its fetch time moved.
        same = not self.added and not self.updated and self.papers_before == self.papers_after
        return "refreshed" if same else "updated"


@dataclass(frozen=True)
class ChangeSummary:
    days: tuple[DayChange, ...]  # oldest first
    papers_added: tuple[str, ...]
    papers_updated: tuple[str, ...]
    papers_moved: tuple[str, ...]  # listed again on a later day: stored once, on the later day
    papers_lost: tuple[str, ...]  # stored before, stored nowhere now: never committed
    other_files: tuple[str, ...]  # other changed files under content/ (topic search results, ...)

    @property
    def changed(self) -> bool:
        return bool(self.days or self.other_files)

    def count(self, kind: str) -> int:
        return sum(1 for d in self.days if d.kind == kind)

    def subject(self) -> str:
        """The commit subject: one line saying what changed."""
        kinds = ("added", "updated", "refreshed")
        days = [f"{plural(n, 'day')} {kind}" for kind in kinds if (n := self.count(kind))]
        parts = [", ".join(days)] if days else []
        if self.papers_added or self.papers_updated:
            parts.append(f"{plural(len(self.papers_added), 'paper')} added, {len(self.papers_updated)} updated")
        if not parts and self.other_files:
            parts.append(f"{plural(len(self.other_files), 'other file')} updated")
        return "Update archive: " + ("; ".join(parts) if parts else "no change")

    def message(self) -> str:
        """The whole commit message: the subject, then one line per changed day."""
        lines = [self.subject(), ""]
        if self.days:
            first, last = self.days[0].date, self.days[-1].date
            lines.append(f"Days {first} to {last}:" if first != last else f"Day {first}:")
            for day in self.days[:MAX_LISTED_DAYS]:
                lines.append(f"- {day.date} {day.kind}: {_day_detail(day)}")
            if len(self.days) > MAX_LISTED_DAYS:
                lines.append(f"- and {len(self.days) - MAX_LISTED_DAYS} more days")
        if self.papers_moved:
            lines.append(f"{plural(len(self.papers_moved), 'paper')} moved to a later day.")
        if self.other_files:
            lines.append("Also updated: " + ", ".join(self.other_files[:MAX_LISTED_DAYS]))
        return "\n".join(lines).rstrip() + "\n"

    def markdown(self, committed: bool) -> str:
        """The job summary section (GitHub-flavoured Markdown)."""
        out = ["### Content", ""]
        if not self.changed:
            out += ["Nothing changed: no commit.", ""]
            return "\n".join(out)
        out += [f"**{self.subject()}**" + (" (committed)" if committed else " (not committed)"), ""]
        if self.days:
            out += ["| day | change | papers | added | updated |", "| --- | --- | ---: | ---: | ---: |"]
            for day in self.days[:MAX_LISTED_DAYS]:
                out.append(f"| {day.date} | {day.kind} | {day.papers_after} | {day.added} | {day.updated} |")
            if len(self.days) > MAX_LISTED_DAYS:
                out.append(f"| … | {len(self.days) - MAX_LISTED_DAYS} more days | | | |")
            out.append("")
        if self.other_files:
            out += ["Also updated: " + ", ".join(f"`{f}`" for f in self.other_files), ""]
        return "\n".join(out)


def _day_detail(day: DayChange) -> str:
    if day.kind == "added":
        return plural(day.papers_after, "paper")
    if day.kind == "removed":
        return f"its {plural(day.papers_before, 'paper')} moved to a later day"
    return f"{day.papers_after} papers ({day.added} added, {day.updated} updated)"


def describe(
    before: Mapping[dt.date, tuple[Paper, ...]],
    after: Mapping[dt.date, tuple[Paper, ...]],
    other_files: tuple[str, ...] = (),
) -> ChangeSummary:
    """Compare the changed day files before and after (a day absent from a side has no file there).

    Only changed files need be given: a paper that moves between days changes both files.
    """
    old = {p.id: (date, p) for date, papers in before.items() for p in papers}
    new = {p.id: (date, p) for date, papers in after.items() for p in papers}
    added = sorted(new.keys() - old.keys())
    lost = sorted(old.keys() - new.keys())
    # Updated: a value changed. Fetched again with the same values is not an update (see DayChange.kind).
    updated = sorted(pid for pid in new.keys() & old.keys() if not same_values(new[pid][1], old[pid][1]))
    moved = sorted(pid for pid in new.keys() & old.keys() if new[pid][0] != old[pid][0])
    added_set, updated_set = set(added), set(updated)
    days = []
    for date in sorted(before.keys() | after.keys()):
        papers = after.get(date, ())
        days.append(
            DayChange(
                date=date,
                papers_before=len(before.get(date, ())),
                papers_after=len(papers),
                added=sum(1 for p in papers if p.id in added_set),
                updated=sum(1 for p in papers if p.id in updated_set),
            )
        )
    return ChangeSummary(
        days=tuple(days),
        papers_added=tuple(added),
        papers_updated=tuple(updated),
        papers_moved=tuple(moved),
        papers_lost=tuple(lost),
        other_files=tuple(sorted(other_files)),
    )


def _git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=repo, input=input, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError(None, "git is not installed (needed to see what changed in content/)") from None
    if result.returncode != 0:
        detail = " ".join(result.stderr.decode("utf-8", "replace").split())
        raise GitError(f"git {' '.join(args[:2])} in {repo}", detail or f"exit {result.returncode}")
    return result.stdout


def repo_root(path: Path) -> Path:
    return Path(_git(path, "rev-parse", "--show-toplevel").decode().strip())


def _changed_paths(repo: Path, pathspec: str) -> list[str]:
    """Paths (relative to the repository) under ``pathspec`` that differ from HEAD, untracked ones included."""
    out = _git(repo, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", pathspec)
    return sorted({entry[3:] for entry in out.decode("utf-8").split("\0") if entry})


def _has_head(repo: Path) -> bool:
    return subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=repo, capture_output=True).returncode == 0


def _day_of(rel: str) -> dt.date | None:
    path = PurePosixPath(rel)
    return day_file_date(path.name) if path.parent.parent.name == "days" else None


def pending_changes(content_dir: Path) -> ChangeSummary:
    """What differs between the working tree's content/ and the last commit."""
    repo = repo_root(content_dir)
    pathspec = content_dir.resolve().relative_to(repo).as_posix()
    head = _has_head(repo)
    before: dict[dt.date, tuple[Paper, ...]] = {}
    after: dict[dt.date, tuple[Paper, ...]] = {}
    others = []
    for rel in _changed_paths(repo, pathspec):
        date = _day_of(rel)
        if date is None:
            others.append(rel)
            continue
        if head:
            listed = _git(repo, "ls-tree", "--name-only", "HEAD", "--", rel).strip()
            if listed:
                data = _git(repo, "show", f"HEAD:{rel}")
                before[date] = decode_day(data, f"{rel} (last commit)", expected=date).papers
        path = repo / rel
        if path.is_file():
            after[date] = decode_day(path.read_bytes(), str(path), expected=date).papers
    return describe(before, after, tuple(others))


@dataclass(frozen=True)
class CommitOutcome:
    summary: ChangeSummary
    sha: str | None  # the new commit; None when nothing changed (or a dry run)


def commit_content(
    content_dir: Path, *, dry_run: bool = False, summary_file: Path | None = None, output_file: Path | None = None
) -> CommitOutcome:
    """Commit content/ with a message saying what changed; nothing changed, no commit.

    ``summary_file`` and ``output_file`` (the workflow's ``$GITHUB_STEP_SUMMARY``
    and ``$GITHUB_OUTPUT``) get a Markdown report and ``committed=``/``commit=``
    lines, also when the commit is refused. Refuses (ContentError) when a
    paper of the last commit is stored nowhere now. Only content/ is
    committed, whatever else is staged; pushing is left to the caller.
    """
    summary = pending_changes(content_dir)
    if dry_run:
        return CommitOutcome(summary, None)
    if summary.papers_lost:
        _append(summary_file, summary.markdown(committed=False))
        _append(output_file, "committed=false\n")
        shown = ", ".join(summary.papers_lost[:10])
        raise ContentError(
            content_dir,
            f"{len(summary.papers_lost)} stored papers would be lost ({shown}); nothing committed",
        )
    sha = _commit(content_dir, summary) if summary.changed else None
    _append(summary_file, summary.markdown(committed=sha is not None))
    _append(output_file, f"committed={'true' if sha else 'false'}\n" + (f"commit={sha}\n" if sha else ""))
    return CommitOutcome(summary, sha)


def _commit(content_dir: Path, summary: ChangeSummary) -> str:
    repo = repo_root(content_dir)
    pathspec = content_dir.resolve().relative_to(repo).as_posix()
    _git(repo, "add", "--all", "--", pathspec)
    # The pathspec limits the commit to content/ even if other files were staged by hand.
    _git(repo, "commit", "--quiet", "--file=-", "--", pathspec, input=summary.message().encode("utf-8"))
    sha = _git(repo, "rev-parse", "HEAD").decode().strip()
    log.info("committed %s: %s", sha, summary.subject())
    return sha


def _append(path: Path | None, text: str) -> None:
    if path is not None:
        with path.open("a", encoding="utf-8") as f:
            f.write(text)
