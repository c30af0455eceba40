"""The Markdown of one paper: in full (day pages) or as a one-line summary (lists)."""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Paper
from ...wording import plural
from .. import paths, titles
from ..mdtext import anchor_id, html_link, html_text, relpath, text, url_relpath
from .permalink import permalink_href


def paper_url(paper: Paper, source: str) -> str:
    """Relative link from page ``source`` to the paper's anchor on its day page."""
    assert paper.day is not None
    return f"{relpath(paths.day_path(paper.day), source)}#{anchor_id(paper.id)}"


def links_line(paper: Paper) -> str:
    """Hugging Face · arXiv · PDF · GitHub ★ · Project page (HTML), each only when it exists."""
    parts = []
    if paper.is_arxiv:
        parts += [
            f'<a href="{paper.hub_url}">Hugging Face</a>',
            f'<a href="{paper.arxiv_url}">arXiv</a>',
            f'<a href="{paper.pdf_url}">PDF</a>',
        ]
    if paper.github_repo:
        gh = html_link("GitHub", paper.github_repo)
        if paper.github_stars is not None:
            gh += f" ★ {paper.github_stars:,}"
        parts.append(gh)
    if paper.project_page:
        parts.append(html_link("Project page", paper.project_page))
    return " · ".join(parts)


def full_entry(paper: Paper, source: str, topics: Sequence[tuple[str, str]] = (), level: int = 2) -> str:
    """A paper in full, under a heading that carries its stable anchor.

    ``topics`` are (title, docs path) pairs of the topics the paper belongs to.

    The heading is Markdown (so it joins the page's table of contents); the rest
    is one raw HTML block with every untrusted text HTML-escaped. Python-Markdown
    passes a raw HTML block through untouched, which is both safe and about twice
    as fast to build as the same content written as Markdown: on a day page the
    paper bodies are most of what MkDocs has to convert.
    """
    heading = f"{'#' * level} {text(paper.title)} {{ #{anchor_id(paper.id)} }}"
    meta = [f"▲ {paper.upvotes}"]
    if paper.comments:
        meta.append(plural(paper.comments, "comment"))
    meta.append(f"arXiv {html_text(paper.id)}" if paper.is_arxiv else html_text(paper.id))
    short = permalink_href(paper, source)
    if short is not None:
        meta.append(
            f'<a class="paper-permalink" href="{short}" title="Short permanent link to this paper">permalink</a>'
        )
    if paper.published:
        meta.append(f"published {titles.short_date(paper.published)}")
    links = links_line(paper)
    body = [f'<p class="paper-meta">{" · ".join(meta)}{f" · {links}" if links else ""}</p>']
    if paper.authors:
        byline = ", ".join(html_text(a) for a in paper.authors)
        if paper.organization:
            byline += f" — {html_text(paper.organization.fullname or paper.organization.name)}"
        body.append(f'<p class="paper-authors">{byline}</p>')
    body.append(f'<p class="paper-abstract">{html_text(paper.abstract)}</p>')
    if paper.ai_summary:
        body.append(
            f'<details class="abstract"><summary>AI summary</summary><p>{html_text(paper.ai_summary)}</p></details>'
        )
    if paper.ai_keywords:
        keywords = ", ".join(html_text(k) for k in paper.ai_keywords)
        body.append(f'<p class="paper-keywords"><strong>Keywords:</strong> {keywords}</p>')
    if topics:
        links_to = ", ".join(f'<a href="{url_relpath(path, source)}">{html_text(title)}</a>' for title, path in topics)
        body.append(f'<p class="paper-topics"><strong>Topics:</strong> {links_to}</p>')
    return "\n".join([heading, "", '<div class="paper-body">', *body, "</div>", ""])


def summary_line(paper: Paper, source: str, show_day: bool = True) -> str:
    """A list item: title linked to its day-page anchor, upvotes, first authors, day."""
    authors = ", ".join(text(a) for a in paper.authors[:3])
    if len(paper.authors) > 3:
        authors += " et al."
    parts = [f"[{text(paper.title)}]({paper_url(paper, source)})", f"▲ {paper.upvotes}"]
    if authors:
        parts.append(authors)
    if show_day and paper.day:
        parts.append(titles.short_date(paper.day))
    return "- " + " · ".join(parts)
