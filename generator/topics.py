"""Topics: definitions read from ``content/topics.yml`` and the papers that match them.

A paper belongs to a topic when one of the topic's terms occurs in its title,
abstract or AI keywords as a whole word or phrase, ignoring case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .model import Paper

FIELDS = ("title", "abstract", "ai_keywords")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, kw_only=True)
class Topic:
    id: str
    title: str
    description: str = ""
    include: tuple[str, ...] = ()
    fields: tuple[str, ...] = FIELDS
    queries: tuple[str, ...] = ()  # Hub search queries (/api/papers/search?q=) whose results join the topic

    def pattern(self) -> re.Pattern[str]:
        # Whole words: a term must not be glued to letters or digits on either side.
        alternatives = "|".join(re.escape(t) for t in sorted(self.include, key=len, reverse=True))
        return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    """Why a paper is on a topic page: the term found and the field it was found in."""

    term: str
    field: str


def load_topics(path: Path) -> list[Topic]:
    """Read and validate the topic definitions; errors name the file and the topic."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML: {e}") from None
    if doc is None:
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get("topics"), list):
        raise ConfigError(f"{path}: expected a mapping with a 'topics' list")
    topics = []
    seen: set[str] = set()
    for i, raw in enumerate(doc["topics"]):
        topic = _parse_topic(raw, f"{path}: topic #{i + 1}")
        if topic.id in seen:
            raise ConfigError(f"{path}: topic id {topic.id!r} is defined twice")
        seen.add(topic.id)
        topics.append(topic)
    return topics


def _parse_topic(raw: Any, where: str) -> Topic:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a topic must be a mapping")
    topic_id = raw.get("id")
    if not isinstance(topic_id, str) or not _ID.match(topic_id):
        raise ConfigError(f"{where}: 'id' must be lowercase letters, digits and hyphens")
    include = raw.get("include", [])
    if not isinstance(include, list) or not include or not all(isinstance(t, str) and t.strip() for t in include):
        raise ConfigError(f"{where} ({topic_id}): 'include' must be a non-empty list of terms")
    return Topic(
        id=topic_id,
        title=str(raw.get("title") or topic_id),
        description=str(raw.get("description") or ""),
        include=tuple(t.strip() for t in include),
        queries=tuple(str(q) for q in raw.get("queries") or ()),
    )


def match(topic: Topic, paper: Paper) -> Match | None:
    """The first reason ``paper`` belongs to ``topic``, or None."""
    pattern = topic.pattern()
    for field in topic.fields:
        values: Iterable[str] = paper.ai_keywords if field == "ai_keywords" else (getattr(paper, field),)
        for value in values:
            m = pattern.search(value)
            if m:
                return Match(term=m.group(0), field=field)
    return None


def assign(topics: Iterable[Topic], papers: Iterable[Paper]) -> dict[str, dict[str, Match]]:
    """topic id → {paper id → why}, for every topic and paper."""
    papers = list(papers)
    result: dict[str, dict[str, Match]] = {}
    for topic in topics:
        found = {}
        for paper in papers:
            m = match(topic, paper)
            if m:
                found[paper.id] = m
        result[topic.id] = found
    return result
