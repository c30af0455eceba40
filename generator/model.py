"""The data model: one frozen dataclass for a paper, one for a listing day.

Every source (the Hub's daily_papers and search answers, stored content
files, saved listing pages) is parsed into these once, at the edge; the rest
of the code only ever sees these types.

The stored form of a paper (a *record*) is a plain JSON object with the
field names below. ``record_to_paper`` and ``paper_to_record`` convert both
ways; a record's unknown keys (written by a newer version of this project,
say) are kept in ``Paper.extra`` and written back unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ContentError

# arXiv identifiers since 2007 (YYMM.NNNNN), in ASCII digits only (``\d`` would
# accept any script's digits: "２６０７.１０３８３" is no arXiv id). Only these get
# links to arxiv.org and huggingface.co/papers; anything else is shown as text.
ARXIV_ID = re.compile(r"[0-9]{4}\.[0-9]{4,5}")
# Every paper id the archive stores: an arXiv id, or the one other safe form
# (ASCII letters and digits, then also dots and hyphens; the ids of saved
# listing pages, ``listing-<hash>``, are of it). Such an id is its own HTML
# anchor, file-name part and URL fragment, unchanged, so two ids never share one.
PAPER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")
MAX_PAPER_ID = 64  # characters; arXiv ids have 10, listing ids 25

# The first Daily Papers day: nothing is listed before it.
FEED_START = dt.date(2023, 5, 4)


def paper_id_problem(paper_id: str) -> str | None:
    """Why ``paper_id`` cannot be stored (None when it can): see ``PAPER_ID``."""
    if len(paper_id) > MAX_PAPER_ID:
        return f"paper id of {len(paper_id)} characters (at most {MAX_PAPER_ID})"
    if not PAPER_ID.fullmatch(paper_id):
        return f"paper id {paper_id!r} is neither an arXiv id (2607.10383) nor ASCII letters, digits, dots and hyphens"
    return None


@dataclass(frozen=True)
class ListingWindow:
    """The listing days that can exist: from the feed's first day through tomorrow (UTC).

    Tomorrow, not today: the Hub's day rolls over at a time zone's midnight that
    may come before UTC's. A day outside is a hostile or broken answer, never a day.
    """

    first: dt.date
    last: dt.date

    @classmethod
    def until_tomorrow(cls, first: dt.date = FEED_START, today: dt.date | None = None) -> ListingWindow:
        today = today or dt.datetime.now(dt.UTC).date()
        return cls(first, today + dt.timedelta(days=1))

    def __contains__(self, date: object) -> bool:
        return isinstance(date, dt.date) and self.first <= date <= self.last

    def problem(self, date: dt.date) -> str | None:
        """Why ``date`` is not a listing day (None when it is one)."""
        if date < self.first:
            return f"listing day {date} is before the feed's first day ({self.first})"
        if date > self.last:
            return f"listing day {date} is in the future (after {self.last}, tomorrow UTC)"
        return None


@dataclass(frozen=True, kw_only=True)
class Organization:
    name: str
    fullname: str | None = None
    # Keys of a stored organization this version does not know: kept, never dropped.
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, kw_only=True)
class Paper:
    """One paper as the archive knows it. Optional fields are None or empty when unknown."""

    id: str  # the arXiv id: "2607.10383"
    title: str
    authors: tuple[str, ...]
    abstract: str
    day: dt.date | None = None  # the listing day: when it entered Daily Papers
    published: dt.date | None = None  # arXiv publication date
    upvotes: int = 0
    comments: int | None = None
    ai_summary: str | None = None
    ai_keywords: tuple[str, ...] = ()
    github_repo: str | None = None
    github_stars: int | None = None
    project_page: str | None = None
    organization: Organization | None = None
    thumbnail: str | None = None
    submitter: str | None = None  # the Hub user name of who put it on Daily Papers: huggingface.co/<submitter>
    submitter_fullname: str | None = None  # the name that user shows
    # When the Hub gave these values (UTC). None: not known (saved answers of old); the listing day stands in.
    fetched: dt.datetime | None = None
    # Keys of a stored record that this version does not know: kept, never dropped.
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_arxiv(self) -> bool:
        return bool(ARXIV_ID.fullmatch(self.id))

    @property
    def hub_url(self) -> str:
        return f"https://huggingface.co/papers/{self.id}"

    @property
    def arxiv_url(self) -> str:
        return f"https://arxiv.org/abs/{self.id}"

    @property
    def pdf_url(self) -> str:
        return f"https://arxiv.org/pdf/{self.id}"


@dataclass(frozen=True, kw_only=True)
class Day:
    """The papers of one listing day, kept sorted by paper id (stable, diff-friendly)."""

    date: dt.date
    papers: tuple[Paper, ...] = ()
    # Keys of a stored day file this version does not know: kept, never dropped.
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def fetched(self) -> dt.datetime | None:
        """When the newest counts of the day were fetched: the latest fetch of any of its papers."""
        return max((p.fetched for p in self.papers if p.fetched is not None), default=None)

    def by_upvotes(self) -> list[Paper]:
        """Papers in the order a reader wants them: most upvoted first, ties by id."""
        return sorted(self.papers, key=lambda p: (-p.upvotes, p.id))


def parse_date(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` as a date; None for anything else (``2026-02-30`` included)."""
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Archive:
    """Every stored listing day that has papers, oldest first."""

    days: tuple[Day, ...]

    @property
    def latest(self) -> Day | None:
        return self.days[-1] if self.days else None

    def papers(self) -> Iterator[Paper]:
        for day in self.days:
            yield from day.papers

    @property
    def paper_count(self) -> int:
        return sum(len(d.papers) for d in self.days)

    def recent_days(self, count: int) -> list[Day]:
        """The stored days within the last ``count`` calendar days up to the newest one.

        Measured from the newest stored day, never from today: the same content
        always gives the same pages and feeds.
        """
        if self.latest is None:
            return []
        start = self.latest.date - dt.timedelta(days=count - 1)
        return [d for d in self.days if d.date >= start]


_NOT_WORD = re.compile(r"[\W_]+")


def normalise_title(title: str) -> str:
    """A title as compared across sources: case, punctuation and whitespace do not count."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


def freshness(paper: Paper) -> tuple[dt.date, dt.datetime, int, int]:
    """How recent a version of a paper is, for ``merge_paper``: its listing day first (an answer for an
    earlier listing day never overrides a later one's), then when it was fetched (a paper of unknown
    fetch time counts as fetched as its day began), then its counts (they only grow: on a tie the larger)."""
    day = paper.day or dt.date.min
    fetched = paper.fetched or dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return day, fetched, paper.upvotes, paper.comments if paper.comments is not None else -1


def _fresher_or_equal(a: Paper, b: Paper) -> bool:
    fa, fb = freshness(a), freshness(b)
    if fa != fb:
        return fa > fb
    # As fresh as each other but not the same (a title revised between two saves of one moment):
    # any fixed choice makes the order of arrival irrelevant; the larger record, as sorted JSON.
    return _canonical(a) >= _canonical(b)


def _canonical(paper: Paper) -> str:
    return json.dumps(paper_to_record(paper), sort_keys=True, ensure_ascii=False)


def merge_paper(old: Paper, new: Paper) -> Paper:
    """The paper as known after seeing ``old`` and ``new``: the newer one's values, nothing lost.

    Which is newer is ``freshness``, not the order they arrive in, so merging
    saved answers in any order gives the same paper. A field the newer one
    lacks (None or empty) keeps the older one's value: a thinner answer never
    erases what another told us. (Only there can the order matter: two older
    answers that disagree on a field the newest lacks. The Hub does not drop
    fields from a paper, so its answers never do that.)
    """
    newer, older = (new, old) if _fresher_or_equal(new, old) else (old, new)
    # The counts are the newer one's, and so is the time they were fetched, even when it is not known.
    changes: dict[str, Any] = {"fetched": newer.fetched}
    for f in dataclasses.fields(Paper):
        if f.name == "extra":
            continue
        value = getattr(newer, f.name)
        if value is None or value == () or value == "":
            continue
        changes[f.name] = value
    if older.organization is not None and newer.organization is not None:
        # The Hub's organization never carries the stored one's unknown keys: keep them.
        changes["organization"] = dataclasses.replace(
            newer.organization, extra={**older.organization.extra, **newer.organization.extra}
        )
    extra = {**older.extra, **newer.extra}
    return dataclasses.replace(older, **changes, extra=extra)


def same_values(a: Paper, b: Paper) -> bool:
    """Whether two versions of a paper tell the same, whenever each was fetched."""
    return dataclasses.replace(a, fetched=None) == dataclasses.replace(b, fetched=None)


def merge_by_id(papers: Iterable[Paper]) -> dict[str, Paper]:
    """One paper per id, folding every later version into the first with ``merge_paper``."""
    merged: dict[str, Paper] = {}
    for paper in papers:
        merged[paper.id] = merge_paper(merged[paper.id], paper) if paper.id in merged else paper
    return merged


# ---------------------------------------------------------------------------
# Records: the stored JSON form of a paper.

_SIMPLE_STR = (
    "title",
    "abstract",
    "ai_summary",
    "github_repo",
    "project_page",
    "thumbnail",
    "submitter",
    "submitter_fullname",
)
_SIMPLE_INT = ("upvotes", "comments", "github_stars")
_KNOWN = {f.name for f in dataclasses.fields(Paper)} - {"extra"}


def paper_to_record(paper: Paper) -> dict[str, Any]:
    """The JSON object stored for ``paper``; absent optional fields are left out."""
    rec: dict[str, Any] = dict(paper.extra)
    rec["id"] = paper.id
    rec["title"] = paper.title
    rec["authors"] = list(paper.authors)
    rec["abstract"] = paper.abstract
    if paper.day is not None:
        rec["day"] = paper.day.isoformat()
    if paper.published is not None:
        rec["published"] = paper.published.isoformat()
    if paper.fetched is not None:
        rec["fetched"] = format_time(paper.fetched)
    rec["upvotes"] = paper.upvotes
    optional = ("comments", "ai_summary", "github_repo", "github_stars", "project_page", "thumbnail")
    for name in (*optional, "submitter", "submitter_fullname"):
        value = getattr(paper, name)
        if value is not None:
            rec[name] = value
    if paper.ai_keywords:
        rec["ai_keywords"] = list(paper.ai_keywords)
    if paper.organization is not None:
        org = {**paper.organization.extra, "name": paper.organization.name}
        if paper.organization.fullname is not None:
            org["fullname"] = paper.organization.fullname
        rec["organization"] = org
    return rec


def record_to_paper(rec: Any, where: str) -> Paper:
    """Parse one stored record; ``where`` names the file and item for error messages."""
    if not isinstance(rec, dict):
        raise ContentError(where, f"a paper must be a JSON object, not {json_kind(rec)}")
    for key in ("id", "title", "authors", "abstract"):
        if key not in rec:
            raise ContentError(where, f"paper is missing the required field {key!r}")
    values: dict[str, Any] = {}
    values["id"] = _str(rec["id"], where, "id")
    if not values["id"]:
        raise ContentError(where, "paper has an empty 'id'")
    problem = paper_id_problem(values["id"])
    if problem:
        raise ContentError(where, problem)
    for name in _SIMPLE_STR:
        if rec.get(name) is not None:
            values[name] = _str(rec[name], where, name)
    for name in _SIMPLE_INT:
        if rec.get(name) is not None:
            values[name] = _int(rec[name], where, name)
    values["authors"] = _str_list(rec["authors"], where, "authors")
    if rec.get("ai_keywords") is not None:
        values["ai_keywords"] = _str_list(rec["ai_keywords"], where, "ai_keywords")
    for name in ("day", "published"):
        if rec.get(name) is not None:
            values[name] = _date(rec[name], where, name)
    if rec.get("fetched") is not None:
        values["fetched"] = _time(rec["fetched"], where, "fetched")
    org = rec.get("organization")
    if org is not None:
        if not isinstance(org, dict) or not isinstance(org.get("name"), str):
            raise ContentError(where, "'organization' must be an object with a string 'name'")
        fullname = org.get("fullname")
        values["organization"] = Organization(
            name=org["name"],
            fullname=_str(fullname, where, "organization.fullname") if fullname is not None else None,
            extra={k: v for k, v in org.items() if k not in ("name", "fullname")},
        )
    values["extra"] = {k: v for k, v in rec.items() if k not in _KNOWN}
    return Paper(**values)


def json_kind(value: Any) -> str:
    """What a JSON value is, in words, for messages: "an object", "a list", "null"..."""
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _str(value: Any, where: str, name: str) -> str:
    if not isinstance(value, str):
        raise ContentError(where, f"{name!r} must be a string, not {json_kind(value)}")
    return value


def _int(value: Any, where: str, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ContentError(where, f"{name!r} must be a whole number, not {json_kind(value)}")
    return value


def _str_list(value: Any, where: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContentError(where, f"{name!r} must be a list of strings")
    return tuple(value)


def format_time(when: dt.datetime) -> str:
    """A time as stored: UTC, to the second, ``2026-08-21T07:45:00Z``."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> dt.datetime | None:
    """A stored time (``format_time``), or a date (the start of that day, UTC); None for anything else."""
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00")) if len(text) > 10 else None
    except ValueError:
        return None
    if when is None:
        day = parse_date(text)
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) if day else None
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


def _time(value: Any, where: str, name: str) -> dt.datetime:
    when = parse_time(_str(value, where, name))
    if when is None:
        raise ContentError(where, f"{name!r} is not a time (YYYY-MM-DDTHH:MM:SSZ): {value!r}")
    return when.replace(microsecond=0)


def _date(value: Any, where: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(_str(value, where, name)[:10])
    except ValueError:
        raise ContentError(where, f"{name!r} is not a date (YYYY-MM-DD): {value!r}") from None
