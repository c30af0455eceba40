"""Where every generated page lives below ``docs/`` (and so its URL).

Days sit under their month so that the month page links them and the
navigation only needs years and months:

    archive/index.md          all years          /archive/
    archive/2026/index.md     one year           /archive/2026/
    archive/2026/07.md        one month          /archive/2026/07/
    archive/2026/07/14.md     one day            /archive/2026/07/14/
    weeks/index.md            the newest week    /weeks/  ("This week" in the navigation)
    weeks/2026-W29.md         one ISO week       /weeks/2026-W29/
    topics/index.md           all topics         /topics/
    topics/<id>.md            one topic          /topics/<id>/
    topics/<id>/2026.md       its papers of 2026 /topics/<id>/2026/
    topics/<id>/2026/07.md    ... of July 2026   /topics/<id>/2026/07/  (only for a busy year)
    orgs/index.md             all organizations  /orgs/
    orgs/<slug>.md            one organization   /orgs/<slug>/  (and its years, as a topic's)
    p/2607/index.html         short links        /p/2607/#2607.10383
    feeds/latest.rss.xml      a feed             /feeds/latest.rss.xml

Functions here are named ``*_path``; the renderers of those pages are
``render_*`` (``generator.render.pages``).
"""

from __future__ import annotations

import datetime as dt

HOME = "index.md"
ARCHIVE = "archive/index.md"
TOPICS = "topics/index.md"
ORGS = "orgs/index.md"
WEEKS = "weeks/index.md"
TRENDING = "trending.md"
TOP = "top.md"
STATS = "stats.md"
DATA = "data/index.md"  # beside the export files of render/export.py
SEARCH = "search.md"  # hand-written (docs/search.md)
READING_LIST = "list.md"  # hand-written (docs/list.md): the reader's list, kept in the browser
FEEDS = "feeds"

# Top-level names the generator owns in docs/: everything below them is rewritten
# on each run (and removed when no longer produced). Hand-written pages live beside them.
GENERATED_ROOTS = ("index.md", "archive", "topics", "orgs", "weeks", "p", "data", FEEDS, TRENDING, TOP, STATS)


def day_path(date: dt.date) -> str:
    return f"archive/{date.year:04d}/{date.month:02d}/{date.day:02d}.md"


def month_path(year: int, month: int) -> str:
    return f"archive/{year:04d}/{month:02d}.md"


def year_path(year: int) -> str:
    return f"archive/{year:04d}/index.md"


def topic_path(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def org_path(slug: str) -> str:
    """One organization's page: ``orgs/tencent.md`` (``slug`` from ``generator.render.organizations``)."""
    return f"orgs/{slug}.md"


def orgs_index_path(page: int) -> str:
    """The ranking of organizations, 1 on ``orgs/index.md``, then ``orgs/page-2.md``..."""
    return ORGS if page == 1 else f"orgs/page-{page}.md"


def period_path(landing: str, year: int | None, month: int | None = None, part: int = 1) -> str:
    """A page of a topic's or an organization's papers, beside its landing page ``landing``:
    ``topics/agents.md`` → ``topics/agents/2026.md`` (a year), ``topics/agents/2026/07.md``
    (a month of a busy year), ``topics/agents/2026/07/2.md`` (the second page of a month too busy
    for one), ``topics/agents/undated.md`` (papers without a date: ``year`` None)."""
    folder = landing[: -len(".md")]
    if year is None:
        return f"{folder}/undated.md"
    if month is None:
        return f"{folder}/{year:04d}.md"
    return f"{folder}/{year:04d}/{month:02d}.md" if part == 1 else f"{folder}/{year:04d}/{month:02d}/{part}.md"


def iso_week(date: dt.date) -> tuple[int, int]:
    """(ISO year, ISO week) of ``date``: weeks start on Monday; 29 Dec 2025 is in 2026-W01."""
    year, week, _ = date.isocalendar()
    return year, week


def week_path(year: int, week: int) -> str:
    """An ISO week: ``weeks/2026-W29.md``, not in the navigation (linked from its days and months)."""
    return f"weeks/{year:04d}-W{week:02d}.md"


def permalink_path(shard: str) -> str:
    """The short links of one arXiv month: ``p/2607/index.html``, served at /p/2607/ (#2607.10383 picks the paper).

    A plain HTML file (not Markdown), so MkDocs copies it instead of rendering a themed page.
    """
    return f"p/{shard}/index.html"


def feed_path(name: str) -> str:
    """A feed below docs/feeds/: ``feeds/latest.rss.xml``, ``feeds/topics/<id>.atom.xml``..."""
    return f"{FEEDS}/{name}"


def page_url(path: str) -> str:
    """The URL, relative to the site's root, of the page built from docs file ``path`` (directory URLs):
    ``archive/2026/07/14.md`` → ``archive/2026/07/14/``, ``topics/index.md`` → ``topics/``,
    ``index.md`` → ``""``, ``p/2607/index.html`` → ``p/2607/``; any other file (a feed) is served as
    it is named. The same URLs as MkDocs' own ``File.url``."""
    if path == "index.html" or path.endswith("/index.html"):
        return path[: -len("index.html")]
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    return stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
