"""One exception hierarchy for every error a user can see.

Rooted in ``click.ClickException`` (as MkDocs does), so that the CLI prints
each one as a single line, ``Error: <where>: <what>``, and exits non-zero
without a traceback. ``where`` is always said the same way: a file (with its
line when it has one, ``content/topics.yml:14``), or a request
(``2026-07-14 (GET https://…)``), or a paper in a file
(``content/days/2026/2026-07-14.json: paper #3``).
"""

from __future__ import annotations

import click


class ArchiveError(click.ClickException):
    """Base class of every error the archive reports to its user.

    ``where`` names the file, line or request the problem is in (None when the
    problem is not in one place); ``problem`` says what is wrong there.
    """

    def __init__(self, where: object | None, problem: str) -> None:
        self.where = None if where is None else str(where)
        self.problem = problem
        super().__init__(problem if self.where is None else f"{self.where}: {problem}")


class ContentError(ArchiveError):
    """A content file (or a saved API answer being ingested) is not what it must be."""


class ConfigError(ArchiveError):
    """A configuration file (``mkdocs.yml``, ``topics.yml``) is invalid."""


class FetchError(ArchiveError):
    """A request to the Hub failed or answered something unusable."""


class BuildError(ArchiveError):
    """Rendering the site with MkDocs, or indexing it for the site search, failed."""


class ServeError(ArchiveError):
    """The local web server (``serve``) cannot start: its port is taken, say."""


class GitError(ArchiveError):
    """A git command needed to see or commit what changed in ``content/`` failed."""


class UsageError(ArchiveError, click.UsageError):
    """Options that cannot go together, or a value out of range: exit status 2, as click's own."""

    exit_code = 2
