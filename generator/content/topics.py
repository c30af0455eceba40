"""Topics: definitions read from ``content/topics.yml`` and the rules that match papers.

A topic is defined by

* ``include`` terms: words or phrases found case-insensitively as whole words
  in the fields the topic searches. A phrase's words may be separated by
  spaces or hyphens ("chain-of-thought" = "chain of thought"), and its last
  word may be singular or plural ("diffusion model" = "diffusion models");
* ``regex``: regular expressions (case-insensitive) for what terms cannot
  say, in RE2's syntax (Python's, without look-arounds and back-references),
  run by RE2 in time linear in the text: no rule can hang a build;
* ``exclude`` terms: a paper mentioning one of them in a searched field is
  not on the page, whatever else it matches;
* ``fields``: which of title, abstract and ai_keywords are searched (all three
  by default, in that order: the reason shown is the first field that matched);
* ``queries``: Hub searches whose stored results join the topic
  (see ``topic_members``).

How terms and regexes match papers is ``generator.render.topic_rules``.

``load_topics`` validates the file and every error names the file, the line
and what is wrong, so a fork that mistypes a key is pointed at it: an id that
is not lowercase letters, digits and hyphens, longer than ``MAX_TOPIC_ID`` or
one of ``RESERVED_IDS``, and a regex RE2 cannot run, included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import re2
import yaml

from ..errors import ConfigError

FIELDS = ("title", "abstract", "ai_keywords")
FIELD_NAMES = {"title": "title", "abstract": "abstract", "ai_keywords": "AI keywords"}
KEYS = ("id", "title", "description", "include", "exclude", "regex", "fields", "queries")
# A topic id names its page (/topics/<id>/) and its files (content/search/<id>.json).
TOPIC_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
# Room for any real name, and far from the file systems' 255-byte limit on a file
# name (``<id>.rss.xml`` is the longest made from it).
MAX_TOPIC_ID = 64
# Names a topic page cannot take: ``topics/index.md`` is the list of all topics.
RESERVED_IDS = frozenset({"index"})
# A regex compiles into RE2's automaton within this much memory (RE2's default is
# 8 MB); a pattern needing more (``(a{100}){100}``...) is refused at load.
REGEX_MAX_MEM = 8 << 20
MAX_REGEX = 1_000  # characters of one pattern

# The hyphen and the Unicode dashes: between the words of a term they mean what a space means.
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"
_WORD_BREAK = re.compile(rf"[\s{DASHES}]+")


def term_words(term: str) -> list[str]:
    """The words of an include or exclude term ("chain-of-thought" → chain, of, thought)."""
    return [w for w in _WORD_BREAK.split(term.strip()) if w]


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


# ---------------------------------------------------------------------------
# Loading and validating topics.yml, with line numbers from PyYAML's node marks.


class _Where:
    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, node: yaml.Node | None, problem: str) -> ConfigError:
        line = node.start_mark.line + 1 if node is not None else 1
        return ConfigError(f"{self.path}:{line}", problem)


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
        raise ConfigError(f"{path}:{line}", f"not valid YAML: {problem}") from None
    if root is None:
        return []
    top = _mapping(where, root, "the file", ("topics",))
    if "topics" not in top:
        raise where.error(root, "expected a 'topics:' list at the top of the file")
    _, items = top["topics"]
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
    return str(node.value).strip()


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
    if not TOPIC_ID.fullmatch(topic_id):
        raise where.error(
            id_node, f"'id' {topic_id!r} must be lowercase letters, digits and hyphens (it names the page)"
        )
    if len(topic_id) > MAX_TOPIC_ID:
        raise where.error(id_node, f"'id' is {len(topic_id)} characters long (at most {MAX_TOPIC_ID}: it names files)")
    if topic_id in RESERVED_IDS:
        raise where.error(id_node, f"'id' {topic_id!r} is reserved (topics/{topic_id}/ is the list of all topics)")
    about = f"topic {topic_id!r}"
    if "title" not in fields:
        raise where.error(node, f"{about} needs a 'title'")
    values: dict[str, tuple[str, ...]] = {}
    for key in ("include", "exclude", "regex", "queries"):
        items = _texts(where, fields[key][1], f"{about}: '{key}'") if key in fields else []
        for item_node, value in items:
            if key in ("include", "exclude") and not term_words(value):
                raise where.error(item_node, f"{about}: term {value!r} has no letters or digits")
            if key == "regex":
                _check_regex(where, item_node, value, about)
        values[key] = tuple(v for _, v in items)
    if not (values["include"] or values["regex"] or values["queries"]):
        raise where.error(node, f"{about} matches nothing: give 'include' terms, a 'regex' or Hub search 'queries'")
    searched: tuple[str, ...] = FIELDS
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


def compile_regex(pattern: str) -> Any:
    """A topic's regex compiled by RE2, case-insensitive: matching takes time linear in the text.

    Raises ``re2.error`` for a pattern RE2 cannot run (look-arounds,
    back-references, a pattern too large for ``REGEX_MAX_MEM``).
    """
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # the error is reported with its line, not on stderr
    options.max_mem = REGEX_MAX_MEM
    return re2.compile(pattern, options)


def _check_regex(where: _Where, node: yaml.Node, value: str, about: str) -> None:
    if len(value) > MAX_REGEX:
        raise where.error(node, f"{about}: regex of {len(value)} characters (at most {MAX_REGEX})")
    try:
        compiled = compile_regex(value)
    except re2.error as e:
        detail = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else str(e)
        raise where.error(
            node,
            f"{about}: regex {value!r} is not a valid regular expression: {detail} (topic regexes use "
            "RE2's syntax: no look-arounds or back-references, so that matching never hangs)",
        ) from None
    if compiled.search(""):
        raise where.error(node, f"{about}: regex {value!r} matches empty text, so it would match every paper")
