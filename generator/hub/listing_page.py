"""Saved listing pages: the text of a Hugging Face papers listing page (a search or a day), read.

People select a listing page in their browser and save the text. Two layouts
are known (see tests/fixtures/listings/PROVENANCE.md). The usual one has a
short header (``Daily Papers``, ``byAK and the research community``, the date
the page was viewed such as ``Feb 24``), then one block per paper separated by
blank lines::

    Title
    <blank>
    Abstract (cut short by the page)
    <blank>
      • 5 authors
    ·
    Jun 11, 2025 2          ← publication date, then the upvotes if any

The other has title and abstract lines strictly alternating, with no blank
lines and no author, date or upvote lines, and the page's chrome glued to the
first title (``Get trending papers in your email inbox once a day!Subscribe…``).
Both are read line by line: each line is a title or an abstract, and runs of
author/date/upvote lines belong to the block above them. Known chrome is cut
off and reported.

A date without a year (``Feb 10``) is in the year the page was viewed, which
the page tells: it shows the year only for dates of other years, all earlier,
so the viewing year follows the latest year it shows (``viewing_year``);
``--year`` overrides. The author and date lines may be missing; they may also
come on one line (``• 5 authors · Jun 11, 2025``). Anything the parser cannot
place is reported in ``ListingPage.skipped`` with its line and why, never
dropped silently.

How a listed paper becomes a ``generator.model.Paper`` (the one data model):
the page shows no arXiv id, so its id is synthetic and stable,
``listing-`` + the first 16 hex digits of the SHA-256 of the normalised title
(``normalise_title``: case-folded, punctuation and whitespace runs made one
space). Such an id is not an arXiv id, so ``Paper.is_arxiv`` is false and no
arXiv or Hugging Face link is made for it. ``published`` is the date shown,
``day`` is None (it was never seen on a Daily Papers day by this archive),
``authors`` is empty (the page gives only their number), and that number is
kept in the record under ``author_count`` (``Paper.extra``). When the archive
holds a paper with the same normalised title, the topic shows the stored paper
(see ``topic_members``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Paper, normalise_title
from ..textpolicy import admit_text

MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}

# The page's own words, above the papers, each on a line of its own (compared case-insensitively).
BOILERPLATE = {
    "new",
    "get trending papers in your email inbox!",
    "get trending papers in your email inbox once a day!",
    "subscribe",
    "daily papers",
    "byak and the research community",
    "papers",
    "trending",
}
# The page's words that a copy can glue to the first title, with no space between ("…a day!SubscribeTitle"):
# only distinctive ones, so that a title that starts with a word like "New" is never cut.
GLUED_CHROME = (
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
    "Subscribe",
    "byAK and the research community",
    "Daily Papers",
)

_AUTHORS = re.compile(r"^•?\s*(\d+)\s+authors?$", re.IGNORECASE)
_DATE = re.compile(r"^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+(\d+))?$")
_UPVOTES = re.compile(r"^(\d+)$")
_SYNTHETIC_PREFIX = "listing-"


def synthetic_id(title: str) -> str:
    return _SYNTHETIC_PREFIX + hashlib.sha256(normalise_title(title).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ListingEntry:
    """One paper block of a listing page."""

    line: int  # of the title, 1-based
    title: str
    abstract: str
    authors: int | None = None
    date: dt.date | None = None
    upvotes: int | None = None

    def to_paper(self) -> Paper:
        return Paper(
            id=synthetic_id(self.title),
            title=self.title,
            authors=(),
            abstract=self.abstract,
            published=self.date,
            upvotes=self.upvotes or 0,
            extra={"author_count": self.authors} if self.authors is not None else {},
        )


@dataclass(frozen=True)
class Skipped:
    line: int
    text: str
    why: str

    def __str__(self) -> str:
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"line {self.line}: {self.why}: {shown!r}"


@dataclass(frozen=True)
class ListingPage:
    viewed: dt.date | None  # the viewing date from the header, if it has one
    year: int  # the year given to dates shown without one
    year_source: str  # how that year was decided, for the report
    entries: tuple[ListingEntry, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...] = ()  # remarks on dates that look inconsistent
    chrome: tuple[Skipped, ...] = ()  # the page's own words cut off the first title


@dataclass(frozen=True)
class _Para:
    """A title or an abstract (one line), or a run of author/date/upvote lines."""

    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class _Meta:
    """The author count, date and upvotes under a block, as found."""

    line: int
    authors: int | None
    month_day: tuple[int, int] | None
    year: int | None
    upvotes: int | None
    date_text: str


def _paragraphs(text: str) -> Iterator[_Para]:
    """Every line on its own, except that consecutive author/date/upvote lines make one unit:
    a blank line separates nothing the line breaks do not already separate."""
    meta: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())  # non-breaking spaces, tabs and runs become one space
        if line and (_meta(_Para(number, (line,))) is not None or (meta and _UPVOTES.match(line))):
            if not meta:
                start = number
            meta.append(line)
            continue
        if meta:
            yield _Para(start, tuple(meta))
            meta = []
        if line:
            yield _Para(number, (line,))
    if meta:
        yield _Para(start, tuple(meta))


def _month_day(match: re.Match[str]) -> tuple[int, int] | None:
    month = MONTHS.get(match.group(1).lower())
    day = int(match.group(2))
    if month is None or not 1 <= day <= 31:
        return None
    return month, day


def _meta(para: _Para) -> _Meta | None:
    """The paragraph read as author/date/upvote lines, or None if it is anything else."""
    parts = [p.strip() for line in para.lines for p in line.split("·")]
    authors = month_day = year = upvotes = None
    date_text = ""
    seen_any = False
    for part in parts:
        if not part:
            continue  # the lone "·" between authors and date
        if (m := _AUTHORS.match(part)) and authors is None:
            authors = int(m.group(1))
        elif (m := _DATE.match(part)) and month_day is None and _month_day(m):
            month_day = _month_day(m)
            year = int(m.group(3)) if m.group(3) else None
            upvotes = int(m.group(4)) if m.group(4) else upvotes
            date_text = part
        elif (m := _UPVOTES.match(part)) and upvotes is None and month_day is not None:
            upvotes = int(m.group(1))
        else:
            return None
        seen_any = True
    if not seen_any and "·" not in "".join(para.lines):
        return None
    return _Meta(para.line, authors, month_day, year, upvotes, date_text)


def default_year(viewed: tuple[int, int] | None, today: dt.date) -> int:
    """The latest year in which the page's viewing date is not in the future."""
    if viewed is None:
        return today.year
    month, day = viewed
    year = today.year
    while True:
        try:
            if dt.date(year, month, day) <= today:
                return year
        except ValueError:  # 29 February of a year that has none
            pass
        year -= 1


def viewing_year(shown: dict[int, int], viewed: tuple[int, int] | None, today: dt.date) -> tuple[int, str]:
    """The year the page was viewed, and the evidence for it.

    ``shown`` maps each year the page writes out (``Nov 14, 2025``) to the first
    line showing it. The page writes the year only for dates not in the year it
    was viewed, and those are earlier: the page was viewed in the year after the
    latest one it shows (or later, if it lists nothing of that year: a page that
    shows none is dated by the clock, the latest year in which its viewing date
    is not in the future).
    """
    if not shown:
        year = default_year(viewed, today)
        if viewed is not None:
            return year, f"{year} (no year on the page; the latest year in which its date {_show(viewed)} is not past)"
        return year, f"{year} (no year on the page and no viewing date: this year)"
    latest = max(shown)
    year = latest + 1
    evidence = f"{year} (the latest year written on the page is {latest}, line {shown[latest]}"
    if year > today.year:
        return today.year, evidence + f", but {year} is in the future: this year; check --year)"
    if year < today.year:
        evidence += f"; {year + 1}–{today.year} would fit too if the page shows no paper of {year}: check --year"
    return year, evidence + ")"


def _odd_one_out(units: list[_Para]) -> int:
    """In an odd run of titles and abstracts, the unit that breaks the alternation.

    Titles are short and abstracts long (real ones: titles under 170 characters,
    abstracts over 700), so the unit to leave out is the one after which each
    abstract is the longest next to its title: the most of the sum of
    log(abstract length / title length) over the pairs. A title that lost its
    abstract sits between two short units and goes; on a tie, the last unit.
    """

    def fit(kept: list[_Para]) -> float:
        return sum(math.log(len(kept[j + 1].text) / len(kept[j].text)) for j in range(0, len(kept) - 1, 2))

    scores = [(fit(units[:k] + units[k + 1 :]), k) for k in range(len(units))]
    return max(scores)[1]


def _cut_glued_chrome(para: _Para) -> tuple[_Para, list[Skipped]]:
    """The first title without the page chrome a copy glued to it, and what was cut."""
    text, cut = para.text, []
    while True:
        found = next((c for c in GLUED_CHROME if text.casefold().startswith(c.casefold())), None)
        if found is None or len(text) == len(found):
            break
        cut.append(Skipped(para.line, text[: len(found)], "page chrome cut off the first title"))
        text = text[len(found) :].lstrip()
    return _Para(para.line, (text,)), cut


def parse_listing_page(text: str, *, year: int | None = None, today: dt.date | None = None) -> ListingPage:
    """Read the text of a saved listing page (its text passes ``admit_text`` first, as every source's).

    ``year`` is the year the page was viewed: dates shown without a year are
    in it. Without it, the page tells (``viewing_year``); ``today`` (default:
    the date of today) only bounds that and dates a page that shows no year.
    """
    paras = list(_paragraphs(admit_text(text)))
    header = _Header.read(paras)
    paras = paras[header.end :]
    chrome: list[Skipped] = []
    if paras and _meta(paras[0]) is None:
        paras[0], chrome = _cut_glued_chrome(paras[0])
    chosen_year, source = header.year_of(paras, year, today or dt.date.today())
    reader = _Reader(chosen_year, _date(chosen_year, header.viewed) if header.viewed else None)
    reader.read(paras)
    return ListingPage(
        viewed=reader.viewed,
        year=chosen_year,
        year_source=source,
        entries=tuple(reader.entries),
        skipped=tuple(sorted(reader.skipped, key=lambda s: s.line)),
        notes=tuple(reader.notes),
        chrome=tuple(chrome),
    )


@dataclass(frozen=True)
class _Header:
    """The page's own words and its viewing date, before the first paper; ``end``: the first paragraph after."""

    end: int
    viewed: tuple[int, int] | None  # (month, day)
    viewed_year: int | None  # when the viewing date shows one

    @classmethod
    def read(cls, paras: list[_Para]) -> _Header:
        viewed: tuple[int, int] | None = None
        viewed_year = None
        end = 0
        for i, para in enumerate(paras):
            if para.text.casefold() in BOILERPLATE:
                end = i + 1
                continue
            m = _DATE.match(para.text) if len(para.lines) == 1 else None
            if m and viewed is None and not m.group(4) and _month_day(m):
                viewed = _month_day(m)
                viewed_year = int(m.group(3)) if m.group(3) else None
                end = i + 1
                continue
            break
        return cls(end, viewed, viewed_year)

    def year_of(self, paras: list[_Para], given: int | None, today: dt.date) -> tuple[int, str]:
        """The year the page was viewed, and how it was decided: ``--year``, the header, or the page's dates."""
        if given is not None:
            return given, f"{given} (given with --year)"
        if self.viewed_year is not None:
            return self.viewed_year, f"{self.viewed_year} (the header's viewing date)"
        shown: dict[int, int] = {}
        for para in paras:
            meta = _meta(para)
            if meta is not None and meta.year is not None:
                shown.setdefault(meta.year, meta.line)
        return viewing_year(shown, self.viewed, today)


class _Reader:
    """Reads the paragraphs below the header into paper blocks, one at a time.

    Titles and abstracts wait in ``pending`` until author/date lines (a ``_Meta``) or the
    page's end close them: with a meta paragraph, the two paragraphs above it are its title
    and abstract; earlier ones pair up as blocks that have no meta lines (``_blocks``).
    """

    def __init__(self, year: int, viewed: dt.date | None) -> None:
        self.year = year  # of dates shown without one
        self.viewed = viewed
        self.entries: list[ListingEntry] = []
        self.skipped: list[Skipped] = []
        self.notes: list[str] = []
        self.pending: list[_Para] = []

    def read(self, paras: list[_Para]) -> None:
        for para in paras:
            meta = _meta(para)
            if meta is None:
                self.pending.append(para)
            else:
                self._close(meta)
        self._close(None)

    def _close(self, meta: _Meta | None) -> None:
        """Turn the pending paragraphs (and ``meta`` under them, if any) into entries."""
        for title, abstract, m in self._blocks(meta):
            self.entries.append(
                ListingEntry(
                    line=title.line,
                    title=title.text,
                    abstract=abstract.text,
                    authors=m.authors if m else None,
                    date=self._date(m) if m else None,
                    upvotes=m.upvotes if m else None,
                )
            )
        self.pending.clear()

    def _blocks(self, meta: _Meta | None) -> list[tuple[_Para, _Para, _Meta | None]]:
        """(title, abstract, meta) of each block the pending paragraphs make; what fits none is skipped."""
        rest = self.pending
        if meta is not None:
            if len(rest) < 2:
                for p in rest:
                    self.skipped.append(Skipped(p.line, p.text, "a title without an abstract above author/date lines"))
                why = "author/date lines with no title and abstract above them"
                self.skipped.append(Skipped(meta.line, meta.date_text or "·", why))
                return []
            rest = rest[:-2]
        if len(rest) % 2:
            odd = rest[_odd_one_out(rest)]
            why = "a paragraph that is neither a title with its abstract nor author/date lines"
            self.skipped.append(Skipped(odd.line, odd.text, why))
            rest = [p for p in rest if p is not odd]
        blocks: list[tuple[_Para, _Para, _Meta | None]] = [(rest[j], rest[j + 1], None) for j in range(0, len(rest), 2)]
        if meta is not None:
            blocks.append((self.pending[-2], self.pending[-1], meta))
        return blocks

    def _date(self, meta: _Meta) -> dt.date | None:
        """The publication date of a block, noting a date that cannot be right."""
        if meta.month_day is None:
            return None
        date = _date(meta.year or self.year, meta.month_day)
        if date is None:
            self.notes.append(f"line {meta.line}: {meta.date_text!r} is not a real date; the paper is kept without one")
        elif meta.year is None and self.viewed is not None and date > self.viewed:
            self.notes.append(
                f"line {meta.line}: {meta.date_text!r} in {self.year} is after the viewing date {self.viewed}"
            )
        elif meta.year is not None and meta.year >= self.year:
            # The page leaves out the year it was viewed in: a later one means a wrong guess.
            self.notes.append(
                f"line {meta.line}: {meta.date_text!r} shows a year, so the page was viewed after {meta.year}: "
                "check --year"
            )
        return date


def _date(year: int, month_day: tuple[int, int]) -> dt.date | None:
    try:
        return dt.date(year, *month_day)
    except ValueError:
        return None


def _show(month_day: tuple[int, int]) -> str:
    month, day = month_day
    return f"{list(MONTHS)[month - 1].title()} {day}"
