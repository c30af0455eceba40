"""The ``commit`` command: the update workflow's "commit content/ only when something changed"."""

from __future__ import annotations

from pathlib import Path

import click

from .changes import commit_content, pending_changes
from .config import Settings


def _append(path: Path | None, text: str) -> None:
    if path is not None:
        with path.open("a", encoding="utf-8") as f:
            f.write(text)


@click.command("commit")
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
@click.pass_context
def commit(ctx: click.Context, dry_run: bool, summary_file: Path | None, output_file: Path | None) -> None:
    """Commit the changed content/ (after a fetch) with a message saying what changed.

    The message names the days added and updated and counts the papers added
    and updated. Nothing changed: no commit, exit 0. A paper stored in the
    last commit that is stored nowhere now: no commit, exit 1. Only content/
    is committed, whatever else is staged; pushing is left to the caller.

    Example: python -m generator fetch && python -m generator commit && git push
    """
    settings: Settings = ctx.obj()
    summary = pending_changes(settings.content_dir)
    if dry_run:
        click.echo(summary.message() if summary.changed else "commit: nothing changed in content/")
        return
    try:
        sha = commit_content(settings.content_dir, summary)
    except click.ClickException:
        _append(summary_file, summary.markdown(committed=False))
        _append(output_file, "committed=false\n")
        raise
    _append(summary_file, summary.markdown(committed=sha is not None))
    _append(output_file, f"committed={'true' if sha else 'false'}\n" + (f"commit={sha}\n" if sha else ""))
    if sha is None:
        click.echo("commit: nothing changed in content/, no commit")
    else:
        click.echo(f"commit: {sha[:12]} {summary.subject()}")
