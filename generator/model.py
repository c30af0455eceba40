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
from .fields import (
    Bounds,
    Count,
    Date,
    Field,
    Kind,
    Text,
    Texts,
    Time,
    Url,
    spec,
    specs,
)
from .fields import format_time as format_time  # the stages take these from the model
from .fields import json_kind as json_kind
from .fields import parse_time as parse_time
from .textpolicy import admit_json, admit_text

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


class PaperId(Text):
    """A paper's id: one of the stored forms (``paper_id_problem``), or the paper is refused."""

    def from_record(self, value: Any, where: str, name: str) -> str:
        paper_id = super().from_record(value, where, name).strip()
        problem = "paper has an empty 'id'" if not paper_id else paper_id_problem(paper_id)
        if problem:
            raise ContentError(where, problem)
        return paper_id

    def from_hub(self, value: Any, field: Field, bounds: Bounds) -> str | None:
        paper_id = admit_text(value).strip() if isinstance(value, str) else ""
        return paper_id or None  # checked by parse_item, which says why an id is refused


class OrganizationKind(Kind):
    """``{"name": <Hub handle>, "fullname": <its display name>}``; stored unknown keys are kept."""

    words = "object"

    def from_record(self, value: Any, where: str, name: str) -> Organization:
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            raise ContentError(where, f"{name!r} must be an object with a string 'name'")
        fullname = value.get("fullname")
        return Organization(
            name=admit_text(value["name"]),
            fullname=TEXT.from_record(fullname, where, f"{name}.fullname") if fullname is not None else None,
            extra=admit_json({k: v for k, v in value.items() if k not in ("name", "fullname")}),
        )

    def to_record(self, value: Any) -> dict[str, Any]:
        org = {**value.extra, "name": value.name}
        if value.fullname is not None:
            org["fullname"] = value.fullname
        return org

    def from_hub(self, value: Any, field: Field, bounds: Bounds) -> Organization | None:
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            return None
        name = admit_text(value["name"]).strip()
        if not name:
            return None
        fullname = admit_text(value["fullname"]) if isinstance(value.get("fullname"), str) else ""
        return Organization(
            name=bounds.text(name, field.spec.limit, "organization"),
            fullname=bounds.text(fullname, field.spec.limit, "organization") if fullname.strip() else None,
        )

    def to_export(self, value: Any) -> dict[str, str | None]:
        return {"name": value.name, "fullname": value.fullname}

    def to_cell(self, value: Any) -> str:
        return "" if value is None else str(value.fullname or value.name)


# Bounds on what one paper may bring, each well above anything real (arXiv caps abstracts at
# 1,920 characters; the longest titles are ~300; the largest author lists, collaboration
# reports, ~3,300 names): one answer can make neither a page nor a day file unboundedly large.
MAX_TITLE = 1_000  # characters
MAX_TEXT = 20_000  # characters of an abstract or an AI summary
MAX_NAME = 300  # characters of an author, organization, submitter or keyword
MAX_AUTHORS = 5_000
MAX_KEYWORDS = 100
# A publication date is arXiv's (which began in August 1991), and not after tomorrow (UTC):
# a date outside is no real one (a year 0001 or 9999 would stretch a topic's chart to 10,000 years).
FIRST_PUBLISHED = dt.date(1991, 1, 1)


def _plausible_publication(date: dt.date) -> bool:
    return FIRST_PUBLISHED <= date <= dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)


ID = PaperId()
TEXT = Text()
URL = Url()
COUNT = Count()
DATE = Date()
TIME = Time()
ORGANIZATION = OrganizationKind()


@dataclass(frozen=True, kw_only=True)
class Paper:
    """One paper as the archive knows it. Optional fields are None or empty when unknown.

    Each field says how it is read from the Hub and from content/, stored, exported and
    described (``fields.spec``): a new field is one line here. The order is the CSV's columns'.
    """

    id: str = field(
        metadata=spec(
            ID,
            "the arXiv id (`2607.10383`); the paper's page is huggingface.co/papers/&lt;id&gt;",
            hub=("paper.id", "id"),
            csv=True,
        )
    )
    day: dt.date | None = field(
        default=None,
        metadata=spec(
            DATE,
            "the listing day: when the paper was on Hugging Face Daily Papers (YYYY-MM-DD)",
            words="date",  # every exported paper has one
            csv=True,
        ),
    )
    title: str = field(
        metadata=spec(
            TEXT,
            "as the Hub gives it (arXiv line breaks and TeX included)",
            hub=("paper.title", "title"),
            limit=MAX_TITLE,
            csv=True,
        )
    )
    authors: tuple[str, ...] = field(
        metadata=spec(
            Texts(names=True),
            "in the paper's order",
            hub=("paper.authors",),
            limit=MAX_AUTHORS,
            item_limit=MAX_NAME,
            item_label="an author's name",
            csv=True,
        )
    )
    abstract: str = field(metadata=spec(TEXT, "the arXiv abstract", hub=("paper.summary", "summary"), limit=MAX_TEXT))
    published: dt.date | None = field(
        default=None,
        metadata=spec(Date(_plausible_publication), "the arXiv publication date", hub=("paper.publishedAt",)),
    )
    organization: Organization | None = field(
        default=None,
        metadata=spec(
            ORGANIZATION,
            "`name` (the Hub's organization id) and `fullname`",
            hub=("paper.organization", "organization"),
            limit=MAX_NAME,
            csv=True,
        ),
    )
    # The Hub user name of who put it on Daily Papers (huggingface.co/<submitter>), and the name that user shows.
    submitter: str | None = field(
        default=None, metadata=spec(TEXT, "the Hub user name of who submitted the paper to Daily Papers", csv=True)
    )
    submitter_fullname: str | None = field(
        default=None, metadata=spec(TEXT, "the name that user shows on the Hub", limit=MAX_NAME, label="submitter")
    )
    upvotes: int = field(
        default=0, metadata=spec(COUNT, "on the Hub, as last fetched", hub=("paper.upvotes",), csv=True)
    )
    comments: int | None = field(
        default=None, metadata=spec(COUNT, "on the Hub, as last fetched", hub=("numComments",), csv=True)
    )
    ai_summary: str | None = field(
        default=None,
        metadata=spec(TEXT, "the Hub's AI summary", hub=("paper.ai_summary",), limit=MAX_TEXT, label="AI summary"),
    )
    ai_keywords: tuple[str, ...] = field(
        default=(),
        metadata=spec(
            Texts(),
            "the Hub's AI keywords",
            hub=("paper.ai_keywords",),
            limit=MAX_KEYWORDS,
            item_limit=MAX_NAME,
            label="AI keywords",
            item_label="a keyword",
        ),
    )
    github_repo: str | None = field(
        default=None,
        metadata=spec(
            URL, "its code on GitHub", hub=("paper.githubRepo",), label="GitHub link", csv=True, export=False
        ),
    )
    github_stars: int | None = field(
        default=None,
        metadata=spec(COUNT, "of the paper's GitHub repository, as last fetched", hub=("paper.githubStars",)),
    )
    project_page: str | None = field(
        default=None,
        metadata=spec(
            URL, "its project page", hub=("paper.projectPage",), label="project page", csv=True, export=False
        ),
    )
    thumbnail: str | None = field(
        default=None, metadata=spec(URL, "the Hub's preview image", hub=("thumbnail",), export=False)
    )
    discussion_id: str | None = field(
        default=None,
        metadata=spec(TEXT, "the id of the paper's discussion on the Hub", hub=("paper.discussionId",), limit=MAX_NAME),
    )
    # When the Hub gave these values (UTC). None: not known (saved answers of old); the listing day stands in.
    fetched: dt.datetime | None = field(
        default=None,
        metadata=spec(TIME, "when the counts were fetched from the Hub, UTC (`2026-08-21T07:45:00Z`)", csv=True),
    )
    # Keys of a stored record that this version does not know: kept, never dropped.
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_arxiv(self) -> bool:
        return bool(ARXIV_ID.fullmatch(self.id))

    @property
    def display_title(self) -> str:
        """The title as pages, feeds and the search show it: its id when it has no visible character."""
        return self.title if admit_text(self.title).strip() else self.id

    @property
    def hub_url(self) -> str:
        return f"https://huggingface.co/papers/{self.id}"

    @property
    def arxiv_url(self) -> str:
        return f"https://arxiv.org/abs/{self.id}"

    @property
    def pdf_url(self) -> str:
        return f"https://arxiv.org/pdf/{self.id}"


PAPER_FIELDS = specs(Paper)


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
# Records: the stored JSON form of a paper, written and read by the fields' kinds.

_KNOWN = {f.name for f in PAPER_FIELDS}


def paper_to_record(paper: Paper) -> dict[str, Any]:
    """The JSON object stored for ``paper``; absent optional fields are left out."""
    rec: dict[str, Any] = dict(paper.extra)
    for f in PAPER_FIELDS:
        value = getattr(paper, f.name)
        if value is None or (value == () and not f.required):
            continue
        rec[f.name] = f.spec.kind.to_record(value)
    return rec


def record_to_paper(rec: Any, where: str) -> Paper:
    """Parse one stored record; ``where`` names the file and item for error messages.

    Its texts pass ``admit_text`` as the Hub's do (text stored by this version already
    has: it reads back unchanged).
    """
    if not isinstance(rec, dict):
        raise ContentError(where, f"a paper must be a JSON object, not {json_kind(rec)}")
    for f in PAPER_FIELDS:
        if f.required and f.name not in rec:
            raise ContentError(where, f"paper is missing the required field {f.name!r}")
    values: dict[str, Any] = {}
    for f in PAPER_FIELDS:
        raw = rec.get(f.name)
        if raw is not None and (value := f.spec.kind.from_record(raw, where, f.name)) is not None:
            values[f.name] = value
    values["extra"] = admit_json({k: v for k, v in rec.items() if k not in _KNOWN})
    return Paper(**values)
