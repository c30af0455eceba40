"""Topic definitions: content/topics.yml read and validated, every mistake named with its file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.content.topics import Topic, load_topics
from generator.errors import ConfigError

from ..common import ARCHIVE_TOPICS


def write(tmp_path: Path, yml: str) -> Path:
    path = tmp_path / "topics.yml"
    path.write_text(textwrap.dedent(yml).lstrip("\n"), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# Validation: file, line, what is wrong.

BAD = {
    "unknown key": (
        """
        topics:
          - id: entropy
            title: Entropy
            inclde: [entropy]
        """,
        4,
        "topic 'entropy': unknown key 'inclde' (known keys: id, title, description, include, exclude, regex",
    ),
    "duplicate id": (
        """
        topics:
          - id: entropy
            title: Entropy
            include: [entropy]
          - id: entropy
            title: Entropy again
            include: [entropies]
        """,
        5,
        "topic id 'entropy' is already used by the topic on line 2",
    ),
    "terms not a list": (
        """
        topics:
          - id: entropy
            title: Entropy
            include: entropy
        """,
        4,
        "'include' must be a list",
    ),
    "invalid regex": (
        """
        topics:
          - id: reasoning
            title: Reasoning
            include: [reasoning]
            regex:
              - 'chain[- ]of[- ]thought'
              - 'test-time (scaling'
        """,
        7,
        "regex 'test-time (scaling' is not a valid regular expression: missing )",
    ),
    "regex RE2 cannot run in linear time": (
        """
        topics:
          - id: reasoning
            title: Reasoning
            regex: ['(?<!pre)training', '(a)\\1']
        """,
        4,
        "regex '(?<!pre)training' is not a valid regular expression: invalid perl operator: (?<! (topic regexes "
        "use RE2's syntax: no look-arounds or back-references, so that matching never hangs)",
    ),
    "regex too large for RE2": (
        """
        topics:
          - id: big
            title: Big
            regex: ['((((a{1,100}){1,100}){1,100}){1,100})']
        """,
        4,
        "regex '((((a{1,100}){1,100}){1,100}){1,100})' is not a valid regular expression: ",
    ),
    "reserved id": (
        """
        topics:
          - id: index
            title: Index
            include: [index]
        """,
        2,
        "'id' 'index' is reserved (topics/index/ is the list of all topics)",
    ),
    "id too long": (
        f"""
        topics:
          - id: {"a" * 300}
            title: Long
            include: [long]
        """,
        2,
        "'id' is 300 characters long (at most 64: it names files)",
    ),
    "id with a character no page name may have": (
        """
        topics:
          - id: "a/../../b"
            title: Escape
            include: [escape]
        """,
        2,
        "'id' 'a/../../b' must be lowercase letters, digits and hyphens (it names the page)",
    ),
    "regex matching everything": (
        """
        topics:
          - id: x
            title: X
            regex: ['a*']
        """,
        4,
        "matches empty text",
    ),
    "unknown field": (
        """
        topics:
          - id: x
            title: X
            include: [x]
            fields: [title, summary]
        """,
        5,
        "unknown field 'summary'",
    ),
    "missing title": (
        """
        topics:
          - id: x
            include: [x]
        """,
        2,
        "topic 'x' needs a 'title'",
    ),
    "bad id": (
        """
        topics:
          - id: Entropy Topic
            title: Entropy
            include: [entropy]
        """,
        2,
        "'id' 'Entropy Topic' must be lowercase",
    ),
    "key given twice": (
        """
        topics:
          - id: x
            title: X
            include: [x]
            include: [y]
        """,
        5,
        "key 'include' is given twice",
    ),
    "nothing to match": (
        """
        topics:
          - id: x
            title: X
            include: []
        """,
        2,
        "topic 'x' matches nothing",
    ),
    "a term that is a mapping": (
        """
        topics:
          - id: x
            title: X
            include:
              - x
              - {term: y}
        """,
        6,
        "an item of topic 'x': 'include' must be text",
    ),
    "YAML syntax": (
        """
        topics:
          - id: x
            title: "X
            include: [x]
        """,
        5,
        "not valid YAML",
    ),
    "no topics list": (
        """
        topic:
          - id: x
        """,
        1,
        "unknown key 'topic'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_mistyped_definition_is_reported_with_its_file_and_line(tmp_path, case):
    yml, line, problem = BAD[case]
    path = write(tmp_path, yml)
    with pytest.raises(ConfigError) as raised:
        load_topics(path)
    message = raised.value.format_message()
    assert message.startswith(f"{path}:{line}: "), message
    assert problem in message
    assert "\n" not in message


def test_the_tests_topics_load_and_use_every_kind_of_rule(tmp_path):
    topics = load_topics(ARCHIVE_TOPICS)
    assert len({t.id for t in topics}) == len(topics) >= 6
    assert any(t.exclude for t in topics) and any(t.regex for t in topics)
    assert load_topics(tmp_path / "missing.yml") == []


def test_a_full_definition_is_read(tmp_path):
    path = write(
        tmp_path,
        """
        topics:
          - id: diffusion
            title: Diffusion models
            description: Generative diffusion.
            include: [diffusion model, flow matching]
            exclude: [diffusion MRI]
            regex: ['score[- ]based']
            fields: [ai_keywords, title]
            queries: [diffusion models, score matching]
        """,
    )
    (topic,) = load_topics(path)
    assert topic == Topic(
        id="diffusion",
        title="Diffusion models",
        description="Generative diffusion.",
        include=("diffusion model", "flow matching"),
        exclude=("diffusion MRI",),
        regex=("score[- ]based",),
        fields=("title", "ai_keywords"),
        queries=("diffusion models", "score matching"),
        line=2,
    )
