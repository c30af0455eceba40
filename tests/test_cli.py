"""The command line: every command documents itself, errors are one clear line."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from generator.cli import cli

from .conftest import ROOT


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
