"""Parse items of the Hub's papers API into ``Paper``.

Two schemas are in the wild (see tests/fixtures/hub/PROVENANCE.md):

* current (2025 on): ``paper.submittedOnDailyAt`` gives the listing day, and
  ``paper.ai_summary``, ``paper.ai_keywords``, ``paper.githubRepo``,
  ``paper.githubStars``, ``paper.projectPage``, ``paper.organization`` may be there;
* 2024: none of those; the listing day is the date the answer was asked for.

The top-level ``publishedAt`` changed meaning in 2025 and is never the listing
day. ``/api/papers/search`` answers with items of the same shape; a bare paper
object (``/api/papers/{id}``) is accepted as well.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from typing import Any

from ..errors import ContentError
from ..model import Organization, Paper

log = logging.getLogger(__name__)


def paper_from_api(item: Any, where: str, day: dt.date | None = None, fetched: dt.datetime | None = None) -> Paper:
    """One API item as a ``Paper``.

    ``where`` names the file or request and the item, for error messages.
    ``day`` is the date the answer was asked for: the listing day of an item
    that does not carry its own ``submittedOnDailyAt``. ``fetched`` is when
    the answer was fetched (None: not known).
    """
    if not isinstance(item, dict):
        raise ContentError(where, "an item must be a JSON object")
    paper = item.get("paper", item)
    if not isinstance(paper, dict):
        raise ContentError(where, "'paper' must be a JSON object")

    def required_str(key: str) -> str:
        value = paper.get(key)
        if value is None:
            value = item.get(key)  # the listing repeats title and summary at the top level
        if not isinstance(value, str) or not value.strip():
            raise ContentError(where, f"item has no {key!r} (a non-empty string is required)")
        return value

    paper_id = required_str("id").strip()
    title = required_str("title")
    abstract = required_str("summary")
    authors = paper.get("authors")
    if not isinstance(authors, list):
        raise ContentError(where, f"paper {paper_id}: 'authors' must be a list")
    names = tuple(a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str))

    listing_day = _date(paper.get("submittedOnDailyAt")) or day
    org = paper.get("organization") or item.get("organization")
    organization = None
    if isinstance(org, dict) and isinstance(org.get("name"), str):
        fullname = org.get("fullname")
        organization = Organization(name=org["name"], fullname=fullname if isinstance(fullname, str) else None)
    submitter, submitter_fullname = _submitter(paper, item)
    keywords = paper.get("ai_keywords")

    return Paper(
        id=paper_id,
        title=title,
        authors=names,
        abstract=abstract,
        day=listing_day,
        published=_date(paper.get("publishedAt")),
        upvotes=_count(paper.get("upvotes")) or 0,
        comments=_count(item.get("numComments")),
        ai_summary=_text(paper.get("ai_summary")),
        ai_keywords=tuple(k for k in keywords if isinstance(k, str) and k.strip())
        if isinstance(keywords, list)
        else (),
        github_repo=_text(paper.get("githubRepo")),
        github_stars=_count(paper.get("githubStars")),
        project_page=_text(paper.get("projectPage")),
        organization=organization,
        thumbnail=_text(item.get("thumbnail")),
        submitter=submitter,
        submitter_fullname=submitter_fullname,
        fetched=fetched,
    )


def papers_of(
    items: Sequence[object], where: str, day: dt.date | None, fetched: dt.datetime | None = None
) -> tuple[list[Paper], int]:
    """Parse API items; items missing required fields are skipped with a warning. Returns (papers, skipped)."""
    papers, skipped = [], 0
    for i, item in enumerate(items):
        try:
            papers.append(paper_from_api(item, f"{where}: item #{i + 1}", day=day, fetched=fetched))
        except ContentError as e:
            # The live API does return such items (see tests/fixtures/hub/PROVENANCE.md).
            log.warning("skipped %s", e.message)
            skipped += 1
    return papers, skipped


# A Hub user name, as it goes into a link to the user's profile (https://huggingface.co/<name>).
HUB_USER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$", re.ASCII)


def _submitter(paper: dict[str, Any], item: dict[str, Any]) -> tuple[str | None, str | None]:
    """(Hub user name, full name) of who submitted the paper to Daily Papers.

    Answers differ: ``paper.submittedOnDailyBy`` has ``name`` and ``user`` (the
    user name, both or either) and ``fullname``; the item's own ``submittedBy``
    has ``name`` (the user name) and ``fullname``. The first that is there wins.
    """
    sources = [s for s in (paper.get("submittedOnDailyBy"), item.get("submittedBy")) if isinstance(s, dict)]
    names = [_text(s.get(key)) for s in sources for key in ("name", "user")]
    user = next((n.strip() for n in names if n and HUB_USER.match(n.strip())), None)
    fullname = next((f for f in (_text(s.get("fullname")) for s in sources) if f), None)
    return user, fullname


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return max(value, 0)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
