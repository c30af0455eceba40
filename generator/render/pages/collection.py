"""The pages of a collection of papers (a topic, an organization) that stay small at any size.

A topic gathers a few papers or ten thousand; an organization one or hundreds. Its pages:

* the landing page (``topics/agents.md``): what it is, its counts, a bar per month, then
  - a small collection (at most ``SMALL`` papers; an organization up to ``PAGE_LIMIT``, after
    its most upvoted ones): every paper, by month;
  - a larger one: its latest and its most upvoted papers, and its years, each linked;
* one page per year (``topics/agents/2026.md``): the year's papers by month, newest first;
  a year of more than ``PAGE_LIMIT`` papers gets a page per month instead
  (``topics/agents/2026/07.md``), and its year page lists the months and the year's top papers;
  a month of more than ``PAGE_LIMIT`` goes on over pages of ``PAGE_LIMIT`` (``topics/agents/2026/07/2.md``);
* papers without a date (some imported listings) on ``topics/agents/undated.md``.

So no page lists more than ``PAGE_LIMIT`` papers, and a page's URL, once made, stays: a
collection only ever gains pages as it grows.
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
from .paper import Cards, paper_url

# A topic's landing page lists every paper up to this many: below it, year pages would be clicks
# for nothing; above it, its latest and top papers and its years scan better.
SMALL = 60
# At most this many compact cards on a page: ~1 KB of HTML each (templates/item.html), so
# ~240 KB beside the theme's ~30 KB, under the 300 KB a page may weigh (issue 15).
PAGE_LIMIT = 240
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


def entry_view(member: Member, source: str, cards: Cards) -> dict[str, object]:
    """One compact card: on a topic's pages with why the paper is there."""
    why = member.why.explain() if member.why is not None else None
    return cards.item(member.paper, source, stored=member.stored, why=why)


def entries(members: Sequence[Member], source: str, cards: Cards, ranked: bool = False) -> str:
    """``members`` as a list of compact cards (numbered when ``ranked``)."""
    return cards.items([entry_view(m, source, cards) for m in members], ranked=ranked)


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


# The small chart is at most this wide (px): it fits a 360 px phone's column unscaled, so its
# labels show at their own size there (11 px) and everywhere else.
CHART_WIDTH = 320
LABEL_PX = 11


def month_chart(counts: Mapping[Month, int]) -> list[str]:
    """A bar per month from the first to the last, as inline SVG (no script), with month labels.

    Bars and labels use ``currentColor``: the page's text colour, so the chart
    reads in light and dark mode alike; each bar's tooltip gives its month and
    count. Empty months are the bare baseline, so a long quiet stretch costs little.
    Months are named under their bars (every one, or every second, third... as room allows,
    January always), the year under January and the first month.
    """
    if not counts:
        return []
    first, last = min(counts), max(counts)
    months = []
    y, m = first
    while (y, m) <= last:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    # Wide bars for a young collection, narrow ones for years of them; never wider than CHART_WIDTH.
    step = min(40.0, CHART_WIDTH / len(months))
    bar, height, top, bottom = step * 0.8, 60, 16, 30
    width = max(round(len(months) * step), 60)
    every = next(k for k in (1, 2, 3, 4, 6, 12) if k * step >= 24)  # "Sep" at 11 px is ~20 px wide
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
        f'<text x="0" y="11" font-size="{LABEL_PX}" fill="currentColor">{plural(peak, "paper")}</text>',
        f'<rect x="0" y="{base}" width="{width}" height="1" fill="currentColor" opacity="0.4"/>',
    ]
    for i, key in enumerate(months):
        n = counts.get(key, 0)
        x = round(i * step, 1)
        if n:
            h = max(round(height * n / peak, 1), 1)
            tip = f"{titles.month_title(*key)}: {plural(n, 'paper')}"
            # No <a> around a bar: Material's instant navigation rewrites every link's
            # href, which an SVG link does not allow (an error in the console).
            out.append(
                f'<rect x="{x}" y="{base - h}" width="{round(bar, 1)}" height="{h}" fill="currentColor" opacity="0.75">'
                f"<title>{tip}</title></rect>"
            )
        if (key[1] - 1) % every == 0 and (len(months) - i) * step >= 18:  # room for the name at the right end
            name = titles.MONTHS[key[1] - 1][:3] if every < 12 else str(key[0])
            out.append(f'<text x="{x}" y="{base + 13}" font-size="{LABEL_PX}" fill="currentColor">{name}</text>')
        if (key[1] == 1 or i == 0) and every < 12 and (len(months) - i) * step >= 30:
            out.append(f'<text x="{x}" y="{base + 27}" font-size="{LABEL_PX}" fill="currentColor">{key[0]}</text>')
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


def _by_month_sections(members: Sequence[Member], source: str, cards: Cards) -> list[str]:
    """The members (newest first) under a heading per month."""
    groups: dict[Month, list[Member]] = {}
    for date, member in _dated(members):
        groups.setdefault((date.year, date.month), []).append(member)
    lines: list[str] = []
    for key, group in groups.items():
        heading = f"{titles.month_title(*key)} · {plural(len(group), 'paper', grouped=True)}"
        lines += ["", f"## {heading} {{ #{month_anchor(key)} }}", "", entries(group, source, cards)]
    return lines


def _nav(parts: list[str]) -> str:
    return " · ".join(parts) + "\n{ .day-nav }\n"


def render_collection(collection: Collection, intro: Sequence[str], cards: Cards) -> dict[str, str]:
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
            lines += ["", "## Most upvoted { #top }", "", entries(most_upvoted(ordered, TOP), landing, cards, True)]
        lines += _by_month_sections(dated, landing, cards)
        if undated:
            lines += ["", f"## Undated · {plural(len(undated), 'paper')} {{ #undated }}", ""]
            lines.append(entries(undated, landing, cards))
        pages[landing] = "\n".join([*lines, ""])
        return pages

    years: dict[int, list[Member]] = {}
    for date, member in _dated(dated):
        years.setdefault(date.year, []).append(member)
    lines += ["", "## Latest { #latest }", "", entries(ordered[:LATEST], landing, cards)]
    lines += ["", "## Most upvoted { #top }", "", entries(most_upvoted(ordered, TOP), landing, cards, True)]
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
        pages.update(_year_pages(collection, year, members, older, newer, split, cards))
    if undated:
        path = paths.period_path(landing, None)
        lines.append(f"- [Undated]({relpath(path, landing)}): {plural(len(undated), 'paper', grouped=True)}")
        body = [
            _nav([f"[{text(collection.name)}]({relpath(landing, path)})"]),
            f"{plural(len(undated), 'paper', grouped=True)} without a date, most upvoted first.",
            "",
            entries(undated, path, cards),
        ]
        pages[path] = "\n".join([*_head(collection.name, "undated"), *body, ""])
    pages[landing] = "\n".join([*lines, ""])
    return pages


def _year_pages(
    collection: Collection,
    year: int,
    members: Sequence[Member],
    older: int | None,
    newer: int | None,
    split: bool,
    cards: Cards,
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
        lines += _by_month_sections(members, source, cards)
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
        pages.update(_month_pages(collection, key, by_month[key], earlier, later, cards))
    lines += ["", f"## Most upvoted in {year}", "", entries(most_upvoted(members, YEAR_TOP), source, cards, True)]
    pages[source] = "\n".join([*lines, ""])
    return pages


def _month_pages(
    collection: Collection,
    month: Month,
    members: Sequence[Member],
    earlier: Month | None,
    later: Month | None,
    cards: Cards,
) -> dict[str, str]:
    """A month's papers, newest first, over as many pages of ``PAGE_LIMIT`` as it takes."""
    landing = collection.landing
    parts = [members[i : i + PAGE_LIMIT] for i in range(0, len(members), PAGE_LIMIT)] or [members]
    pages = {}
    for number, part in enumerate(parts, 1):
        source = paths.period_path(landing, *month, part=number)
        nav = [
            f"[{text(collection.name)}]({relpath(landing, source)})",
            f"[{month[0]}]({relpath(paths.period_path(landing, month[0]), source)})",
        ]
        if earlier is not None:
            nav.append(f"[← {titles.month_title(*earlier)}]({relpath(paths.period_path(landing, *earlier), source)})")
        if later is not None:
            nav.append(f"[{titles.month_title(*later)} →]({relpath(paths.period_path(landing, *later), source)})")
        count = f"{plural(len(members), 'paper', grouped=True)} in {titles.month_title(*month)}, newest first"
        if len(parts) > 1:
            first = (number - 1) * PAGE_LIMIT + 1
            links = [
                str(n) if n == number else f"[{n}]({relpath(paths.period_path(landing, *month, part=n), source)})"
                for n in range(1, len(parts) + 1)
            ]
            count += f": {first:,}–{first + len(part) - 1:,} on this page · pages " + " · ".join(links)
        part_title = titles.month_title(*month) + (f", page {number}" if number > 1 else "")
        lines = [*_head(collection.name, part_title), _nav(nav), count + ".", "", entries(part, source, cards)]
        pages[source] = "\n".join([*lines, ""])
    return pages
