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
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click
from tqdm import tqdm

from .config import Settings, load_settings
from .content.changes import commit_content
from .content.check import check_content
from .content.days import DayStore
from .content.topics import load_topics
from .errors import ContentError
from .hub.fetch import FetchSummary, describe_plan, fetch, plan_fetch
from .hub.listing_import import import_listing
from .hub.saved_answers import ingest
from .render.generate import generate
from .site.build import build
from .site.serve import serve

log = logging.getLogger(__name__)

# Below this many days a fetch is over in seconds: no progress bar.
PROGRESS_MIN_DAYS = 8


@dataclass
class Project:
    """What every command shares: the mkdocs.yml it works on, read on first use."""

    config_file: Path
    verbose: bool = False

    @functools.cached_property
    def settings(self) -> Settings:
        return load_settings(self.config_file)


pass_project = click.make_pass_decorator(Project)


class DateParam(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


DATE = DateParam()


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
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.obj = Project(config_file, verbose)


# -- hub: from the Hub into content/ -------------------------------------------


@cli.command("fetch")
@click.option("--date", "date", type=DATE, help="Fetch this one listing day.")
@click.option("--since", type=DATE, help="First day of a range (default: the last stored day minus a few days).")
@click.option("--until", type=DATE, help="Last day of a range (default: today, UTC).")
@click.option("--dry-run", is_flag=True, help="Print what would be fetched; send no request, write nothing.")
@click.option("--no-search", is_flag=True, help="Skip the topics' Hub search queries.")
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal, for long runs)."
)
@pass_project
def fetch_command(
    project: Project,
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
    Then runs the topics' Hub search queries (content/topics.yml `queries:`).

    HF_TOKEN (optional) is sent as a bearer token; HF_ENDPOINT changes the
    Hub's address (default https://huggingface.co). Exits non-zero when a day
    failed, after saving every day that worked.

    Example: python -m generator fetch --since 2023-05-04 --until 2023-12-31
    """
    settings = project.settings
    plan = plan_fetch(settings, date=date, since=since, until=until, search=not no_search)
    if dry_run:
        for line in describe_plan(plan):
            click.echo(line)
        return
    show = progress if progress is not None else (len(plan.days) >= PROGRESS_MIN_DAYS and sys.stderr.isatty())
    bar = tqdm(total=len(plan.days), unit="day", desc="fetch", file=sys.stderr, disable=not show, dynamic_ncols=True)

    def advance(kind: str, summary: FetchSummary) -> None:
        if kind == "day":
            bar.update(1)
        bar.set_postfix(papers=summary.papers_found, requests=summary.requests, failed=len(summary.failures))

    with bar:
        summary = fetch(settings, plan, progress=advance)
    click.echo(summary.line())
    for failure in summary.failures:
        click.echo(f"failed: {failure}", err=True)
    summary.raise_for_failures(plan)


@cli.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_project
def ingest_command(project: Project, files: tuple[Path, ...]) -> None:
    """Merge saved /api/daily_papers answers (JSON files) into content/.

    Papers are merged by id: one seen again keeps its place and gets the
    newest counts; nothing already stored is dropped. The listing day comes
    from each paper's submittedOnDailyAt, or else from the date in the file
    name (YYYY-MM-DD.json). Every file is read before anything is written.

    Example: python -m generator ingest saved/2026-07-14.json saved/2026-07-15.json
    """
    report = ingest(DayStore(project.settings.content_dir), files)
    click.echo(f"ingest: {len(files)} files, {report.summary()}")


@cli.command("import-listing")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--topic", "topic_id", required=True, help="The id of the topic (in content/topics.yml) the papers join.")
@click.option(
    "--year",
    type=click.IntRange(1990, 2100),
    default=None,
    help="The year the page was viewed: dates shown without a year (Feb 10) are in it. "
    "Default: the latest year in which the viewing date of the page's header (Feb 24) is not in the future.",
)
@pass_project
def import_listing_command(project: Project, file: Path, topic_id: str, year: int | None) -> None:
    """Import a saved Hugging Face papers listing page (its text) into a topic.

    Save the page's text (select all, copy, paste into a .txt file). Each
    paper block gives a title, abstract, author count, publication date and
    upvotes; blocks without author or date lines are kept without them.
    Anything that cannot be read is listed as skipped, with its line.
    Papers already in the archive (same title) are shown as the stored
    paper. Imports are kept in content/listings/TOPIC.json; importing a file
    again updates it and never drops a paper. Run `generate` to see the page.

    Example: python -m generator import-listing saved/entropy-search.txt --topic entropy --year 2026
    """
    settings = project.settings
    report = import_listing(settings.content_dir, load_topics(settings.topics_file), file, topic_id, year)
    for line in report.lines():
        click.echo(line)


# -- content: the stored data itself -------------------------------------------


@cli.command("check")
@pass_project
def check_command(project: Project) -> None:
    """Validate every content file (days, topics, Hub searches, saved listing pages); write nothing.

    Lists every problem found, one line each, as FILE: PROBLEM, and exits
    non-zero when there is any. Run it after editing content/ by hand.

    Example: python -m generator check
    """
    settings = project.settings
    report = check_content(settings.content_dir, settings.topics_file)
    for problem in report.problems:
        click.echo(problem, err=True)
    if report.problems:
        raise ContentError(None, report.verdict(settings.content_dir))
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
    outcome = commit_content(
        project.settings.content_dir, dry_run=dry_run, summary_file=summary_file, output_file=output_file
    )
    if dry_run:
        click.echo(outcome.summary.message() if outcome.summary.changed else "commit: nothing changed in content/")
    elif outcome.sha is None:
        click.echo("commit: nothing changed in content/, no commit")
    else:
        click.echo(f"commit: {outcome.sha[:12]} {outcome.summary.subject()}")


# -- render: content/ into Markdown pages ---------------------------------------


@cli.command("generate")
@pass_project
def generate_command(project: Project) -> None:
    """Write the Markdown pages (days, weeks, months, years, topics, rankings, stats, feeds, home) into docs/.

    Only files whose content changed are rewritten; pages no longer produced
    are removed. The same content always gives byte-identical pages.

    Example: python -m generator generate
    """
    click.echo(f"generate: {generate(project.settings).summary()}")


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


@cli.command("serve")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default="site", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
def serve_command(site_dir: Path, port: int) -> None:
    """Serve the built site on http://127.0.0.1:PORT/ (run `build` first).

    Example: python -m generator serve --port 8000
    """
    serve(site_dir, port, ready=lambda url: click.echo(f"serving {site_dir} at {url} (Ctrl+C to stop)"))


def main(argv: Sequence[str] | None = None) -> None:
    """The one place where an error becomes an exit: one line on stderr, status 1 (2 for a usage error)."""
    verbose = "-v" in (argv or sys.argv[1:]) or "--verbose" in (argv or sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="python -m generator", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except click.ClickException as e:
        if verbose and not isinstance(e, click.UsageError):
            traceback.print_exc()
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
