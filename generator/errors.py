"""One exception hierarchy for every error a user can see.

Rooted in ``click.ClickException`` (as MkDocs does), so that the CLI prints
each one as a single line, ``Error: <where>: <what>``, and exits non-zero
without a traceback. ``where`` is always said the same way: a file (with its
line when it has one, ``content/topics.yml:14``), or a request
(``2026-07-14 (GET https://…)``), or a paper in a file
(``content/days/2026/2026-07-14.json: paper #3``).
"""

from __future__ import annotations

import re

import click

# Line breaks of every kind (a log reader, or GitHub Actions reading a job's
# output, splits lines on them) and the other control characters.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A line starting with "::" (or the older "##[") is a workflow command to
# GitHub Actions: `::add-mask::`, `::error::`, `::stop-commands::`.
_COMMAND_START = re.compile(r"^(\s*)(::|##\[)")


def inert(text: str) -> str:
    """``text`` as one inert line for a log or an error: control characters and line breaks
    escaped (``\\n``), and a leading ``::`` (a workflow command) neutralised as ``\\::``.

    Text from the Hub, a saved file or a setting reaches messages through this, so it can
    never start a line of its own in a CI log, nor pass for a command there.
    """
    escaped = _CONTROL.sub(_escape, text)
    return _COMMAND_START.sub(r"\1\\\2", escaped)


def _escape(m: re.Match[str]) -> str:
    char = m.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    return named or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every secret (a token) replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


class ArchiveError(click.ClickException):
    """Base class of every error the archive reports to its user.

    ``where`` names the file, line or request the problem is in (None when the
    problem is not in one place); ``problem`` says what is wrong there. Both
    are made ``inert``: an error is always one line, whatever text it quotes.
    """

    def __init__(self, where: object | None, problem: str) -> None:
        self.where = None if where is None else inert(str(where))
        self.problem = inert(problem)
        super().__init__(self.problem if self.where is None else f"{self.where}: {self.problem}")

    def __reduce__(self) -> tuple[type[ArchiveError], tuple[str | None, str]]:
        # Pickled by what it was made of (the default would pass only the message): the site
        # search's index reports its errors from a child process (``site/background.py``).
        return (type(self), (self.where, self.problem))


class ContentError(ArchiveError):
    """A content file (or a saved API answer being ingested) is not what it must be."""


class ConfigError(ArchiveError):
    """A configuration file (``mkdocs.yml``, ``topics.yml``) is invalid."""


class FetchError(ArchiveError):
    """A request to the Hub failed or answered something unusable."""


class RunStopped(FetchError):
    """The run cannot ask the Hub anything more: it is unreachable, or the run's time budget is spent."""


class BuildError(ArchiveError):
    """Rendering the site with MkDocs, or indexing it for the site search, failed."""


class VerifyError(ArchiveError):
    """A built site does not hold what content/ holds (``verify``): it must not be deployed."""


class ServeError(ArchiveError):
    """The local web server (``serve``) cannot start: its port is taken, say."""


class GitError(ArchiveError):
    """A git command needed to see or commit what changed in ``content/`` failed."""


class UsageError(ArchiveError, click.UsageError):
    """Options that cannot go together, or a value out of range: exit status 2, as click's own."""

    exit_code = 2
