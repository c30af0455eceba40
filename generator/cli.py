"""The command line, ``python -m generator COMMAND``: every command of the archive, in one place.

Each command only parses its options and calls one function of its stage,
in the order the data flows:

    fetch, ingest, import-listing   generator/hub/      Hub → content/
    check, commit                   generator/content/  content/ itself
    generate                        generator/render/   content/ → docs/
    build, serve                    generator/site/     docs/ → site/

Each command's docstring is its ``--help`` text, with an example. Errors
are ``generator.errors.ArchiveError``s: ``main`` turns each into one line
``Error: <where>: <what>`` and a non-zero exit (``-v`` adds the traceback).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from .config import Settings, load_settings
from .content.changes import commit_content
from .content.check import check_content
from .content.days import DayStore
from .content.lock import writing
from .content.merge import ChangeGuard
from .content.topics import load_topics
from .errors import ContentError, VerifyError, inert, redact
from .hub.client import HubAccess, HubClient
from .hub.fetch import DEFAULT_BUDGET, FetchSummary, fetch
from .hub.listing_import import import_listing
from .hub.listing_resolve import resolve_listings
from .hub.plan import FetchPlan, describe_plan, plan_fetch
from .hub.saved_answers import ingest
from .model import parse_time
from .render.generate import generate, topic_warnings
from .site.build import build
from .site.serve import serve
from .site.verify import verify_site

log = logging.getLogger(__name__)

# Below this many days a fetch is over in seconds: no progress bar.
PROGRESS_MIN_DAYS = 8


@dataclass
class Project:
    """What every command shares: the mkdocs.yml it works on (read on first use), whether to say
    more, and where the Hub is (``HubAccess``: the environment, read once, here)."""

    config_file: Path = Path("mkdocs.yml")
    verbose: bool = False
    hub: HubAccess = field(default_factory=HubAccess)

    @functools.cached_property
    def settings(self) -> Settings:
        return load_settings(self.config_file)

    @contextmanager
    def writing(self) -> Iterator[Settings]:
        """The settings, while holding the content lock (one writer at a time; see ``content.lock``)."""
        settings = self.settings
        with writing(settings.content_dir):
            yield settings


class InertFormatter(logging.Formatter):
    """Every log line is one inert line (``errors.inert``) without a secret (``HubAccess.secrets``):
    text from the Hub can neither start a line of its own nor pass for a CI workflow command."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__()
        self.secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        message = inert(redact(record.getMessage(), self.secrets))
        line = f"{record.levelname} {record.name}: {message}"
        if record.exc_info:
            line += "\n" + redact(self.formatException(record.exc_info), self.secrets)
        return line


pass_project = click.make_pass_decorator(Project)


class DateParam(click.ParamType):  # type: ignore[type-arg]  # click 8.5 made ParamType generic; 8.1 (the lowest we allow) is not
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


DATE = DateParam()


class TimeParam(click.ParamType):  # type: ignore[type-arg]  # as DateParam
    name = "YYYY-MM-DDTHH:MM:SSZ"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        when = parse_time(value)
        if when is None:
            self.fail(f"{value!r} is not a time (YYYY-MM-DDTHH:MM:SSZ, or YYYY-MM-DD)", param, ctx)
        return when


TIME = TimeParam()


class StagesInOrder(click.Group):
    """Lists the commands in the order the data flows (as the README does), not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=StagesInOrder)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The site's mkdocs.yml; the archive's settings are under extra.archive.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what each step does; errors show their traceback.")
@click.version_option(package_name="hf-daily-papers-archive")
@click.pass_context
def cli(ctx: click.Context, config_file: Path, verbose: bool) -> None:
    """Keep a static, searchable archive of Hugging Face Daily Papers.

    Data flows one way: fetch (or ingest) → content/ → generate → docs/ →
    build → site/.

    Example: python -m generator build && python -m generator serve
    """
    # ``main`` reads the environment once and passes it; a caller without it (tests) reads it here.
    project = ctx.obj if isinstance(ctx.obj, Project) else Project(hub=HubAccess.from_environ(os.environ))
    project.config_file, project.verbose = config_file, verbose
    handler = logging.StreamHandler()
    handler.setFormatter(InertFormatter(project.hub.secrets()))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])
    ctx.obj = project


# -- hub: from the Hub into content/ -------------------------------------------


@cli.command("fetch")
@click.option("--date", "date", type=DATE, help="Fetch this one listing day.")
@click.option("--since", type=DATE, help="First day of a range (with --until alone: extra.archive.start_date).")
@click.option("--until", type=DATE, help="Last day of a range (default: today, UTC).")
@click.option(
    "--today",
    type=DATE,
    envvar="ARCHIVE_TODAY",
    show_envvar=True,
    help="Plan the run as if today (UTC) were this day: to see with --dry-run what any day's run fetches, "
    "or to replay a workflow's runs day by day.",
)
@click.option(
    "--dry-run", is_flag=True, help="Print which days would be fetched and why; send no request, write nothing."
)
@click.option("--no-search", is_flag=True, help="Skip the topics' Hub search queries.")
@click.option(
    "--resolve-listings",
    is_flag=True,
    help="Also look up on the Hub the papers of saved listing pages not found there yet (one search each).",
)
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal, for long runs)."
)
@click.option(
    "--time-budget",
    "budget_minutes",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_BUDGET / 60,
    show_default=True,
    metavar="MINUTES",
    help="Stop asking the Hub after this long (waits included), save what was fetched and exit non-zero.",
)
@click.option(
    "--allow-mass-change",
    is_flag=True,
    help="Write even when the run moves or retitles more than 5 % (or 50) of the stored papers; "
    "without it such a run stops before writing.",
)
@pass_project
def fetch_command(
    project: Project,
    date: dt.date | None,
    since: dt.date | None,
    until: dt.date | None,
    today: dt.date | None,
    dry_run: bool,
    no_search: bool,
    resolve_listings: bool,
    progress: bool | None,
    budget_minutes: float,
    allow_mass_change: bool,
) -> None:
    """Fetch listing days from the Hugging Face Hub and merge them into content/.

    By default runs the daily refresh: every day of the last 30 days, the
    last 180 days once a week and older days once a month (counts keep
    changing long after a day is listed); then, with what is left of its
    request budget (extra.archive.requests_per_run in mkdocs.yml, default
    300), the missing history: the days since extra.archive.start_date with
    nothing stored, newest first, so an archive fills itself over daily runs.
    --dry-run shows which days and why, and how many are missing.
    --since/--until backfill any range at once. Papers are
    merged by id, the newest fetch wins, and nothing stored is ever dropped.
    Then runs the topics' Hub search queries (content/topics.yml `queries:`).

    HF_TOKEN (optional) is sent as a bearer token; HF_ENDPOINT changes the
    Hub's address (default https://huggingface.co). Exits non-zero when a day
    failed, after saving every day that worked; stops early, saving what it
    has, when the Hub is unreachable or the time budget is spent. Items whose
    listing day no feed can have (before the feed's first day, after
    tomorrow) are quarantined: counted, never stored.

    Example: python -m generator fetch --since 2023-05-04 --until 2023-12-31
    """
    settings = project.settings
    budget = budget_minutes * 60

    def plan_now() -> FetchPlan:
        options = {"date": date, "since": since, "until": until, "today": today}
        search = not no_search
        return plan_fetch(settings, **options, search=search, resolve_listings=resolve_listings, time_budget=budget)

    if dry_run:
        for line in describe_plan(plan_now(), project.hub.shown_endpoint):
            click.echo(line)
        return
    with project.writing(), project.hub.client() as client:
        plan = plan_now()  # under the lock: the plan reads what is stored
        if plan.history is not None:  # the daily run: how far filling the history has come
            click.echo(f"history: {plan.history.line()}")
        guard = ChangeGuard(allowed=allow_mass_change)
        summary = _fetch_with_progress(settings, plan, client, guard, progress, budget)
    click.echo(summary.line())
    for failure in summary.failures:
        click.echo(f"failed: {failure}", err=True)
    summary.raise_for_failures(plan)


def _fetch_with_progress(
    settings: Settings, plan: FetchPlan, client: HubClient, guard: ChangeGuard, progress: bool | None, budget: float
) -> FetchSummary:
    show = progress if progress is not None else (len(plan.days) >= PROGRESS_MIN_DAYS and sys.stderr.isatty())
    bar = tqdm(total=len(plan.days), unit="day", desc="fetch", file=sys.stderr, disable=not show, dynamic_ncols=True)

    def advance(kind: str, summary: FetchSummary) -> None:
        if kind == "day":
            bar.update(1)
        bar.set_postfix(papers=summary.papers_found, requests=summary.requests, failed=len(summary.failures))

    with bar:
        return fetch(settings, plan, client, progress=advance, budget=budget, guard=guard)


@cli.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--fetched-at",
    type=TIME,
    help="When the answers were saved (YYYY-MM-DDTHH:MM:SSZ, or a date): newer values win over older ones. "
    "Default: not known; each paper's listing day stands in.",
)
@click.option(
    "--allow-mass-change",
    is_flag=True,
    help="Write even when the files move or retitle more than 5 % (or 50) of the stored papers.",
)
@pass_project
def ingest_command(
    project: Project, files: tuple[Path, ...], fetched_at: dt.datetime | None, allow_mass_change: bool
) -> None:
    """Merge saved /api/daily_papers answers (JSON files) into content/.

    Papers are merged by id: the newest values win, by listing day and then
    by fetch time, whatever order the files come in; nothing already stored is
    dropped. The listing day comes
    from each paper's submittedOnDailyAt, or else from the date in the file
    name (YYYY-MM-DD.json). Every file is read before anything is written.

    Example: python -m generator ingest saved/2026-07-14.json saved/2026-07-15.json
    """
    with project.writing() as settings:
        guard = ChangeGuard(allowed=allow_mass_change)
        report = ingest(DayStore(settings.content_dir), files, fetched_at, guard=guard)
    click.echo(f"ingest: {len(files)} files, {report.summary()}")


@cli.command("import-listing")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--topic", "topic_id", required=True, help="The id of the topic (in content/topics.yml) the papers join.")
@click.option(
    "--year",
    type=click.IntRange(1990, 2100),
    default=None,
    help="The year the page was viewed: dates shown without a year (Feb 10) are in it. "
    "Default: the year after the latest year the page writes out (it shows years only for earlier years).",
)
@click.option(
    "--resolve",
    is_flag=True,
    help="Look each paper up on the Hub by its title (one search each): an exact title match gives it its "
    "arXiv id and links. HF_ENDPOINT and HF_TOKEN as for fetch.",
)
@pass_project
def import_listing_command(project: Project, file: Path, topic_id: str, year: int | None, resolve: bool) -> None:
    """Import a saved Hugging Face papers listing page (its text) into a topic.

    Save the page's text (select all, copy, paste into a .txt file). Each
    paper block gives a title, abstract, author count, publication date and
    upvotes; blocks without author or date lines are kept without them.
    Anything that cannot be read is listed as skipped, with its line.
    Papers already in the archive (same title) are shown as the stored
    paper. Imports are kept in content/listings/TOPIC.json; importing a file
    again updates it and never drops a paper. With --resolve, each paper the
    Hub's search finds under exactly its title becomes that paper (arXiv id,
    links, counts). Run `generate` to see the page.

    Example: python -m generator import-listing saved/entropy-search.txt --topic entropy --resolve
    """
    with project.writing() as settings:
        report = import_listing(settings.content_dir, load_topics(settings.topics_file), file, topic_id, year)
        for line in report.lines():
            click.echo(line)
        if resolve:
            with project.hub.client() as client:
                for line in resolve_listings(client, settings.content_dir, [topic_id], guard=ChangeGuard()).lines():
                    click.echo(line)


# -- content: the stored data itself -------------------------------------------


@cli.command("check")
@pass_project
def check_command(project: Project) -> None:
    """Validate every content file (days, topics, Hub searches, saved listing pages); write nothing.

    Lists every problem found, one line each, as FILE: PROBLEM, and exits
    non-zero when there is any. Run it after editing content/ by hand. A
    topic that matches no paper is a warning (the same one `generate` gives),
    not a problem.

    Example: python -m generator check
    """
    settings = project.settings
    report = check_content(settings.content_dir, settings.topics_file, settings.config_file.name)
    for problem in report.problems:
        click.echo(problem, err=True)
    if report.problems:
        raise ContentError(None, report.verdict(settings.content_dir))
    for warning in topic_warnings(settings):
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"check: {report.verdict(settings.content_dir)}")


@cli.command("commit")
@click.option("--dry-run", is_flag=True, help="Print the commit message; commit nothing.")
@click.option(
    "--summary-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append a Markdown report of the change to this file (the workflow passes $GITHUB_STEP_SUMMARY).",
)
@click.option(
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append committed=true|false and commit=SHA lines to this file (the workflow passes $GITHUB_OUTPUT).",
)
@pass_project
def commit_command(project: Project, dry_run: bool, summary_file: Path | None, output_file: Path | None) -> None:
    """Commit the changed content/ (after a fetch) with a message saying what changed.

    The message names the days added and updated and counts the papers added
    and updated. Nothing changed: no commit, exit 0. A paper stored in the
    last commit that is stored nowhere now: no commit, exit 1. Only content/
    is committed, whatever else is staged; pushing is left to the caller.

    Example: python -m generator fetch && python -m generator commit && git push
    """
    with project.writing() as settings:
        outcome = commit_content(
            settings.content_dir, dry_run=dry_run, summary_file=summary_file, output_file=output_file
        )
    if dry_run:
        click.echo(outcome.summary.message() if outcome.summary.changed else "commit: nothing changed in content/")
    elif outcome.sha is None:
        click.echo("commit: nothing changed in content/, no commit")
    else:
        click.echo(f"commit: {outcome.sha[:12]} {outcome.summary.subject()}")


# -- render: content/ into Markdown pages ---------------------------------------


@cli.command("generate")
@click.option(
    "--today",
    type=DATE,
    help="The build's date (default: today, UTC): the home page says when the newest day is older than it.",
)
@pass_project
def generate_command(project: Project, today: dt.date | None) -> None:
    """Write every page (days, weeks, months, years, topics, organizations, rankings, stats, feeds) into docs/.

    Only files whose content changed are rewritten; pages no longer produced
    are removed. The same content and build date always give byte-identical
    pages. A topic that matches no paper is a warning.

    Example: python -m generator generate --today 2026-08-22
    """
    click.echo(f"generate: {generate(project.settings, today=today).summary()}")


# -- site: pages into a searchable static site -----------------------------------


@cli.command("build")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="site",
    show_default=True,
    help="Where to write the built site.",
)
@pass_project
def build_command(project: Project, site_dir: Path) -> None:
    """Generate the pages, build the whole site with MkDocs, and index it for the site search (no network needed).

    The build is strict: a broken link between pages fails it. The site
    search is Pagefind's index of content/, made while MkDocs runs, in
    bundles cached in .cache/search-index/ (only changed ones are indexed
    again), and copied into SITE_DIR/pagefind/.

    Example: python -m generator build --site-dir site
    """
    for line in build(project.settings, site_dir).lines():
        click.echo(line)
    click.echo("open it with: python -m generator serve")


@cli.command("verify")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="site",
    show_default=True,
    help="The built site to check.",
)
@pass_project
def verify_command(project: Project, site_dir: Path) -> None:
    """Check a built site against content/: the gate before every deploy; write nothing.

    Every stored paper must be on its day page, the site search must hold
    one record per stored paper, every feed must parse, the exports must
    hold every paper, and no page may weigh more than 300 KB. Each problem
    is one line, FILE: PROBLEM; any problem exits non-zero.

    Example: python -m generator build --site-dir site && python -m generator verify --site-dir site
    """
    report = verify_site(project.settings, site_dir)
    for problem in report.problems:
        click.echo(problem, err=True)
    if report.problems:
        raise VerifyError(None, report.verdict(site_dir))
    click.echo(f"verify: {report.verdict(site_dir)}")


@cli.command("serve")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default="site", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
def serve_command(site_dir: Path, port: int) -> None:
    """Serve the built site on http://127.0.0.1:PORT/ (run `build` first).

    A missing page gets the site's own 404 page, as on GitHub Pages.

    Example: python -m generator serve --port 8000
    """
    serve(site_dir, port, ready=lambda url: click.echo(f"serving {site_dir} at {url} (Ctrl+C to stop)"))


def main(argv: Sequence[str] | None = None) -> None:
    """The one place where an error becomes an exit: one line on stderr, status 1 (2 for a usage error).

    Whatever went wrong, the line is ``Error: <where>: <what>``, inert (one
    line, no CI workflow command) and without a secret; an unexpected
    exception too (naming its type), with its traceback under ``-v``. The
    environment is read here, once (``HubAccess``).
    """
    project = Project(hub=HubAccess.from_environ(os.environ))
    try:
        cli.main(args=argv, prog_name="python -m generator", standalone_mode=False, obj=project)
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except click.UsageError as e:
        e.show()
        sys.exit(e.exit_code)
    except click.ClickException as e:
        _fail(project, e.format_message(), e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except Exception as e:
        # A bug or a case not foreseen, still said in one line; -v shows where it came from.
        _fail(project, f"unexpected {e.__class__.__name__}: {e} (run with -v for the traceback)", 1)


def _fail(project: Project, message: str, status: int) -> None:
    secrets = project.hub.secrets()
    if project.verbose:
        click.echo(redact(traceback.format_exc(), secrets).rstrip(), err=True)
    click.echo(f"Error: {inert(redact(message, secrets))}", err=True)
    sys.exit(status)
