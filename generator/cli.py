"""The command line: ``python -m generator COMMAND``.

Each command's docstring is its ``--help`` text, with an example.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import logging
import os
import time
from pathlib import Path

import click

from .build import run_mkdocs
from .check import check_command
from .commit_command import commit as commit_command
from .config import Settings, load_settings
from .fetch_command import fetch as fetch_command
from .generate import render_pages, write_pages
from .ingest import ingest as ingest_files
from .listing_command import import_listing as import_listing_command
from .search_index import index_site
from .stamp import stamp_env
from .store import Store
from .topic_members import load_found
from .topics import load_topics

log = logging.getLogger(__name__)


@click.group()
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The site's mkdocs.yml; the archive's settings are under extra.archive.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what each step does.")
@click.version_option(package_name="hf-daily-papers-archive")
@click.pass_context
def cli(ctx: click.Context, config_file: Path, verbose: bool) -> None:
    """Keep a static, searchable archive of Hugging Face Daily Papers.

    Data flows one way: fetch (or ingest) → content/ → generate → docs/ →
    build → site/.

    Example: python -m generator build && python -m generator serve
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = functools.partial(load_settings, config_file)


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj()


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def ingest(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Merge saved /api/daily_papers answers (JSON files) into content/.

    Papers are merged by id: one seen again keeps its place and gets the
    newest counts; nothing already stored is dropped. The listing day comes
    from each paper's submittedOnDailyAt, or else from the date in the file
    name (YYYY-MM-DD.json).

    Example: python -m generator ingest saved/2026-07-14.json saved/2026-07-15.json
    """
    settings = _settings(ctx)
    report = ingest_files(Store(settings.content_dir), files)
    click.echo(f"ingest: {len(files)} files, {report.summary()}")


@cli.command()
@click.pass_context
def generate(ctx: click.Context) -> None:
    """Write the Markdown pages (days, months, years, topics, home) into docs/.

    Only files whose content changed are rewritten; pages no longer produced
    are removed. The same content always gives byte-identical pages.

    Example: python -m generator generate
    """
    settings = _settings(ctx)
    report = _generate(settings)
    click.echo(f"generate: {report.summary()}")


def _generate(settings: Settings):
    archive = Store(settings.content_dir).load()
    topics = load_topics(settings.topics_file)
    return write_pages(
        settings.docs_dir,
        render_pages(
            archive,
            topics,
            site_url=settings.site_url,
            site_name=settings.site_name,
            found=load_found(settings.content_dir, topics),
        ),
    )


@cli.command()
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="site",
    show_default=True,
    help="Where to write the built site.",
)
@click.pass_context
def build(ctx: click.Context, site_dir: Path) -> None:
    """Generate the pages, build the whole site with MkDocs, and index it for search (no network needed).

    The build is strict: a broken link between pages fails it. Search is
    Pagefind's index, written into SITE_DIR/pagefind/ after MkDocs.

    Example: python -m generator build --site-dir site
    """
    settings = _settings(ctx)
    started = time.perf_counter()
    report = _generate(settings)
    click.echo(f"generate: {report.summary()}")
    dates = Store(settings.content_dir).dates()
    stamp = stamp_env(dates[-1] if dates else None, dt.datetime.now(dt.timezone.utc), os.environ)
    run_mkdocs(settings.config_file, site_dir.resolve(), env=stamp)
    click.echo(f"search: {index_site(site_dir.resolve()).summary()}")
    click.echo(f"build: site written to {site_dir} in {time.perf_counter() - started:.1f} s")
    click.echo("open it with: python -m generator serve")


@cli.command()
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default="site", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
def serve(site_dir: Path, port: int) -> None:
    """Serve the built site on http://127.0.0.1:PORT/ (run `build` first).

    Example: python -m generator serve --port 8000
    """
    if not (site_dir / "index.html").is_file():
        raise click.ClickException(f"{site_dir}/index.html not found: run `python -m generator build` first")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        click.echo(f"serving {site_dir} at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


cli.add_command(fetch_command)
cli.add_command(import_listing_command)
cli.add_command(commit_command)
cli.add_command(check_command)


def main() -> None:
    cli(prog_name="python -m generator")
