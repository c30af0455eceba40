"""What the site tells about its own freshness: when it was updated and the newest day it holds.

Kept out of the Markdown on purpose: a timestamp there would change every page
on every build. ``python -m generator build`` hands both to MkDocs as
environment variables, mkdocs.yml reads them into ``extra.archive`` (``!ENV``),
and the theme's footer (``theme/partials/copyright.html``) shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..render import paths

UPDATED = "ARCHIVE_UPDATED"  # when the site was built, ISO 8601 in UTC to the minute
NEWEST = "ARCHIVE_NEWEST"  # the newest listing day it holds, YYYY-MM-DD
NEWEST_PAGE = "ARCHIVE_NEWEST_PAGE"  # that day's page, relative to the site root


def stamp_env(newest: dt.date | None, now: dt.datetime, environ: Mapping[str, str]) -> dict[str, str]:
    """The variables for the MkDocs run. A value already set in ``environ`` wins (reproducible builds)."""
    env = {UPDATED: environ.get(UPDATED) or now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")}
    if newest is not None:
        env[NEWEST] = newest.isoformat()
        env[NEWEST_PAGE] = paths.page_url(paths.day_path(newest))
    return env
