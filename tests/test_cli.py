"""The command line: every command documents itself, errors are one clear line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import cli

from .common import ROOT


def all_commands(group: click.Group = cli, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, prefix + name + " "))
    return found


@pytest.mark.parametrize("name,command", all_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_with_an_example(name, command):
    assert command.help and len(command.help.strip()) > 40, f"{name} has no help"
    assert "Example:" in command.help, f"{name}'s help shows no example"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_ingest_then_generate(tmp_path):
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    answer = ROOT / "tests" / "fixtures" / "hub" / "daily_papers" / "2026-07-14.json"
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(tmp_path / "mkdocs.yml"), "ingest", str(answer)])
    assert result.exit_code == 0, result.output
    assert f"{len(json.loads(answer.read_text()))} papers added" in result.output
    result = runner.invoke(cli, ["--config", str(tmp_path / "mkdocs.yml"), "generate"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "docs" / "archive" / "2026" / "07" / "14.md").is_file()
    again = runner.invoke(cli, ["--config", str(tmp_path / "mkdocs.yml"), "generate"])
    assert "0 pages written" in again.output


def test_bad_input_is_one_clear_line(tmp_path):
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    bad = tmp_path / "2026-07-14.json"
    bad.write_text("<!DOCTYPE html><html>rate limited</html>")
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "mkdocs.yml"), "ingest", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert str(bad) in result.output and "not valid JSON" in result.output
    assert "Traceback" not in result.output


def test_help_lists_the_commands_in_the_order_the_data_flows_as_the_reference_does():
    listed = list(cli.list_commands(click.Context(cli)))
    reference = (ROOT / "docs" / "about" / "architecture.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| [a-z]+ \| `python -m generator ([a-z-]+)[^`]*` \| `(generator/[^`]+)` \|", reference, re.M)
    assert [command for command, _ in table] == listed
    for _, code in table:
        assert (ROOT / code).is_file(), f"docs/about/architecture.md points {code}, which does not exist"


def run_main(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, through main(): where every error becomes an exit."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.command
def test_an_error_is_one_line_naming_where_and_what_and_verbose_adds_the_traceback(tmp_path):
    missing = tmp_path / "mkdocs.yml"
    result = run_main("--config", str(missing), "check")
    assert result.returncode == 1
    assert result.stderr == f"Error: {missing}: not found (run from the repository root or pass --config)\n"
    verbose = run_main("-v", "--config", str(missing), "check")
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr
    assert verbose.stderr.rstrip().endswith(result.stderr.rstrip())


@pytest.mark.command
def test_options_that_cannot_go_together_are_a_usage_error():
    result = run_main("fetch", "--date", "2026-07-14", "--since", "2026-07-01", "--dry-run")
    assert result.returncode == 2
    assert "Error: --date cannot be combined with --since/--until" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unexpected_exception_is_still_one_line_and_verbose_shows_where(monkeypatch, capsys, tmp_path):
    from generator import cli as cli_module

    def crash(settings, today=None):
        raise OverflowError("date value out of range")

    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    monkeypatch.setattr(cli_module, "generate", crash)
    for args, traceback_shown in ((), False), (("-v",), True):
        with pytest.raises(SystemExit) as exit_:
            cli_module.main([*args, "--config", str(tmp_path / "mkdocs.yml"), "generate"])
        assert exit_.value.code == 1
        err = capsys.readouterr().err
        assert err.splitlines()[-1] == (
            "Error: unexpected OverflowError: date value out of range (run with -v for the traceback)"
        )
        assert ("Traceback" in err) == traceback_shown


def test_a_log_line_is_one_inert_line_without_the_token():
    import logging

    from generator.cli import InertFormatter
    from generator.errors import ArchiveError, inert
    from generator.hub.client import HubAccess

    token = "hf_FakeTokenForTestsOnly0123456789abcdef"
    hub = HubAccess.from_environ({"HF_TOKEN": token + "\n"})
    record = logging.LogRecord(
        "generator.hub.items", logging.WARNING, __file__, 1, "skipped %s", (f"id\n::error::x {token}",), None
    )
    line = InertFormatter(hub.secrets()).format(record)
    assert line == "WARNING generator.hub.items: skipped id\\n::error::x ***"
    assert inert("::add-mask::secret") == "\\::add-mask::secret" and inert("##[error]x") == "\\##[error]x"
    assert inert("a\r\nb\u2028c\x85d\x1b[31m") == "a\\r\\nb\\u2028c\\x85d\\x1b[31m"
    error = ArchiveError("2026-07-14: item #1", "paper id '\n::error::pwned' is neither...")
    assert "\n" not in error.format_message() and "\\n::error::pwned" in error.format_message()


@pytest.mark.command
def test_a_topic_that_matches_no_paper_is_a_warning_in_generate_and_check(project):
    topics = project / "content" / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 1
    topics.write_text(text + "  - id: nothing\n    title: Nothing\n    include: [zzqx-not-a-word]\n", encoding="utf-8")
    warning = f"{topics}:{line}: topic 'nothing' matches no paper of the archive"
    config = str(project / "mkdocs.yml")
    check = run_main("--config", config, "check")
    assert check.returncode == 0, check.stderr
    assert [w for w in check.stderr.splitlines() if w.startswith("warning: ")] == [
        f"warning: {warning} (its page is empty; check its terms)"
    ]
    assert check.stdout.startswith("check: content is valid")
    generate = run_main("--config", config, "generate")
    assert generate.returncode == 0, generate.stderr
    assert warning in generate.stderr and len(generate.stderr.splitlines()) == 1
    assert (project / "docs" / "topics" / "nothing.md").is_file()  # its page is there, empty
    # The bundled topics all match papers: no warning.
    topics.write_text(text, encoding="utf-8")
    assert run_main("--config", config, "check").stderr == ""


@pytest.mark.command
def test_two_generate_runs_with_other_hash_seeds_write_the_same_bytes(project, tmp_path):
    """What CI commits is what changed: each process salts str hashes (set and dict-of-set order) by its own
    seed, so a page built from a set's order would differ between two runs of the same content."""
    config = str(project / "mkdocs.yml")
    trees = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        # --today: three days after the newest stored day, so the home page carries its notice too.
        result = run_main("--config", config, "generate", "--today", "2026-08-24", env=env)
        assert result.returncode == 0, result.stderr
        docs = project / "docs"
        trees.append({p.relative_to(docs): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()})
        shutil.copytree(docs, tmp_path / f"docs-{seed}")  # a failure leaves both trees to diff
        for page in (docs / ".generated").read_text(encoding="utf-8").split():
            (docs / page).unlink()
        shutil.rmtree(project / ".cache", ignore_errors=True)  # the similar papers computed again too
    assert len(trees[0]) > 300 and b'class="home-stale"' in trees[0][Path("index.md")]
    assert trees[0] == trees[1]
