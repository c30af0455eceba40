"""How a paper's fields are read and written, declared once on each field of ``model.Paper``.

Each field carries a ``FieldSpec`` in its dataclass metadata: its ``Kind`` (text, a list of
texts, a count, a date...), where a Hub item has it, its bound, whether it is a CSV column,
and what it holds in words. Parsing a Hub item (``hub/items.py``), reading and writing a stored
record (``model.record_to_paper``, ``model.paper_to_record``), the JSON Lines and CSV exports
(``render/export.py``) and the data page's schema all read these, so adding a field to the
paper is one line in ``model.Paper``.

Every text passes ``textpolicy.admit_text`` on its way in, from the Hub and from content/
alike; a text over its bound is cut (and the cut reported), a list over its bound shortened.
The Hub's side is lenient (a value of the wrong type is unknown: None), the stored side strict
(a wrong type is a ``ContentError`` naming the file, the paper and the field).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .errors import ContentError
from .textpolicy import admit_text

CUT = "…"  # ends a text that was cut
MAX_URL = 2_000  # characters; a longer URL is dropped, never cut (a cut URL leads elsewhere)
MAX_COUNT = 10**9  # upvotes, comments, stars: a larger count is no real one, so it is unknown


def json_kind(value: Any) -> str:
    """What a JSON value is, in words, for messages: "an object", "a list", "null"..."""
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


class Bounds:
    """Cuts the texts and lists of one item to their bounds, remembering what was cut."""

    def __init__(self) -> None:
        self.cuts: list[str] = []

    def text(self, value: str, limit: int | None, name: str) -> str:
        if limit is None or len(value) <= limit:
            return value
        self.cuts.append(f"{name} cut to {limit:,} characters (was {len(value):,})")
        # Admitted again: a cut can leave a joiner with no emoji after it.
        return admit_text(value[: limit - len(CUT)] + CUT)

    def items(self, values: list[Any], limit: int | None, name: str) -> list[Any]:
        if limit is None or len(values) <= limit:
            return values
        self.cuts.append(f"{name} cut to the first {limit:,} (of {len(values):,})")
        return values[:limit]


@dataclass(frozen=True)
class FieldSpec:
    """What a field of ``Paper`` is: see the module's docstring. Made with ``spec``."""

    kind: Kind
    doc: str  # what it holds, for the data page (``pages/data.py``)
    hub: tuple[str, ...] = ()  # where a Hub item has it, first found wins: "paper.title", then "title"
    limit: int | None = None  # characters of a text; items of a list
    item_limit: int | None = None  # characters of each text of a list
    label: str = ""  # the field in words, in a report of cuts ("AI summary"); its name by default
    item_label: str = ""  # one text of a list in words ("an author's name")
    words: str = ""  # its type in the data page's schema; by default the kind's, "or null" when it may be unknown
    csv: bool = False  # a column of the CSV export
    export: bool = True  # a field of the JSON Lines export (else it is there another way: ``links``)


def spec(kind: Kind, doc: str, **options: Any) -> dict[str, FieldSpec]:
    """The metadata of a field: ``field(metadata=spec(TEXT, "...", hub=("paper.title",)))``."""
    return {"spec": FieldSpec(kind, doc, **options)}


@dataclass(frozen=True)
class Field:
    """One field of a dataclass with its spec, as ``specs`` lists them."""

    name: str
    spec: FieldSpec
    required: bool  # no default: a stored record must have it, a Hub item too (where it has a source)
    optional: bool  # None when not known

    @property
    def label(self) -> str:
        return self.spec.label or self.name

    @property
    def words(self) -> str:
        """Its type in words, for the data page: "string", "integer or null"..."""
        return self.spec.words or self.spec.kind.words + (" or null" if self.optional else "")


def specs(cls: type) -> tuple[Field, ...]:
    """The declared fields of ``cls`` (those with a ``FieldSpec``), in declaration order."""
    found = []
    for f in dataclasses.fields(cls):
        if "spec" in f.metadata:
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            found.append(Field(f.name, f.metadata["spec"], required, f.default is None))
    return tuple(found)


def hub_value(item: Mapping[str, Any], paper: Mapping[str, Any], paths: Sequence[str]) -> Any:
    """The first value the Hub gives at one of ``paths`` ("paper.x" in the item's paper, "x" in the item)."""
    for path in paths:
        inside, _, key = path.rpartition(".")
        value = (paper if inside == "paper" else item).get(key)
        if value is not None:
            return value
    return None


class Kind:
    """How one kind of value is read from the Hub and from content/, and written to content/ and the exports."""

    words = "a value"  # the data page's type column
    hub_words = "a JSON value"  # what the Hub must give, for a message

    def from_record(self, value: Any, where: str, name: str) -> Any:
        raise NotImplementedError

    def to_record(self, value: Any) -> Any:
        return value

    def from_hub(self, value: Any, field: Field, bounds: Bounds) -> Any:
        """The Hub's value, admitted and bounded; None when it is not one (the field is then unknown)."""
        raise NotImplementedError

    def to_export(self, value: Any) -> Any:
        return self.to_record(value)

    def to_cell(self, value: Any) -> str:
        return "" if value is None else str(self.to_record(value))


class Text(Kind):
    words = "string"
    hub_words = "a string"

    def from_record(self, value: Any, where: str, name: str) -> str:
        if not isinstance(value, str):
            raise ContentError(where, f"{name!r} must be a string, not {json_kind(value)}")
        return admit_text(value)

    def from_hub(self, value: Any, field: Field, bounds: Bounds) -> str | None:
        if not isinstance(value, str):
            return None
        text = admit_text(value)
        if not field.required and not text.strip():
            return None  # an optional text without a visible character is no text
        return bounds.text(text, field.spec.limit, field.label)


class Url(Text):
    """A link: kept whole or not at all (a cut URL leads elsewhere); which links a page shows is
    the renderer's rule (``mdtext.web_url``)."""

    def from_hub(self, value: Any, field: Field, bounds: Bounds) -> str | None:
        text = admit_text(value) if isinstance(value, str) else ""
        if not text.strip():
            return None
        if len(text) > MAX_URL:
            bounds.cuts.append(f"{field.label} dropped: {len(text):,} characters (at most {MAX_URL:,})")
            return None
        return text

    def to_export(self, value: Any) -> str | None:
        return value if web_url(value) else None

    def to_cell(self, value: Any) -> str:
        return value if web_url(value) else ""


def web_url(url: str | None) -> bool:
    """Whether ``url`` is a link the archive shows and exports: http(s), with a host. Anything else
    (``javascript:``, ``data:``, a path) is kept as stored but never becomes a link."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


class Texts(Kind):
    """A list of texts. ``names``: the Hub gives objects, each text under its ``name`` (authors)."""

    words = "list of strings"
    hub_words = "a list"

    def __init__(self, names: bool = False) -> None:
        self.names = names

    def from_record(self, value: Any, where: str, name: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ContentError(where, f"{name!r} must be a list of strings")
        return tuple(map(admit_text, value))

    def to_record(self, value: Any) -> list[str]:
        return list(value)

    def to_cell(self, value: Any) -> str:
        return LIST_SEPARATOR.join(value)

    def from_hub(self, value: Any, field: Field, bounds: Bounds) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            return None
        if self.names:
            value = [v.get("name") for v in value if isinstance(v, dict)]
        texts = [admit_text(v) for v in value if isinstance(v, str)]
        texts = [t for t in texts if t.strip()]
        kept = bounds.items(texts, field.spec.limit, field.label)
        return tuple(bounds.text(t, field.spec.item_limit, field.spec.item_label or field.label) for t in kept)


# Joins the items of a list in one CSV cell; "; " does not occur inside author names or topic ids.
LIST_SEPARATOR = "; "


class Count(Kind):
    words = "integer"

    def from_record(self, value: Any, where: str, name: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ContentError(where, f"{name!r} must be a whole number, not {json_kind(value)}")
        return value

    def from_hub(self, value: Any, field: Field, bounds: Bounds) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value > MAX_COUNT:
            return None
        return max(value, 0)


class Date(Kind):
    """A day (``YYYY-MM-DD``; the Hub's times are cut to their day). ``plausible``: the days
    such a date can be (a date outside is not known: None), from the Hub and from content/ alike."""

    words = "date"

    def __init__(self, plausible: Callable[[dt.date], bool] | None = None) -> None:
        self.plausible = plausible

    def from_record(self, value: Any, where: str, name: str) -> dt.date | None:
        if not isinstance(value, str):
            raise ContentError(where, f"{name!r} must be a string, not {json_kind(value)}")
        try:
            date = dt.date.fromisoformat(value[:10])
        except ValueError:
            raise ContentError(where, f"{name!r} is not a date (YYYY-MM-DD): {value!r}") from None
        return date if self.plausible is None or self.plausible(date) else None

    def to_record(self, value: Any) -> str:
        return str(value.isoformat())

    def from_hub(self, value: Any, field: Field, bounds: Bounds) -> dt.date | None:
        date = parse_day_prefix(value)
        return date if date is not None and (self.plausible is None or self.plausible(date)) else None


def parse_day_prefix(value: Any) -> dt.date | None:
    """The day a Hub time or date starts with (``2026-07-14T08:00:00.000Z``), or None."""
    if not isinstance(value, str) or len(value) < 10 or not all(c in "0123456789-" for c in value[:10]):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class Time(Kind):
    """A time, stored as ``format_time`` writes it (UTC, to the second)."""

    words = "time"

    def from_record(self, value: Any, where: str, name: str) -> dt.datetime:
        if not isinstance(value, str):
            raise ContentError(where, f"{name!r} must be a string, not {json_kind(value)}")
        when = parse_time(value)
        if when is None:
            raise ContentError(where, f"{name!r} is not a time (YYYY-MM-DDTHH:MM:SSZ): {value!r}")
        problem = future_time_problem(when)
        if problem:
            raise ContentError(where, f"{name!r} {problem}")
        return when.replace(microsecond=0)

    def to_record(self, value: Any) -> str:
        return format_time(value)

    def from_hub(self, value: Any, field: Field, bounds: Bounds) -> dt.datetime | None:
        return None  # the Hub does not say when it answered: the client's clock does


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
        try:
            day = dt.date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            return None
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) if day else None
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


# A fetch time may be ahead of this machine's clock by a clock's drift, never by more: a time
# in the future would make its values win every later merge (``model.freshness``) for ever.
CLOCK_DRIFT = dt.timedelta(hours=1)


def future_time_problem(when: dt.datetime, now: dt.datetime | None = None) -> str | None:
    """Why ``when`` cannot be a fetch time (it is in the future), or None."""
    now = now or dt.datetime.now(dt.UTC)
    if when > now + CLOCK_DRIFT:
        return f"is in the future ({format_time(when)}; now is {format_time(now)}): no answer was fetched then"
    return None
