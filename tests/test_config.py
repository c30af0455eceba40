"""Bad configuration fails with the file, the line and the reason, as the CLI shows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

from .common import ROOT

# name → (content/topics.yml, the line the message must point at, what it must say)
TOPICS = {
    "include not a list": ("topics:\n  - id: a\n    title: A\n    include: x\n", 4, "'include' must be a list"),
    "title a list": (
        "topics:\n  - id: a\n    title: [1, 2]\n    include: [x]\n",
        3,
        "'title' must be text, not a list",
    ),
    "description a mapping": (
        "topics:\n  - id: a\n    title: A\n    include: [x]\n    description: {a: 1}\n",
        5,
        "'description' must be text, not a mapping",
    ),
    "queries not a list": (
        "topics:\n  - id: a\n    title: A\n    include: [x]\n    queries: llm\n",
        5,
        "'queries' must be a list",
    ),
    "topics a mapping": ("topics: {a: 1}\n", 1, "'topics' must be a list"),
    "a topic a string": ("topics:\n  - just a string\n", 2, "a topic must be a mapping"),
    "duplicate id": (
        "topics:\n  - id: a\n    title: A\n    include: [x]\n  - id: b\n    title: B\n    include: [y]\n"
        "  - id: a\n    title: C\n    include: [z]\n",
        8,
        "topic id 'a' is already used by the topic on line 2",
    ),
    "invalid regex": (
        'topics:\n  - id: a\n    title: A\n    regex: ["(unclosed"]\n',
        4,
        "regex '(unclosed' is not a valid regular expression",
    ),
    "impossible regex": (
        'topics:\n  - id: a\n    title: A\n    regex: [ok, "a{2,1}"]\n',
        4,
        "is not a valid regular expression",
    ),
    "unknown key": ("topics:\n  - id: a\n    title: A\n    include: [x]\n    inclde: [y]\n", 5, "unknown key 'inclde'"),
    "unknown top-level key": ("topcs: []\n", 1, "unknown key 'topcs'"),
    "unknown field": (
        "topics:\n  - id: a\n    title: A\n    include: [x]\n    fields: [body]\n",
        5,
        "unknown field 'body'",
    ),
    "key given twice": (
        "topics:\n  - id: a\n    title: A\n    include: [x]\n    include: [y]\n",
        5,
        "key 'include' is given twice",
    ),
    "bad id": ("topics:\n  - id: A B\n    title: A\n    include: [x]\n", 2, "'id' 'A B' must be lowercase letters"),
    "empty term": ('topics:\n  - id: a\n    title: A\n    include: [""]\n', 4, "is empty"),
    "matches nothing": ("topics:\n  - id: a\n    title: A\n", 2, "matches nothing"),
    "not YAML": ("topics:\n  - id: a\n    include: [x\n", 4, "not valid YAML"),
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    (tmp_path / "content").mkdir()
    return tmp_path


@pytest.mark.parametrize("case", sorted(TOPICS))
def test_bad_topics_fail_with_line_and_reason(site, case):
    source, line, reason = TOPICS[case]
    path = site / "content" / "topics.yml"
    path.write_text(source)
    for command in ("generate", "check"):
        result = CliRunner().invoke(cli, ["--config", str(site / "mkdocs.yml"), command])
        assert result.exit_code == 1, (command, result.output)
        assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
        wanted = [ln for ln in result.output.splitlines() if ln.removeprefix("Error: ").startswith(f"{path}:{line}: ")]
        assert len(wanted) == 1, (command, result.output)
        assert reason in wanted[0], (command, result.output)


MKDOCS = {
    "start_date not a date": (
        lambda text: text.replace("start_date: 2023-05-04", "start_date: last spring"),
        "extra.archive.start_date is not a date (YYYY-MM-DD): 'last spring'",
    ),
    "not YAML": (lambda text: text + "\nnav: [\n", "not valid YAML"),
    "bundle size not a number": (
        lambda text: text.replace("start_date: 2023-05-04", "start_date: 2023-05-04\n    search_bundle_papers: lots"),
        "extra.archive.search_bundle_papers must be a whole number above 0, not 'lots'",
    ),
    "not a mapping": (lambda text: "- just\n- a list\n", "expected a mapping of settings"),
    "thumbnails not a flag": (
        lambda text: text.replace("thumbnails: true", "thumbnails: sometimes"),
        "extra.archive.thumbnails must be true or false, not 'sometimes'",
    ),
}


def test_thumbnails_are_on_unless_turned_off(site):
    from generator.config import load_settings

    config = site / "mkdocs.yml"
    assert load_settings(config).thumbnails is True
    config.write_text(config.read_text().replace("thumbnails: true", "thumbnails: false"))
    assert load_settings(config).thumbnails is False


@pytest.mark.parametrize("case", sorted(MKDOCS))
def test_bad_mkdocs_yml_is_one_clear_line(site, case):
    change, reason = MKDOCS[case]
    config = site / "mkdocs.yml"
    config.write_text(change(config.read_text()))
    result = CliRunner().invoke(cli, ["--config", str(config), "check"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    # The file, and its line when the problem has one: "Error: mkdocs.yml:106: not valid YAML: ...".
    assert re.match(rf"Error: {re.escape(str(config))}(:\d+)?: ", result.output), result.output
    assert reason in result.output, result.output


def test_a_missing_mkdocs_yml_says_where_to_run(tmp_path):
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "mkdocs.yml"), "check"])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'mkdocs.yml'}: not found (run from the repository root or pass --config)\n"
    )
