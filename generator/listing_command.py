"""The ``import-listing`` command: a saved listing page's papers join a topic."""

from __future__ import annotations

from pathlib import Path

import click

from .listing_store import import_listing as import_listing_file
from .topics import load_topics


@click.command("import-listing")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--topic", "topic_id", required=True, help="The id of the topic (in content/topics.yml) the papers join.")
@click.option(
    "--year",
    type=click.IntRange(1990, 2100),
    default=None,
    help="The year the page was viewed: dates shown without a year (Feb 10) are in it. "
    "Default: the latest year in which the viewing date of the page's header (Feb 24) is not in the future.",
)
@click.pass_context
def import_listing(ctx: click.Context, file: Path, topic_id: str, year: int | None) -> None:
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
    settings = ctx.obj()
    topics = load_topics(settings.topics_file)
    report = import_listing_file(settings.content_dir, topics, file, topic_id, year)
    for line in report.lines():
        click.echo(line)
