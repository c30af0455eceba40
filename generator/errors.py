"""One exception hierarchy for every error a user can see.

Rooted in ``click.ClickException`` (as MkDocs does), so the CLI prints each
one as a single clear line and exits non-zero, without a traceback.
"""

from __future__ import annotations

import click


class ArchiveError(click.ClickException):
    """Base class of every error the archive reports to its user."""


class ContentError(ArchiveError):
    """A content file (or a raw API answer being ingested) is not what it must be.

    The message always names the file and, where it applies, the item.
    """

    def __init__(self, where: object, problem: str) -> None:
        self.where = str(where)
        self.problem = problem
        super().__init__(f"{self.where}: {problem}")


class ConfigError(ArchiveError):
    """A configuration file (topics, mkdocs.yml) is invalid; names the file and line."""


class FetchError(ArchiveError):
    """A request to the Hub failed or answered something unusable; names the request."""


class BuildError(ArchiveError):
    """Rendering the site with MkDocs or indexing it for search failed."""
