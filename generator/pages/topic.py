"""Topic pages: the papers of one topic, newest day first, and the index of all topics."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from .. import paths
from ..mdtext import relpath, text
from ..model import Paper
from ..topics import Match, Topic
from .paper import paper_url


def _why(m: Match) -> str:
    field = {"title": "title", "abstract": "abstract", "ai_keywords": "AI keywords"}.get(m.field, m.field)
    return f"“{text(m.term)}” in {field}"


def topic_page(topic: Topic, papers: Sequence[tuple[Paper, Match]]) -> str:
    """``papers`` are the topic's papers with the reason each matched."""
    source = paths.topic_page(topic.id)
    lines = [
        "---",
        # A JSON string is a valid YAML scalar; entity-encoded like every untrusted
        # text, it shows as typed in the <title> and the navigation.
        "title: " + json.dumps(text(topic.title), ensure_ascii=False),
        "---",
        "",
        f"# {text(topic.title)}",
        "",
    ]
    if topic.description:
        lines += [text(topic.description), ""]
    lines += [
        f"{len(papers)} papers · matched on: " + ", ".join(f"“{text(t)}”" for t in topic.include)
        + f" · [all topics]({relpath(paths.TOPICS, source)})",
        "",
    ]
    ordered = sorted(papers, key=lambda pm: (pm[0].day, pm[0].upvotes, pm[0].id), reverse=True)
    current = None
    for paper, why in ordered:
        assert paper.day is not None
        if paper.day != current:
            current = paper.day
            lines += ["", f"## [{paths.day_title(current)}]({relpath(paths.day_page(current), source)})", ""]
        lines.append(f"- [{text(paper.title)}]({paper_url(paper, source)}) ▲ {paper.upvotes} · {_why(why)}")
    lines.append("")
    return "\n".join(lines)


def topics_index(topics: Sequence[Topic], members: Mapping[str, Mapping[str, Match]]) -> str:
    source = paths.TOPICS
    lines = [
        "---",
        "title: Topics",
        "---",
        "",
        "# Topics",
        "",
        "Each topic collects the papers whose title, abstract or AI keywords mention one of its terms.",
        "",
        "| Topic | Papers | About |",
        "| --- | --: | --- |",
    ]
    for topic in topics:
        lines.append(
            f"| [{text(topic.title)}]({relpath(paths.topic_page(topic.id), source)}) "
            f"| {len(members.get(topic.id, {}))} | {text(topic.description)} |"
        )
    lines.append("")
    return "\n".join(lines)
