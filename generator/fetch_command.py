"""The ``fetch`` command: the command-line edge of ``fetch.py`` (options, progress bar, summary)."""

from __future__ import annotations

import datetime as dt
import sys

import click
from tqdm import tqdm

from .config import Settings
from .errors import FetchError
from .fetch import FetchSummary, feed_today, plan_days, run_fetch, search_queries
from .hub_client import HubClient, endpoint_from_env
from .search_store import SearchStore
from .store import Store
from .topics import load_topics

# Below this many days a run is over in seconds: no progress bar.
PROGRESS_MIN_DAYS = 8


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


DATE = _Date()


@click.command("fetch")
@click.option("--date", "date", type=DATE, help="Fetch this one listing day.")
@click.option("--since", type=DATE, help="First day of a range (default: the last stored day minus a few days).")
@click.option("--until", type=DATE, help="Last day of a range (default: today, UTC).")
@click.option("--dry-run", is_flag=True, help="Print what would be fetched; send no request, write nothing.")
@click.option("--no-search", is_flag=True, help="Skip the topics' Hub search queries.")
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal, for long runs)."
)
@click.pass_context
def fetch(
    ctx: click.Context,
    date: dt.date | None,
    since: dt.date | None,
    until: dt.date | None,
    dry_run: bool,
    no_search: bool,
    progress: bool | None,
) -> None:
    """Fetch listing days from the Hugging Face Hub and merge them into content/.

    By default fetches every day from the last stored day (minus 3: counts and
    late submissions keep changing) through today (UTC). --since/--until
    backfill any range; the archive starts at extra.archive.start_date in
    mkdocs.yml. Papers are merged by id and nothing stored is ever dropped.
    Then runs the topics' search queries (content/topics.yml `queries:`).

    HF_TOKEN (optional) is sent as a bearer token; HF_ENDPOINT changes the
    Hub's address (default https://huggingface.co). Exits non-zero when a day
    failed, after saving every day that worked.

    Example: python -m generator fetch --since 2023-05-04 --until 2023-12-31
    """
    settings: Settings = ctx.obj()
    store = Store(settings.content_dir)
    today = feed_today()
    days = plan_days(store, settings.start_date, today, date=date, since=since, until=until)
    queries = [] if no_search else search_queries(load_topics(settings.topics_file))
    if dry_run:
        _print_plan(days, queries)
        return
    show = progress if progress is not None else (len(days) >= PROGRESS_MIN_DAYS and sys.stderr.isatty())
    bar = tqdm(total=len(days), unit="day", desc="fetch", file=sys.stderr, disable=not show, dynamic_ncols=True)

    def advance(kind: str, summary: FetchSummary) -> None:
        if kind == "day":
            bar.update(1)
        bar.set_postfix(papers=summary.papers_found, requests=summary.requests, failed=len(summary.failures))

    with HubClient.from_env() as client, bar:
        summary = run_fetch(
            client, store, days, queries, search_store=SearchStore(settings.content_dir), progress=advance
        )
    click.echo(summary.line())
    if summary.failures:
        for failure in summary.failures:
            click.echo(f"failed: {failure}", err=True)
        raise FetchError(
            f"{len(summary.failures)} failed (of {len(days)} days and {len(queries)} searches); "
            "every day that worked was saved; run fetch again to retry the rest"
        )


def _print_plan(days: list[dt.date], queries: list[tuple[str, str]]) -> None:
    endpoint = endpoint_from_env()
    span = f"{days[0]}" if len(days) == 1 else f"{days[0]} .. {days[-1]}"
    click.echo(f"dry run: would fetch {len(days)} days ({span}) from {endpoint}/api/daily_papers")
    for topic_id, query in queries:
        click.echo(f"dry run: would search {query!r} for topic {topic_id}")
    click.echo("dry run: nothing requested, nothing written")
