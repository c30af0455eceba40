"""Parse items of the Hub's papers API into ``Paper``, validating them at the edge.

Two schemas are in the wild (see tests/fixtures/hub/PROVENANCE.md):

* current (2025 on): ``paper.submittedOnDailyAt`` gives the listing day, and
  ``paper.ai_summary``, ``paper.ai_keywords``, ``paper.githubRepo``,
  ``paper.githubStars``, ``paper.projectPage``, ``paper.organization`` may be there;
* 2024: none of those; the listing day is the date the answer was asked for.

The top-level ``publishedAt`` changed meaning in 2025 and is never the listing
day. ``/api/papers/search`` answers with items of the same shape; a bare paper
object (``/api/papers/{id}``) is accepted as well.

Nothing from the Hub is trusted. An item is refused (skipped, with a
warning) without a title, an abstract or an id of the one stored form
(``model.PAPER_ID``: an ASCII arXiv id, or ASCII letters, digits, dots and
hyphens). An item whose listing day is outside the ``ListingWindow`` (before
the feed's first day, after tomorrow UTC) is *quarantined*: warned about,
counted, never stored as a day. Texts and lists longer than the bounds below
are cut, and the cut is reported: one answer can make neither a page nor a
day file unboundedly large.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ContentError
from ..model import ListingWindow, Organization, Paper, paper_id_problem

log = logging.getLogger(__name__)

# Bounds on what one item may bring, each well above anything real (arXiv caps
# abstracts at 1,920 characters; the longest titles are ~300; the largest
# author lists, collaboration reports, ~3,300 names).
MAX_TITLE = 1_000  # characters
MAX_TEXT = 20_000  # characters of an abstract or an AI summary
MAX_NAME = 300  # characters of an author, organization, submitter or keyword
MAX_AUTHORS = 5_000
MAX_KEYWORDS = 100
MAX_URL = 2_000  # characters; a longer URL is dropped, never cut (a cut URL leads elsewhere)
MAX_COUNT = 10**9  # upvotes, comments, stars: a larger count is no real one, so it is unknown
CUT = "…"  # ends a text that was cut

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Quarantined(ContentError):
    """An item whose listing day no feed can have: counted and set aside, never stored as a day."""


@dataclass
class ParsedItems:
    """What a list of API items gave: the papers, and what was refused, set aside or cut."""

    papers: list[Paper] = field(default_factory=list)
    skipped: int = 0  # refused: no title, abstract or valid id
    quarantined: int = 0  # a listing day outside the window
    truncated: int = 0  # kept, with a text or list cut to its bound


class _Bounds:
    """Cuts texts and lists of one item to their bounds, remembering what was cut."""

    def __init__(self) -> None:
        self.cuts: list[str] = []

    def text(self, value: str, limit: int, name: str) -> str:
        if len(value) <= limit:
            return value
        self.cuts.append(f"{name} cut to {limit:,} characters (was {len(value):,})")
        return value[: limit - len(CUT)] + CUT

    def url(self, value: str | None, name: str) -> str | None:
        if value is not None and len(value) > MAX_URL:
            self.cuts.append(f"{name} dropped: {len(value):,} characters (at most {MAX_URL:,})")
            return None
        return value

    def items(self, values: list[Any], limit: int, name: str) -> list[Any]:
        if len(values) <= limit:
            return values
        self.cuts.append(f"{name} cut to the first {limit:,} (of {len(values):,})")
        return values[:limit]


def paper_from_api(
    item: Any,
    where: str,
    day: dt.date | None = None,
    window: ListingWindow | None = None,
    fetched: dt.datetime | None = None,
) -> Paper:
    """One API item as a ``Paper`` (see ``parse_item``; what was cut is logged)."""
    paper, cuts = parse_item(item, where, day, window, fetched)
    for cut in cuts:
        log.warning("%s: paper %s: %s", where, paper.id, cut)
    return paper


def parse_item(
    item: Any,
    where: str,
    day: dt.date | None = None,
    window: ListingWindow | None = None,
    fetched: dt.datetime | None = None,
) -> tuple[Paper, list[str]]:
    """One API item as a ``Paper``, and what of it was cut to the bounds.

    ``where`` names the file or request and the item, for error messages.
    ``day`` is the date the answer was asked for: the listing day of an item
    that does not carry its own ``submittedOnDailyAt``. ``window``: a listing
    day outside it raises ``Quarantined``. ``fetched`` is when the answer was
    fetched (None: not known).
    """
    if not isinstance(item, dict):
        raise ContentError(where, "an item must be a JSON object")
    paper = item.get("paper", item)
    if not isinstance(paper, dict):
        raise ContentError(where, "'paper' must be a JSON object")
    bounds = _Bounds()

    def required_str(key: str) -> str:
        value = paper.get(key)
        if value is None:
            value = item.get(key)  # the listing repeats title and summary at the top level
        if not isinstance(value, str) or not value.strip():
            raise ContentError(where, f"item has no {key!r} (a non-empty string is required)")
        return value

    paper_id = required_str("id").strip()
    problem = paper_id_problem(paper_id)
    if problem:
        raise ContentError(where, problem)
    title = bounds.text(required_str("title"), MAX_TITLE, "title")
    abstract = bounds.text(required_str("summary"), MAX_TEXT, "abstract")
    authors = paper.get("authors")
    if not isinstance(authors, list):
        raise ContentError(where, f"paper {paper_id}: 'authors' must be a list")
    names = [a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    names = [bounds.text(n, MAX_NAME, "an author's name") for n in bounds.items(names, MAX_AUTHORS, "authors")]

    listing_day = _date(paper.get("submittedOnDailyAt")) or day
    if window is not None and listing_day is not None and listing_day not in window:
        raise Quarantined(where, f"paper {paper_id}: {window.problem(listing_day)}")
    org = paper.get("organization") or item.get("organization")
    organization = None
    if isinstance(org, dict) and isinstance(org.get("name"), str):
        fullname = org.get("fullname")
        organization = Organization(
            name=bounds.text(org["name"], MAX_NAME, "organization"),
            fullname=bounds.text(fullname, MAX_NAME, "organization") if isinstance(fullname, str) else None,
        )
    submitter, submitter_fullname = _submitter(paper, item)
    keywords = paper.get("ai_keywords")
    keywords = [k for k in keywords if isinstance(k, str) and k.strip()] if isinstance(keywords, list) else []
    ai_summary = _text(paper.get("ai_summary"))

    result = Paper(
        id=paper_id,
        title=title,
        authors=tuple(names),
        abstract=abstract,
        day=listing_day,
        published=_date(paper.get("publishedAt")),
        upvotes=_count(paper.get("upvotes")) or 0,
        comments=_count(item.get("numComments")),
        ai_summary=bounds.text(ai_summary, MAX_TEXT, "AI summary") if ai_summary else None,
        ai_keywords=tuple(
            bounds.text(k, MAX_NAME, "a keyword") for k in bounds.items(keywords, MAX_KEYWORDS, "AI keywords")
        ),
        github_repo=bounds.url(_text(paper.get("githubRepo")), "GitHub link"),
        github_stars=_count(paper.get("githubStars")),
        project_page=bounds.url(_text(paper.get("projectPage")), "project page"),
        organization=organization,
        thumbnail=bounds.url(_text(item.get("thumbnail")), "thumbnail"),
        submitter=submitter,
        submitter_fullname=bounds.text(submitter_fullname, MAX_NAME, "submitter") if submitter_fullname else None,
        fetched=fetched,
    )
    return result, bounds.cuts


def papers_of(
    items: Sequence[object],
    where: str,
    day: dt.date | None,
    window: ListingWindow | None = None,
    strict: bool = False,
    fetched: dt.datetime | None = None,
) -> ParsedItems:
    """Parse API items: refused items are skipped, out-of-window ones quarantined, each with a warning.

    ``strict`` (``ingest``: a saved file is read whole or not at all): a refused
    item, or one without a listing day, is an error naming it instead.
    """
    parsed = ParsedItems()
    for i, item in enumerate(items):
        at = f"{where}: item #{i + 1}"
        try:
            paper, cuts = parse_item(item, at, day=day, window=window, fetched=fetched)
            if strict and paper.day is None:
                raise ContentError(at, "no listing day: the item has no submittedOnDailyAt and the file name no date")
        except Quarantined as e:
            log.warning("quarantined %s", e.message)
            parsed.quarantined += 1
            continue
        except ContentError as e:
            if strict:
                raise
            # The live API does return such items (see tests/fixtures/hub/PROVENANCE.md).
            log.warning("skipped %s", e.message)
            parsed.skipped += 1
            continue
        if cuts:
            log.warning("%s: paper %s: %s", at, paper.id, "; ".join(cuts))
            parsed.truncated += 1
        parsed.papers.append(paper)
    return parsed


# A Hub user name, as it goes into a link to the user's profile (https://huggingface.co/<name>).
HUB_USER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$", re.ASCII)


def _submitter(paper: dict[str, Any], item: dict[str, Any]) -> tuple[str | None, str | None]:
    """(Hub user name, full name) of who submitted the paper to Daily Papers.

    Answers differ: ``paper.submittedOnDailyBy`` has ``name`` and ``user`` (the
    user name, both or either) and ``fullname``; the item's own ``submittedBy``
    has ``name`` (the user name) and ``fullname``. The first that is there wins;
    only a real user name is kept (it becomes a link).
    """
    sources = [s for s in (paper.get("submittedOnDailyBy"), item.get("submittedBy")) if isinstance(s, dict)]
    names = [_text(s.get(key)) for s in sources for key in ("name", "user")]
    user = next((n.strip() for n in names if n and HUB_USER.match(n.strip())), None)
    fullname = next((f for f in (_text(s.get("fullname")) for s in sources) if f), None)
    return user, fullname


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value > MAX_COUNT:
        return None
    return max(value, 0)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
