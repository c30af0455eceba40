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

import collections
import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ContentError
from ..fields import CUT, MAX_URL, Bounds, hub_value, parse_day_prefix
from ..model import (
    MAX_AUTHORS,
    MAX_KEYWORDS,
    MAX_NAME,
    MAX_TEXT,
    MAX_TITLE,
    PAPER_FIELDS,
    ListingWindow,
    Paper,
    paper_id_problem,
)
from ..textpolicy import admit_text

log = logging.getLogger(__name__)

__all__ = ["CUT", "MAX_AUTHORS", "MAX_KEYWORDS", "MAX_NAME", "MAX_TEXT", "MAX_TITLE", "MAX_URL"]

# A listing day the Hub gives an item may differ from the day asked for by the time zones'
# difference: one day either side. Further is an answer for another day.
ASKED_DAY_SLACK = dt.timedelta(days=1)
# Of each kind of refused item, the warnings shown one by one; the rest are counted in one line.
SHOWN_WARNINGS = 3


class Refused(ContentError):
    """An item the archive cannot keep. ``reason`` says why in a few words, the same for every
    item refused alike (``ParsedItems.reasons`` counts them)."""

    def __init__(self, where: object, problem: str, reason: str) -> None:
        super().__init__(where, problem)
        self.reason = reason

    def __reduce__(self) -> tuple[type[Refused], tuple[str | None, str, str]]:  # type: ignore[override]
        return (type(self), (self.where, self.problem, self.reason))


class Quarantined(Refused):
    """An item whose listing day no feed can have: counted and set aside, never stored as a day."""


class OtherDay(Refused):
    """An item of an answer for one day that is listed on another: reported and skipped."""


@dataclass
class ParsedItems:
    """What lists of API items gave (the pages of one day, say): the papers, and what was
    refused, set aside or cut, by reason."""

    papers: list[Paper] = field(default_factory=list)
    items: int = 0  # items read
    skipped: int = 0  # refused: no id, title, abstract or authors, or an id of no stored form
    quarantined: int = 0  # a listing day outside the window
    other_day: int = 0  # listed on a day other than the one asked for
    truncated: int = 0  # kept, with a text or list cut to its bound
    reasons: collections.Counter[str] = field(default_factory=collections.Counter)  # why items were refused

    def refuse(self, error: Refused) -> None:
        """Count ``error``'s item; warn about it unless ``SHOWN_WARNINGS`` alike came before."""
        if isinstance(error, Quarantined):
            self.quarantined += 1
            verb = "quarantined"
        elif isinstance(error, OtherDay):
            self.other_day += 1
            verb = "skipped"
        else:
            self.skipped += 1
            verb = "skipped"
        self.reasons[error.reason] += 1
        if self.reasons[error.reason] <= SHOWN_WARNINGS:
            log.warning("%s %s", verb, error.message)

    def cut(self, where: str, paper_id: str, cuts: list[str]) -> None:
        """Count an item kept with a text or list cut to its bound; warn unless ``SHOWN_WARNINGS`` came before."""
        self.truncated += 1
        if self.truncated <= SHOWN_WARNINGS:
            log.warning("%s: paper %s: %s", where, paper_id, "; ".join(cuts))

    def warn_unshown(self, where: str) -> None:
        """One line for each reason with more refused (or cut) items than were shown one by one."""
        for reason, count in sorted(self.reasons.items()):
            if count > SHOWN_WARNINGS:
                log.warning("%s: %s more items refused alike: %s", where, f"{count - SHOWN_WARNINGS:,}", reason)
        if self.truncated > SHOWN_WARNINGS:
            log.warning("%s: %s more items cut to the bounds", where, f"{self.truncated - SHOWN_WARNINGS:,}")

    def unusable(self) -> str | None:
        """Why none of the items is usable, when there were items and none gave a paper (None otherwise):
        the missing fields, for the day's one-line failure."""
        if self.papers or not self.items or self.reasons.total() != self.items:
            return None
        reasons = sorted(self.reasons.items(), key=lambda rc: (-rc[1], rc[0]))
        why = ", ".join(f"{reason} ({count:,})" for reason, count in reasons)
        return f"none of the {self.items:,} items is usable: {why}"


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
    asked: dt.date | None = None,
) -> tuple[Paper, list[str]]:
    """One API item as a ``Paper``, and what of it was cut to the bounds.

    ``where`` names the file or request and the item, for error messages. The
    fields are read as ``model.Paper`` declares them (``fields.FieldSpec.hub``);
    a required one missing or of the wrong type refuses the item (``Refused``).
    ``day`` is the listing day of an item that does not carry its own
    ``submittedOnDailyAt`` (a saved 2024 answer's date). ``asked``: the answer is
    ``/api/daily_papers`` for that day, so the item is placed on it, and refused
    (``OtherDay``) when it says it is listed more than a day from it.
    ``window``: a listing day outside it raises ``Quarantined``. ``fetched`` is
    when the answer was fetched (None: not known).
    """
    if not isinstance(item, dict):
        raise Refused(where, "an item must be a JSON object", "not a JSON object")
    paper = item.get("paper", item)
    if not isinstance(paper, dict):
        raise Refused(where, "'paper' must be a JSON object", "'paper' not a JSON object")
    bounds = Bounds()
    values: dict[str, Any] = {}
    missing, wrong = [], []
    for f in PAPER_FIELDS:
        if not f.spec.hub:
            continue
        raw = hub_value(item, paper, f.spec.hub)
        value = f.spec.kind.from_hub(raw, f, bounds)
        if value is not None:
            values[f.name] = value
        elif f.required:
            name = repr(f.spec.hub[0].rpartition(".")[2])
            if raw is None:
                missing.append(name)
            else:
                wrong.append(f"{name} must be {f.spec.kind.hub_words}")
    paper_id = values.get("id")
    about = f"paper {paper_id}: " if paper_id and not paper_id_problem(paper_id) else ""
    if missing or wrong:
        reason = "; ".join(([f"no {', '.join(missing)}"] if missing else []) + wrong)
        raise Refused(where, f"{about or 'item has ' if missing else about}{reason}", reason)
    problem = paper_id_problem(paper_id or "")
    if problem:
        raise Refused(where, problem, "'id' not of a stored form")
    own_day = parse_day_prefix(paper.get("submittedOnDailyAt"))
    for listed in (own_day, asked or own_day or day):
        if window is not None and listed is not None and listed not in window:
            raise Quarantined(where, f"{about}{window.problem(listed)}", "listing day out of range")
    if asked is not None and own_day is not None and abs(own_day - asked) > ASKED_DAY_SLACK:
        problem = f"{about}listed on {own_day}, not on {asked} (the day asked for) or a day either side"
        raise OtherDay(where, problem, "listed on another day than the one asked for")
    submitter, fullname = _submitter(paper, item)
    if fullname:
        fullname = bounds.text(fullname, MAX_NAME, "submitter")
    return Paper(
        **values, day=asked or own_day or day, submitter=submitter, submitter_fullname=fullname, fetched=fetched
    ), bounds.cuts


def papers_of(
    items: Sequence[object],
    where: str,
    day: dt.date | None,
    window: ListingWindow | None = None,
    strict: bool = False,
    fetched: dt.datetime | None = None,
    *,
    asked: dt.date | None = None,
    into: ParsedItems | None = None,
) -> ParsedItems:
    """Parse API items (``parse_item``): refused items are skipped, out-of-window ones quarantined,
    each counted, and warned about up to ``SHOWN_WARNINGS`` of a kind (``ParsedItems.refuse``).

    ``into``: add to what earlier pages of the same answer gave. ``strict`` (``ingest``: a saved
    file is read whole or not at all): a refused item, or one without a listing day, is an error
    naming it instead.
    """
    parsed = into if into is not None else ParsedItems()
    first = parsed.items
    for i, item in enumerate(items, start=first + 1):
        at = f"{where}: item #{i}"
        parsed.items += 1
        try:
            paper, cuts = parse_item(item, at, day=day, window=window, fetched=fetched, asked=asked)
            if strict and paper.day is None:
                raise ContentError(at, "no listing day: the item has no submittedOnDailyAt and the file name no date")
        except Refused as e:
            if strict and not isinstance(e, Quarantined):
                raise
            # The live API does return such items (see tests/fixtures/hub/PROVENANCE.md).
            parsed.refuse(e)
            continue
        if cuts:
            parsed.cut(at, paper.id, cuts)
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


def _text(value: Any) -> str | None:
    """A text the Hub gave, admitted; None when it is not one or has no visible character."""
    text = admit_text(value) if isinstance(value, str) else ""
    return text if text.strip() else None
