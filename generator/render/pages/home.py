"""The home page: the latest day, the totals, and the ways to browse."""

from __future__ import annotations

from ...content.topics import Topic
from ...model import Archive
from .. import paths, titles
from ..mdtext import page_head, relpath, text
from .paper import summary_line
from .rankings import browse_line


def render_home(archive: Archive, topics: list[Topic], topic_counts: dict[str, int]) -> str:
    source = paths.HOME
    lines = page_head(
        "Home",
        "A searchable archive of every paper listed on Hugging Face Daily Papers.",
        heading="Hugging Face Daily Papers, archived",
    )
    latest = archive.latest
    if latest is None:
        lines += ["The archive is empty: run `python -m generator fetch` or `ingest` to fill it.", ""]
        return "\n".join(lines)
    first = archive.days[0].date
    lines += [
        f"{archive.paper_count:,} papers on {len(archive.days):,} days, "
        f"from {titles.short_date(first)} to {titles.short_date(latest.date)}. "
        f"Browse the [archive]({relpath(paths.ARCHIVE, source)}) by year and month, "
        f"or follow a [topic]({relpath(paths.TOPICS, source)}).",
        "",
        browse_line(source, archive),
        "",
        f"Feeds of the latest papers: [RSS]({relpath(paths.feed_path('latest.rss.xml'), source)}) · "
        f"[Atom]({relpath(paths.feed_path('latest.atom.xml'), source)}) · "
        f"[JSON Feed]({relpath(paths.feed_path('latest.json'), source)}); every topic has its own.",
        "",
        f"## Latest: [{titles.day_title(latest.date)}]({relpath(paths.day_path(latest.date), source)})",
        "",
    ]
    lines += [summary_line(p, source, show_day=False) for p in latest.by_upvotes()]
    lines += ["", "## Topics", ""]
    for topic in topics:
        lines.append(
            f"- [{text(topic.title)}]({relpath(paths.topic_path(topic.id), source)}) ({topic_counts.get(topic.id, 0)})"
        )
    lines.append("")
    return "\n".join(lines)
