"""The README and the site's reference pages work as written: every command they show runs.

The reference moved from the README into the site's *About* section (docs/about/*.md), so a
self-hoster reads it on their own site; its commands are checked here all the same.
Commands are taken from their ```sh blocks and their `code` spans. Each is run as a reader
would run it after the set-up (`make site` / `make test`, then `. .venv/bin/activate`,
which here is this test run's own interpreter), but without side effects: `python -m X`
with `--help` (click and argparse check every option named before printing the help; a
placeholder such as FILE or [--year 2026] is dropped first), `fetch` also with `--dry-run`
(no request, no write), `pytest` with `--collect-only`, `make` with `-n`.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from .common import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# The reference pages of the site's About section, hand-written Markdown under docs/about/.
REFERENCE = sorted((ROOT / "docs" / "about").glob("*.md"))
DOCUMENTS = "\n".join([README, *(page.read_text(encoding="utf-8") for page in REFERENCE)])
# The README stays an entry point: what it is, the set-up, hosting (early), then pointers.
README_LINES = 250
HOSTING_WITHIN = 80
# Where a command begins: the forms the README may use.
STARTS = ("python -m ", "make ", "bash ", ". .venv/bin/activate", ".venv/bin/python")


def shell_lines(text: str = DOCUMENTS) -> list[str]:
    """Every line of the ```sh blocks of ``text`` (comments dropped)."""
    lines = []
    for block in re.findall(r"^ *```sh\n(.*?)^ *```", text, re.M | re.S):
        for line in block.splitlines():
            line = line.split(" # ")[0].strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def code_spans() -> list[str]:
    """Every `code` span that is a command."""
    return [span.strip() for span in re.findall(r"`([^`\n]+)`", DOCUMENTS) if span.startswith(STARTS)]


COMMANDS = sorted({c for c in shell_lines() + code_spans() if c.startswith(STARTS)})
# A word that stands for something to fill in, not a literal argument.
PLACEHOLDER = re.compile(r"^(?:[A-Z][A-Z_-]*…?|FILE…|\.\.\.|…)$")


def words(command: str) -> list[str]:
    """The command's words, without placeholders and optional [...] parts."""
    command = re.sub(r"\[[^\]]*\]", "", command).replace("…", " … ")
    return [w for w in shlex.split(command) if not PLACEHOLDER.match(w)]


def test_the_readme_is_an_entry_point_with_hosting_early():
    lines = README.splitlines()
    assert len(lines) <= README_LINES
    hosting = next(i for i, line in enumerate(lines, 1) if line.startswith("## Host your own"))
    assert hosting <= HOSTING_WITHIN
    checklist = re.findall(r"^(\d+)\. ", "\n".join(lines[hosting:]), re.M)
    assert checklist[:6] == ["1", "2", "3", "4", "5", "6"]
    # The reference it points at: every page of the site's About section, each in the navigation.
    linked = set(re.findall(r"\]\(docs/about/([a-z-]+\.md)\)", README))
    assert linked | {"index.md"} == {page.name for page in REFERENCE}
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not [page.name for page in REFERENCE if f"about/{page.name}" not in nav]


def test_the_readme_shows_commands_in_one_style():
    assert len(COMMANDS) > 20
    # One way to reach the environment: the activate line, shown once in the set-up; then `python`.
    assert ". .venv/bin/activate" in shell_lines(README)
    assert not [c for c in COMMANDS if c.startswith(".venv/bin/")], "use `python -m …` after the activate line"
    assert "make site" in COMMANDS and "make test" in COMMANDS


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=180)


@pytest.mark.command
@pytest.mark.parametrize("command", [c for c in COMMANDS if c.startswith("python -m ")])
def test_every_python_command_of_the_readme_runs(command):
    module, *args = words(command)[2:]
    options = re.findall(r"(?<!\S)(--[a-z][a-z-]*)", command)  # those in [optional] parts too
    if len(words(command)) < len(shlex.split(command.replace("[", " ").replace("]", " "))):
        # Placeholders stand in for values: check the command and that it has each option named.
        args = args[:1] if module == "generator" and args and not args[0].startswith("-") else []
    if module == "pytest":
        result = run([sys.executable, "-m", "pytest", *args, "--collect-only", "-q", "-p", "no:cacheprovider"])
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
        return
    if module == "pagefind":  # the tool `build` runs, named in the prose: it is installed
        result = run([sys.executable, "-m", "pagefind", "--version"])
        assert result.returncode == 0, result.stderr
        return
    result = run([sys.executable, "-m", module, *args, "--help"])
    assert result.returncode == 0, f"{command}: {result.stderr[-2000:]}"
    assert "usage" in result.stdout.lower()
    assert not [o for o in options if o not in result.stdout], f"{command}: an option its --help does not know"
    if module == "generator" and args[:1] == ["fetch"] and "--dry-run" not in args:
        planned = run([sys.executable, "-m", module, *args, "--dry-run"])
        assert planned.returncode == 0, f"{command} --dry-run: {planned.stderr[-2000:]}"


@pytest.mark.parametrize("command", [c for c in COMMANDS if c.startswith("make ")])
def test_every_make_command_of_the_readme_is_a_target(command):
    result = run(["make", "-n", *words(command)[1:]])
    assert result.returncode == 0, result.stderr


def test_the_ci_script_the_readme_names_is_valid_bash():
    assert "bash .ci/run" in COMMANDS
    assert run(["bash", "-n", ".ci/run"]).returncode == 0


def test_the_readme_links_files_that_exist():
    """Every relative link and image of the README (screenshots included) points at a file of the repository."""
    targets = re.findall(r"\]\(((?!https?:|#|mailto:)[^)\s]+)\)", README)
    assert any(t.startswith("docs/assets/") for t in targets)
    missing = [t for t in targets if not (ROOT / t.split("#", 1)[0]).exists()]
    assert not missing, missing
