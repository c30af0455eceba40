"""The Markdown of one paper: in full (day pages) or as a one-line summary (lists)."""

from __future__ import annotations

from collections.abc import Sequence

from .. import paths
from ..mdtext import anchor_id, link, relpath, text
from ..model import Paper
from .permalink import permalink_href


def paper_url(paper: Paper, source: str) -> str:
    """Relative link from page ``source`` to the paper's anchor on its day page."""
    assert paper.day is not None
    return f"{relpath(paths.day_page(paper.day), source)}#{anchor_id(paper.id)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def links_line(paper: Paper) -> str:
    """Hugging Face · arXiv · PDF · GitHub ★ · Project page, each only when it exists."""
    parts = []
    if paper.is_arxiv:
        parts += [f"[Hugging Face]({paper.hub_url})", f"[arXiv]({paper.arxiv_url})", f"[PDF]({paper.pdf_url})"]
    if paper.github_repo:
        gh = link("GitHub", paper.github_repo)
        if paper.github_stars is not None:
            gh += f" ★ {paper.github_stars:,}"
        parts.append(gh)
    if paper.project_page:
        parts.append(link("Project page", paper.project_page))
    return " · ".join(parts)


def full_entry(paper: Paper, source: str, topics: Sequence[tuple[str, str]] = (), level: int = 2) -> str:
    """A paper in full, under a heading that carries its stable anchor.

    ``topics`` are (title, docs path) pairs of the topics the paper belongs to.
    """
    lines = [f"{'#' * level} {text(paper.title)} {{ #{anchor_id(paper.id)} }}", ""]
    meta = [f"▲ {paper.upvotes}"]
    if paper.comments:
        meta.append(_plural(paper.comments, "comment"))
    meta.append(f"arXiv {text(paper.id)}" if paper.is_arxiv else text(paper.id))
    short = permalink_href(paper, source)
    if short is not None:
        # Raw HTML: MkDocs would flag a Markdown link to a directory of static files as unrecognized.
        meta.append(f'<a class="paper-permalink" href="{short}" title="Short permanent link to this paper">permalink</a>')
    if paper.published:
        meta.append(f"published {paths.short_date(paper.published)}")
    links = links_line(paper)
    lines += [" · ".join(meta) + (f" · {links}" if links else ""), "{ .paper-meta }", ""]
    if paper.authors:
        byline = ", ".join(text(a) for a in paper.authors)
        if paper.organization:
            byline += f" — {text(paper.organization.fullname or paper.organization.name)}"
        lines += [byline, "{ .paper-authors }", ""]
    lines += [text(paper.abstract), "{ .paper-abstract }", ""]
    if paper.ai_summary:
        lines += ['??? abstract "AI summary"', "", f"    {text(paper.ai_summary)}", ""]
    if paper.ai_keywords:
        lines += ["**Keywords:** " + ", ".join(text(k) for k in paper.ai_keywords), "{ .paper-keywords }", ""]
    if topics:
        lines += [
            "**Topics:** " + ", ".join(f"[{text(title)}]({relpath(path, source)})" for title, path in topics),
            "{ .paper-topics }",
            "",
        ]
    return "\n".join(lines)


def summary_line(paper: Paper, source: str, show_day: bool = True) -> str:
    """A list item: title linked to its day-page anchor, upvotes, first authors, day."""
    authors = ", ".join(text(a) for a in paper.authors[:3])
    if len(paper.authors) > 3:
        authors += " et al."
    parts = [f"[{text(paper.title)}]({paper_url(paper, source)})", f"▲ {paper.upvotes}"]
    if authors:
        parts.append(authors)
    if show_day and paper.day:
        parts.append(paths.short_date(paper.day))
    return "- " + " · ".join(parts)
