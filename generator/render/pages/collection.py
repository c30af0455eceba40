"""The pages of a collection of papers (a topic, an organization) that stay small at any size.

A topic gathers a few papers or ten thousand; an organization one or hundreds. Its pages:

* the landing page (``topics/agents.md``): what it is, its counts, a bar per month, then
  - a small collection (at most ``SMALL`` papers; an organization up to ``PAGE_LIMIT``, after
    its most upvoted ones): every paper, by month;
  - a larger one: its latest and its most upvoted papers, and its years, each linked;
* one page per year (``topics/agents/2026.md``): the year's papers by month, newest first;
  a year of more than ``PAGE_LIMIT`` papers gets a page per month instead
  (``topics/agents/2026/07.md``), and its year page lists the months and the year's top papers;
* papers without a date (some imported listings) on ``topics/agents/undated.md``.

So no page lists more than ``PAGE_LIMIT`` papers unless one month of one collection
has more (the whole feed lists about 500 papers a month, 1,100 at most so far), and
a page's URL, once made, stays: a collection only ever gains pages as it grows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ...wording import plural
from .. import paths, titles
from ..mdtext import link, relpath, text
from ..topic_members import Member
from .paper import paper_url

# A topic's landing page lists every paper up to this many: below it, year pages would be clicks
# for nothing; above it, its latest and top papers and its years scan better.
SMALL = 60
# At most this many one-line entries on a page: ~300 bytes of HTML each, so ~120 KB
# beside the theme's ~25 KB, well under the 300 KB a page may weigh (issue 15).
PAGE_LIMIT = 400
LATEST = 10  # the landing page's latest papers
TOP = 10  # the landing page's most upvoted papers
YEAR_TOP = 20  # the most upvoted papers of a year split into months

Month = tuple[int, int]


@dataclass(frozen=True)
class Collection:
    landing: str  # the docs path of its landing page (topics/agents.md)
    name: str  # untrusted text: a topic's title, an organization's name
    members: Sequence[Member]
    # Up to this many papers the landing page lists them all (above SMALL, after its top papers).
    one_page: int = SMALL


def newest_first(members: Iterable[Member]) -> list[Member]:
    """Newest first; on one date, most upvoted first; ties by id. Undated ones last, most upvoted first."""
    members = list(members)
    dated = sorted((m for m in members if m.date), key=lambda m: (m.date, m.paper.upvotes, m.paper.id), reverse=True)
    undated = sorted((m for m in members if not m.date), key=lambda m: (-m.paper.upvotes, m.paper.id))
    return dated + undated


def most_upvoted(members: Iterable[Member], limit: int) -> list[Member]:
    """Most upvoted first; ties by the newer date, then id."""
    order = sorted(members, key=lambda m: (-m.paper.upvotes, -(m.date.toordinal() if m.date else 0), m.paper.id))
    return order[:limit]


def title_link(member: Member, source: str) -> str:
    """The title, linked to the paper's day-page entry, else to Hugging Face, else plain text."""
    paper = member.paper
    if member.stored:
        return f"[{text(paper.display_title)}]({paper_url(paper, source)})"
    if paper.is_arxiv:
        return link(paper.display_title, paper.hub_url)
    return text(paper.display_title)


def entry_line(member: Member, source: str, bullet: str = "- ") -> str:
    """One list item: title link, upvotes, date and, on a topic's pages, why the paper is there."""
    paper = member.paper
    parts = [title_link(member, source), f"▲ {paper.upvotes}"]
    if member.stored and paper.day:
        parts.append(titles.short_date(paper.day))
    elif paper.day:
        parts.append(f"on Daily Papers {titles.short_date(paper.day)}")
    elif paper.published:
        parts.append(f"published {titles.short_date(paper.published)}")
    count = paper.extra.get("author_count")
    if not paper.authors and isinstance(count, int):
        parts.append(plural(count, "author"))
    if member.why is not None:
        parts.append(text(member.why.explain()))
    return bullet + " · ".join(parts)


def ranked_entries(members: Sequence[Member], source: str) -> list[str]:
    return [entry_line(m, source, f"{i}. ") for i, m in enumerate(members, 1)]


def _month(member: Member) -> Month | None:
    return (member.date.year, member.date.month) if member.date else None


def _dated(members: Iterable[Member]) -> list[tuple[dt.date, Member]]:
    """The members that have a date, each with it (in their order)."""
    return [(m.date, m) for m in members if m.date is not None]


def month_anchor(month: Month) -> str:
    return f"m{month[0]:04d}-{month[1]:02d}"


def month_counts(members: Iterable[Member]) -> dict[Month, int]:
    counts: dict[Month, int] = {}
    for m in members:
        key = _month(m)
        if key:
            counts[key] = counts.get(key, 0) + 1
    return counts


def counts_line(members: Sequence[Member]) -> str:
    """ "1,234 papers in 18 months · 5,678 upvotes"."""
    months = len(month_counts(members))
    line = plural(len(members), "paper", grouped=True)
    if months:
        line += f" in {plural(months, 'month', grouped=True)}"
    return line + f" · {plural(sum(m.paper.upvotes for m in members), 'upvote', grouped=True)}"


def month_chart(counts: Mapping[Month, int]) -> list[str]:
    """A bar per month from the first to the last, as inline SVG (no script).

    Bars and labels use ``currentColor``: the page's text colour, so the chart
    reads in light and dark mode alike; each bar's tooltip gives its month and
    count. Empty months are the bare baseline, so a long quiet stretch costs little.
    """
    if not counts:
        return []
    first, last = min(counts), max(counts)
    months = []
    y, m = first
    while (y, m) <= last:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    # Wide bars for a young collection, narrow ones (10 px a month) for years of them.
    step = min(40, max(10, 480 // len(months)))
    bar, height, top, bottom = step * 4 // 5, 60, 14, 14
    width = max(len(months) * step, 60)
    peak = max(counts.values())
    busiest = max(counts, key=lambda k: (counts[k], k))
    label = (
        f"Papers per month, {titles.month_title(*first)} to {titles.month_title(*last)}; "
        f"most in {titles.month_title(*busiest)} ({peak})"
    )
    base = top + height
    out = [
        '<figure class="topic-chart">',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{base + bottom}" '
        f'viewBox="0 0 {width} {base + bottom}" style="max-width:100%;height:auto" role="img" aria-label="{label}">',
        f"<title>{label}</title>",
        f'<text x="0" y="10" font-size="10" fill="currentColor">{plural(peak, "paper")}</text>',
        f'<rect x="0" y="{base}" width="{len(months) * step}" height="1" fill="currentColor" opacity="0.4"/>',
    ]
    for i, key in enumerate(months):
        n = counts.get(key, 0)
        x = i * step
        if n:
            h = max(round(height * n / peak, 1), 1)
            tip = f"{titles.month_title(*key)}: {plural(n, 'paper')}"
            # No <a> around a bar: Material's instant navigation rewrites every link's
            # href, which an SVG link does not allow (an error in the console).
            out.append(
                f'<rect x="{x}" y="{base - h}" width="{bar}" height="{h}" fill="currentColor" opacity="0.75">'
                f"<title>{tip}</title></rect>"
            )
        if key[1] == 1 or i == 0:
            out.append(f'<text x="{x}" y="{base + bottom - 2}" font-size="10" fill="currentColor">{key[0]}</text>')
    out += ["</svg>", "</figure>", ""]
    return out


def page_title(name: str, part: str | None = None) -> tuple[str, str]:
    """(front-matter title, heading) of a collection's page: "Agents", or "Agents: 2026".

    A JSON string is a valid YAML scalar; entity-encoded like every untrusted
    text, the name shows as typed in the <title> and the heading.
    """
    heading = text(name) if part is None else f"{text(name)}: {part}"
    return json.dumps(heading, ensure_ascii=False), heading


def _head(name: str, part: str) -> list[str]:
    title, heading = page_title(name, part)
    return ["---", f"title: {title}", "---", "", f"# {heading}", ""]


def _by_month_sections(members: Sequence[Member], source: str) -> list[str]:
    """The members (newest first) under a heading per month."""
    counts = month_counts(members)
    lines: list[str] = []
    current: Month | None = None
    for date, member in _dated(members):
        key = (date.year, date.month)
        if key != current:
            current = key
            heading = f"{titles.month_title(*key)} · {plural(counts[key], 'paper', grouped=True)}"
            lines += ["", f"## {heading} {{ #{month_anchor(key)} }}", ""]
        lines.append(entry_line(member, source))
    return lines


def _nav(parts: list[str]) -> str:
    return " · ".join(parts) + "\n{ .day-nav }\n"


def render_collection(collection: Collection, intro: Sequence[str]) -> dict[str, str]:
    """docs path → Markdown of every page of ``collection``; ``intro`` goes under the landing page's heading."""
    landing = collection.landing
    ordered = newest_first(collection.members)
    dated = [m for m in ordered if m.date]
    undated = [m for m in ordered if not m.date]
    title, heading = page_title(collection.name)
    lines = ["---", f"title: {title}", "---", "", f"# {heading}", "", *intro]
    lines += month_chart(month_counts(dated))
    pages: dict[str, str] = {}
    if len(ordered) <= collection.one_page:
        if len(ordered) > SMALL:
            lines += ["", "## Most upvoted { #top }", "", *ranked_entries(most_upvoted(ordered, TOP), landing)]
        lines += _by_month_sections(dated, landing)
        if undated:
            lines += ["", f"## Undated · {plural(len(undated), 'paper')} {{ #undated }}", ""]
            lines += [entry_line(m, landing) for m in undated]
        pages[landing] = "\n".join([*lines, ""])
        return pages

    years: dict[int, list[Member]] = {}
    for date, member in _dated(dated):
        years.setdefault(date.year, []).append(member)
    lines += ["", "## Latest { #latest }", "", *(entry_line(m, landing) for m in ordered[:LATEST])]
    lines += ["", "## Most upvoted { #top }", "", *ranked_entries(most_upvoted(ordered, TOP), landing)]
    lines += ["", "## By year { #years }", ""]
    order = sorted(years, reverse=True)
    for i, year in enumerate(order):
        members = years[year]
        split = len(members) > PAGE_LIMIT
        year_path = paths.period_path(landing, year)
        counts = month_counts(members)
        months = []
        for key in sorted(counts):
            if split:
                target = relpath(paths.period_path(landing, *key), landing)
            else:
                target = f"{relpath(year_path, landing)}#{month_anchor(key)}"
            months.append(f"[{titles.MONTHS[key[1] - 1][:3]}]({target}) {counts[key]:,}")
        lines.append(
            f"- [{year}]({relpath(year_path, landing)}): {plural(len(members), 'paper', grouped=True)} · "
            + " · ".join(months)
        )
        newer = order[i - 1] if i > 0 else None
        older = order[i + 1] if i + 1 < len(order) else None
        pages.update(_year_pages(collection, year, members, older, newer, split))
    if undated:
        path = paths.period_path(landing, None)
        lines.append(f"- [Undated]({relpath(path, landing)}): {plural(len(undated), 'paper', grouped=True)}")
        body = [
            _nav([f"[{text(collection.name)}]({relpath(landing, path)})"]),
            f"{plural(len(undated), 'paper', grouped=True)} without a date, most upvoted first.",
            "",
            *(entry_line(m, path) for m in undated),
        ]
        pages[path] = "\n".join([*_head(collection.name, "undated"), *body, ""])
    pages[landing] = "\n".join([*lines, ""])
    return pages


def _year_pages(
    collection: Collection, year: int, members: Sequence[Member], older: int | None, newer: int | None, split: bool
) -> dict[str, str]:
    landing = collection.landing
    source = paths.period_path(landing, year)
    nav = [f"[{text(collection.name)}]({relpath(landing, source)})"]
    if older is not None:
        nav.append(f"[← {older}]({relpath(paths.period_path(landing, older), source)})")
    if newer is not None:
        nav.append(f"[{newer} →]({relpath(paths.period_path(landing, newer), source)})")
    lines = [*_head(collection.name, str(year)), _nav(nav)]
    if not split:
        lines.append(f"{plural(len(members), 'paper', grouped=True)} in {year}, newest first.")
        lines += _by_month_sections(members, source)
        return {source: "\n".join([*lines, ""])}

    by_month: dict[Month, list[Member]] = {}
    for date, member in _dated(members):
        by_month.setdefault((date.year, date.month), []).append(member)
    pages: dict[str, str] = {}
    lines += [
        f"{plural(len(members), 'paper', grouped=True)} in {year}: one page per month.",
        "",
        "| Month | Papers |",
        "| --- | --: |",
    ]
    keys = sorted(by_month, reverse=True)
    for i, key in enumerate(keys):
        path = paths.period_path(landing, *key)
        lines.append(f"| [{titles.month_title(*key)}]({relpath(path, source)}) | {len(by_month[key]):,} |")
        later = keys[i - 1] if i > 0 else None
        earlier = keys[i + 1] if i + 1 < len(keys) else None
        pages[path] = _month_page(collection, key, by_month[key], earlier, later)
    lines += ["", f"## Most upvoted in {year}", "", *ranked_entries(most_upvoted(members, YEAR_TOP), source)]
    pages[source] = "\n".join([*lines, ""])
    return pages


def _month_page(
    collection: Collection, month: Month, members: Sequence[Member], earlier: Month | None, later: Month | None
) -> str:
    landing = collection.landing
    source = paths.period_path(landing, *month)
    nav = [
        f"[{text(collection.name)}]({relpath(landing, source)})",
        f"[{month[0]}]({relpath(paths.period_path(landing, month[0]), source)})",
    ]
    if earlier is not None:
        nav.append(f"[← {titles.month_title(*earlier)}]({relpath(paths.period_path(landing, *earlier), source)})")
    if later is not None:
        nav.append(f"[{titles.month_title(*later)} →]({relpath(paths.period_path(landing, *later), source)})")
    lines = [
        *_head(collection.name, titles.month_title(*month)),
        _nav(nav),
        f"{plural(len(members), 'paper', grouped=True)} in {titles.month_title(*month)}, newest first.",
        "",
        *(entry_line(m, source) for m in members),
    ]
    return "\n".join([*lines, ""])
