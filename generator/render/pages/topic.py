"""Topic pages: a topic's papers by month, newest first, and the index of all topics.

A topic can gather thousands of papers as the archive grows, so each paper is
one line: its title linked to its entry on its day page (or to Hugging Face,
for a paper found outside the day store), upvotes, date and why it is there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from ...content.topics import FIELD_NAMES, Topic
from ...wording import plural
from .. import paths, titles
from ..mdtext import link, page_head, relpath, text
from ..topic_members import Member
from ..topic_rules import BY_LISTING_PAGE
from .paper import paper_url

UNDATED = "undated"


def _month_key(member: Member) -> tuple[int, int] | None:
    date = member.date
    return (date.year, date.month) if date else None


def _order(members: Sequence[Member]) -> list[Member]:
    """Newest first; on one date, most upvoted first; ties by id."""
    dated = sorted((m for m in members if m.date), key=lambda m: (m.date, m.paper.upvotes, m.paper.id), reverse=True)
    undated = sorted((m for m in members if not m.date), key=lambda m: (-m.paper.upvotes, m.paper.id))
    return dated + undated


def title_link(member: Member, source: str) -> str:
    """The title, linked to the paper's day-page entry, else to Hugging Face, else plain text."""
    paper = member.paper
    if member.stored:
        return f"[{text(paper.title)}]({paper_url(paper, source)})"
    if paper.is_arxiv:
        return link(paper.title, paper.hub_url)
    return text(paper.title)


def entry_line(member: Member, source: str) -> str:
    """One list item: title link, upvotes, date, why."""
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
    parts.append(text(member.why.explain()))
    return "- " + " · ".join(parts)


def _month_anchor(key: tuple[int, int] | None) -> str:
    return f"m{key[0]:04d}-{key[1]:02d}" if key else UNDATED


def month_chart(counts: Mapping[tuple[int, int], int]) -> list[str]:
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
    # Wide bars for a young topic, narrow ones (10 px a month) for years of them.
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


def _any(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else "one of " + ", ".join(items)


def how_they_join(topic: Topic, listings: Sequence[str]) -> list[str]:
    """The topic's definition in words, collapsed under the intro."""
    where = ", ".join(FIELD_NAMES[f] for f in topic.fields)
    rules = []
    if topic.include:
        rules.append(f"mentions {_any(f'“{text(t)}”' for t in topic.include)} in its {where}")
    if topic.regex:
        rules.append(f"matches {_any(f'/{text(r)}/' for r in topic.regex)} in its {where}")
    if topic.queries:
        rules.append(f"was found by a Hub search for {_any(f'“{text(q)}”' for q in topic.queries)}")
    if listings:
        rules.append(f"is listed on a saved listing page ({', '.join(text(f) for f in listings)})")
    lines = ['??? info "How papers join this topic"', "", "    A paper is here when it " + "; or ".join(rules) + "."]
    if topic.exclude:
        lines += [
            "",
            f"    Papers that mention {', '.join(f'“{text(t)}”' for t in topic.exclude)} "
            f"in their {where} are left out.",
        ]
    lines += [
        "",
        "    Terms match whole words, ignoring case; a phrase's words may be joined by spaces or hyphens, "
        "and its last word may be singular or plural.",
        "",
    ]
    return lines


def render_topic(topic: Topic, members: Sequence[Member]) -> str:
    source = paths.topic_path(topic.id)
    ordered = _order(members)
    counts: dict[tuple[int, int], int] = {}
    for m in ordered:
        key = _month_key(m)
        if key:
            counts[key] = counts.get(key, 0) + 1
    # A JSON string is a valid YAML scalar; entity-encoded like every untrusted
    # text, it shows as typed in the <title> and the navigation.
    lines = page_head(json.dumps(text(topic.title), ensure_ascii=False), heading=text(topic.title))
    if topic.description:
        lines += [text(topic.description), ""]
    summary = f"{len(ordered):,} papers"
    if counts:
        summary += f" in {len(counts)} months"
    lines += [summary + f" · [all topics]({relpath(paths.TOPICS, source)})", ""]
    listings = sorted({m.why.term for m in ordered if m.why.via == BY_LISTING_PAGE})
    lines += how_they_join(topic, listings)
    lines += month_chart(counts)
    current: object = None
    for member in ordered:
        key = _month_key(member)
        if key != current:
            current = key
            n = counts[key] if key else sum(1 for m in ordered if not m.date)
            heading = titles.month_title(*key) if key else "Undated"
            lines += ["", f"## {heading} · {plural(n, 'paper', grouped=True)} {{ #{_month_anchor(key)} }}", ""]
        lines.append(entry_line(member, source))
    lines.append("")
    return "\n".join(lines)


def _latest(members: Mapping[str, Member]) -> Member | None:
    ordered = _order(list(members.values()))
    return ordered[0] if ordered else None


def render_topics_index(topics: Sequence[Topic], members: Mapping[str, Mapping[str, Member]]) -> str:
    source = paths.TOPICS
    lines = [
        *page_head("Topics"),
        "Each topic collects the papers whose title, abstract or AI keywords mention one of its terms, "
        "those its Hub searches found and those imported from saved listing pages; each topic page says "
        "why each paper is there.",
        "",
        "| Topic | Papers | Latest paper | About |",
        "| --- | --: | --- | --- |",
    ]
    for topic in topics:
        group = members.get(topic.id, {})
        latest = _latest(group)
        if latest is None:
            newest = "—"
        else:
            newest = title_link(latest, source)
            if latest.date:
                newest += f" ({titles.short_date(latest.date)})"
        lines.append(
            f"| [{text(topic.title)}]({relpath(paths.topic_path(topic.id), source)}) "
            f"| {len(group):,} | {newest} | {text(topic.description)} |"
        )
    lines.append("")
    return "\n".join(lines)
