"""Topics: definitions read from ``content/topics.yml`` and the rules that match papers.

A topic is defined by

* ``include`` terms: words or phrases found case-insensitively as whole words
  in the fields the topic searches. A phrase's words may be separated by
  spaces or hyphens ("chain-of-thought" = "chain of thought"), and its last
  word may be singular or plural ("diffusion model" = "diffusion models");
* ``regex``: Python regular expressions (case-insensitive) for what terms
  cannot say;
* ``exclude`` terms: a paper mentioning one of them in a searched field is
  not on the page, whatever else it matches;
* ``fields``: which of title, abstract and ai_keywords are searched (all three
  by default, in that order: the reason shown is the first field that matched);
* ``queries``: Hub searches whose stored results join the topic
  (see ``topic_members``).

``load_topics`` validates the file and every error names the file, the line
and what is wrong, so a fork that mistypes a key is pointed at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ConfigError
from .model import Paper

FIELDS = ("title", "abstract", "ai_keywords")
FIELD_NAMES = {"title": "title", "abstract": "abstract", "ai_keywords": "AI keywords"}
KEYS = ("id", "title", "description", "include", "exclude", "regex", "fields", "queries")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# How the reason a paper is on a topic page came about.
BY_TERM = "term"
BY_REGEX = "regex"
BY_SEARCH = "search"
BY_LISTING = "listing"


@dataclass(frozen=True)
class Match:
    """Why a paper is on a topic page.

    ``term`` is the include term or regex that matched (as written in
    topics.yml), the Hub search query that found the paper, or the name of the
    listing file it was imported from; ``field`` is where a term or regex matched.
    """

    term: str
    field: str = ""
    via: str = BY_TERM

    def explain(self) -> str:
        """The reason in words (untrusted text, to be escaped by the caller)."""
        if self.via == BY_SEARCH:
            return f"found by Hub search “{self.term}”"
        if self.via == BY_LISTING:
            return f"imported from listing {self.term}"
        where = FIELD_NAMES.get(self.field, self.field)
        if self.via == BY_REGEX:
            return f"/{self.term}/ in {where}"
        return f"“{self.term}” in {where}"


@dataclass(frozen=True, kw_only=True)
class Topic:
    id: str
    title: str
    description: str = ""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()
    fields: tuple[str, ...] = FIELDS
    queries: tuple[str, ...] = ()  # Hub search queries (/api/papers/search?q=) whose results join the topic
    line: int = 0  # where the topic starts in topics.yml, for messages about it

    def pattern(self) -> re.Pattern[str] | None:
        """One pattern for all include terms, to search in case-folded text; group ``t<i>`` is ``include[i]``."""
        return _terms_pattern(self.include)

    def exclude_pattern(self) -> re.Pattern[str] | None:
        return _terms_pattern(self.exclude)

    def regexes(self) -> list[re.Pattern[str]]:
        return [re.compile(r, re.IGNORECASE) for r in self.regex]


# ---------------------------------------------------------------------------
# Terms as patterns.

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"
# Between the words of a phrase: spaces, or a hyphen/dash with optional spaces.
_SEP = rf"(?:\s*[{_DASHES}]\s*|\s+)"
_SPLIT = re.compile(rf"[\s{_DASHES}]+")


def _last_word(word: str) -> tuple[str, str]:
    """The last word of a term as (stem, endings): its singular and plural forms."""
    w = word.lower()
    if not w[-1:].isalpha():
        return word, ""  # "GPT-4", "C++": no plural to speak of
    if len(w) > 4 and w.endswith("ies"):
        return word[:-3], "(?:y|ies)"  # entropies → entropy, entropies
    if len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou":
        return word[:-1], "(?:y|ies)"
    if w.endswith(("ss", "us", "is", "as", "sh", "ch", "x", "z")):
        return word, "(?:es)?"  # loss/losses, bias/biases
    if len(w) > 4 and w.endswith("es") and w[:-2].endswith(("ss", "sh", "ch", "x", "z")):
        return word[:-2], "(?:es)?"
    if len(w) > 3 and w.endswith("s"):
        return word[:-1], "s?"  # agents → agent, agents
    return word, "s?"


def _words(term: str) -> list[str]:
    return [w for w in _SPLIT.split(term.strip()) if w]


def term_regex(term: str) -> str:
    """The regular expression (without word boundaries) a term stands for."""
    *head, last = _words(term)
    stem, endings = _last_word(last)
    return _SEP.join([*(re.escape(w) for w in head), re.escape(stem) + endings])


def term_needle(term: str) -> str:
    """The case-folded text every match of the term starts with: found with str.find, it tells
    whether and from where the pattern needs to search."""
    words = _words(term.casefold())
    return words[0] if len(words) > 1 else _last_word(words[0])[0]


def _first(folded: str, needles: tuple[str, ...]) -> int:
    """Where the first needle occurs in ``folded``, or -1."""
    found = [i for i in (folded.find(n) for n in needles) if i >= 0]
    return min(found) if found else -1


def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # Terms that stand for the same words ("entropy", "entropies") are one
    # alternative, named by the first one written.
    first: dict[str, int] = {}
    for i, term in enumerate(terms):
        first.setdefault(term_regex(term.casefold()), i)
    # Longest first: the reason names the most specific term found at a place.
    order = sorted(first.items(), key=lambda item: (-len(terms[item[1]]), item[1]))
    alternatives = "|".join(f"(?P<t{i}>{rx})" for rx, i in order)
    # Whole words: a term must not be glued to letters or digits on either side.
    # Terms are case-folded and searched in case-folded text: case-insensitive,
    # and several times faster than re.IGNORECASE.
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


# ---------------------------------------------------------------------------
# Matching.


def _field_text(paper: Paper, field: str) -> str:
    if field == "ai_keywords":
        # A separator no phrase can cross: a term never spans two keywords.
        return " | ".join(paper.ai_keywords)
    return getattr(paper, field)


def field_texts(paper: Paper) -> dict[str, tuple[str, str]]:
    """field → (its text, its case-folded text), for every searchable field."""
    return {f: (v, v.casefold()) for f in FIELDS for v in (_field_text(paper, f),)}


class Matcher:
    """A topic's rules compiled once, to be applied to many papers."""

    def __init__(self, topic: Topic) -> None:
        self.topic = topic
        self.include = topic.pattern()
        self.exclude = topic.exclude_pattern()
        self.regexes = list(zip(topic.regex, topic.regexes(), strict=True))
        # A pattern can only match where one of its terms' first words occurs:
        # substring tests on case-folded text rule most papers out quickly.
        self.include_needles = tuple(sorted({term_needle(t) for t in topic.include}))
        self.exclude_needles = tuple(sorted({term_needle(t) for t in topic.exclude}))

    def __call__(self, paper: Paper) -> Match | None:
        return self.match_texts(field_texts(paper))

    def match_texts(self, fields: Mapping[str, tuple[str, str]]) -> Match | None:
        """Match a paper given as ``field_texts`` gives it (computed once for all topics)."""
        texts = [(f, *fields[f]) for f in self.topic.fields]
        if self.exclude is not None:
            for _, _value, folded in texts:
                start = _first(folded, self.exclude_needles)
                if start >= 0 and self.exclude.search(folded, start):
                    return None
        for field, value, folded in texts:
            start = _first(folded, self.include_needles) if self.include is not None else -1
            if self.include is not None and start >= 0:
                # A match starts at a needle: the search can skip the text before the first one
                # (the lookbehind still sees the character before ``start``).
                m = self.include.search(folded, start)
                if m:
                    assert m.lastgroup is not None
                    return Match(term=self.topic.include[int(m.lastgroup[1:])], field=field)
            for source, rx in self.regexes:
                if rx.search(value):
                    return Match(term=source, field=field, via=BY_REGEX)
        return None


def match(topic: Topic, paper: Paper) -> Match | None:
    """Why ``paper`` belongs to ``topic`` by its terms and regexes, or None."""
    return Matcher(topic)(paper)


def assign(topics: Iterable[Topic], papers: Iterable[Paper]) -> dict[str, dict[str, Match]]:
    """topic id → {paper id → why}, by the topics' terms and regexes."""
    matchers = [Matcher(t) for t in topics]
    result: dict[str, dict[str, Match]] = {t.id: {} for t in topics}
    # Paper by paper: each paper's texts are case-folded once, for all topics.
    for paper in papers:
        texts = field_texts(paper)
        for matcher in matchers:
            m = matcher.match_texts(texts)
            if m:
                result[matcher.topic.id][paper.id] = m
    return result


# ---------------------------------------------------------------------------
# Loading and validating topics.yml, with line numbers from PyYAML's node marks.


class _Where:
    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, node: yaml.Node | None, problem: str) -> ConfigError:
        line = node.start_mark.line + 1 if node is not None else 1
        return ConfigError(f"{self.path}:{line}: {problem}")


def load_topics(path: Path) -> list[Topic]:
    """Read and validate the topic definitions.

    A missing file means no topics. Every error is a ``ConfigError`` whose
    message starts with ``FILE:LINE:`` and says what is wrong.
    """
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    where = _Where(path)
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(e, "problem", None) or str(e)
        raise ConfigError(f"{path}:{line}: not valid YAML: {problem}") from None
    if root is None:
        return []
    top = _mapping(where, root, "the file", ("topics",))
    if "topics" not in top:
        raise where.error(root, "expected a 'topics:' list at the top of the file")
    key_node, items = top["topics"]
    if not isinstance(items, yaml.SequenceNode):
        raise where.error(items, "'topics' must be a list of topics (each item starting with '- id: ...')")
    topics: list[Topic] = []
    seen: dict[str, int] = {}
    for item in items.value:
        topic = _parse_topic(where, item)
        if topic.id in seen:
            raise where.error(item, f"topic id {topic.id!r} is already used by the topic on line {seen[topic.id]}")
        seen[topic.id] = topic.line
        topics.append(topic)
    return topics


def _mapping(
    where: _Where, node: yaml.Node, what: str, known: tuple[str, ...]
) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise where.error(node, f"{what} must be a mapping of keys to values")
    found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise where.error(key, f"{what}: keys must be plain words")
        name = key.value
        if name not in known:
            raise where.error(key, f"{what}: unknown key {name!r} (known keys: {', '.join(known)})")
        if name in found:
            raise where.error(key, f"{what}: key {name!r} is given twice")
        found[name] = (key, value)
    return found


def _text(where: _Where, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise where.error(
            node, f"{what} must be text, not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}"
        )
    if node.tag == "tag:yaml.org,2002:null" or not node.value.strip():
        raise where.error(node, f"{what} is empty")
    return node.value.strip()


def _texts(where: _Where, node: yaml.Node, what: str) -> list[tuple[yaml.Node, str]]:
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        raise where.error(node, f"{what} must be a list, e.g. [{node.value}]")
    if not isinstance(node, yaml.SequenceNode):
        raise where.error(node, f"{what} must be a list of text")
    return [(n, _text(where, n, f"an item of {what}")) for n in node.value]


def _parse_topic(where: _Where, node: yaml.Node) -> Topic:
    # Name the topic in messages about its keys when its id can be read at all.
    ids = []
    if isinstance(node, yaml.MappingNode):
        ids = [v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)]
    fields = _mapping(where, node, f"topic {ids[0]!r}" if ids else "a topic", KEYS)
    line = node.start_mark.line + 1
    if "id" not in fields:
        raise where.error(node, "a topic needs an 'id' (lowercase letters, digits and hyphens)")
    id_node = fields["id"][1]
    topic_id = _text(where, id_node, "'id'")
    if not _ID.match(topic_id):
        raise where.error(
            id_node, f"'id' {topic_id!r} must be lowercase letters, digits and hyphens (it names the page)"
        )
    about = f"topic {topic_id!r}"
    if "title" not in fields:
        raise where.error(node, f"{about} needs a 'title'")
    values: dict[str, tuple[str, ...]] = {}
    for key in ("include", "exclude", "regex", "queries"):
        items = _texts(where, fields[key][1], f"{about}: '{key}'") if key in fields else []
        for item_node, value in items:
            if key in ("include", "exclude") and not _SPLIT.sub("", value):
                raise where.error(item_node, f"{about}: term {value!r} has no letters or digits")
            if key == "regex":
                _check_regex(where, item_node, value, about)
        values[key] = tuple(v for _, v in items)
    if not (values["include"] or values["regex"] or values["queries"]):
        raise where.error(node, f"{about} matches nothing: give 'include' terms, a 'regex' or Hub search 'queries'")
    searched = FIELDS
    if "fields" in fields:
        chosen = _texts(where, fields["fields"][1], f"{about}: 'fields'")
        for item_node, value in chosen:
            if value not in FIELDS:
                raise where.error(item_node, f"{about}: unknown field {value!r} (choose from {', '.join(FIELDS)})")
        searched = tuple(f for f in FIELDS if f in {v for _, v in chosen})
        if not searched:
            raise where.error(fields["fields"][1], f"{about}: 'fields' is empty")
    return Topic(
        id=topic_id,
        title=_text(where, fields["title"][1], f"{about}: 'title'"),
        description=_text(where, fields["description"][1], f"{about}: 'description'")
        if "description" in fields
        else "",
        include=values["include"],
        exclude=values["exclude"],
        regex=values["regex"],
        fields=searched,
        queries=values["queries"],
        line=line,
    )


def _check_regex(where: _Where, node: yaml.Node, value: str, about: str) -> None:
    try:
        compiled = re.compile(value, re.IGNORECASE)
    except re.error as e:
        raise where.error(
            node, f"{about}: regex {value!r} is not a valid regular expression: {e.msg} (at character {e.pos})"
        ) from None
    if compiled.search(""):
        raise where.error(node, f"{about}: regex {value!r} matches empty text, so it would match every paper")
