"""The Markdown of one paper: as a card (day pages) or as a one-line summary (lists)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Paper
from ...wording import plural
from .. import paths, titles
from ..mdtext import anchor_id, clean, html_link, html_text, hub_profile_url, relpath, text, url_relpath
from .permalink import permalink_href


def paper_url(paper: Paper, source: str) -> str:
    """Relative link from page ``source`` to the paper's anchor on its day page."""
    assert paper.day is not None
    return f"{relpath(paths.day_path(paper.day), source)}#{anchor_id(paper.id)}"


def links_line(paper: Paper, source: str) -> str:
    """arXiv id · Hugging Face · PDF · GitHub ★ · Project page · permalink · published (HTML), each only when known."""
    parts = []
    if paper.is_arxiv:
        parts += [
            f'<a href="{paper.arxiv_url}">arXiv {paper.id}</a>',
            f'<a href="{paper.hub_url}">Hugging Face</a>',
            f'<a href="{paper.pdf_url}">PDF</a>',
        ]
    else:
        parts.append(html_text(paper.id))
    if paper.github_repo:
        gh = html_link("GitHub", paper.github_repo)
        if paper.github_stars is not None:
            gh += f" ★ {paper.github_stars:,}"
        parts.append(gh)
    if paper.project_page:
        parts.append(html_link("Project page", paper.project_page))
    short = permalink_href(paper, source)
    if short is not None:
        parts.append(
            f'<a class="paper-permalink" href="{short}" title="Short permanent link to this paper">permalink</a>'
        )
    if paper.published:
        published = titles.short_date(paper.published)
        if paper.day is not None and paper.day.year == paper.published.year:
            published = published.rsplit(" ", 1)[0]  # the day page says the year: "20 Aug" is shorter on a phone
        parts.append(f"published {published}")
    return " · ".join(parts)


@dataclass(frozen=True)
class Related:
    """The site's other pages a paper's card links: its topics and its organization's page."""

    topics: Sequence[tuple[str, str]] = ()  # (title, docs path) of each topic it belongs to
    org_page: str | None = None  # docs path of its organization's page


# The authors a card shows before "+N more": three names fit on one line of a phone
# (a 402-author paper would otherwise be a block 1,459 px tall on a desktop).
AUTHORS_SHOWN = 3
# Without an AI summary, a card shows the abstract's first sentence (within these many
# characters); the rest of the abstract is one click away.
LEAD_MIN, LEAD_MAX = 60, 280
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]?\s+(?=[A-Z0-9(“\"'])")


def lead_and_rest(abstract: str) -> tuple[str, str]:
    """The abstract (cleaned) cut in two: its first sentence (or its first ~280 characters,
    at a space), and the rest ('' when it is that short). ``lead + " " + rest`` is the abstract."""
    whole = clean(abstract)
    if len(whole) <= LEAD_MAX:
        return whole, ""
    for m in _SENTENCE_END.finditer(whole, LEAD_MIN):
        if m.end() > LEAD_MAX:
            break
        return whole[: m.end()].rstrip(), whole[m.end() :]
    cut = whole.rfind(" ", 0, LEAD_MAX)
    cut = cut if cut > 0 else LEAD_MAX
    return whole[:cut].rstrip(), whole[cut:].lstrip()


def _meta(paper: Paper, source: str, org_page: str | None) -> str:
    """▲ upvotes · comments · organization · submitter."""
    meta = [f"▲ {paper.upvotes}"]
    if paper.comments:
        meta.append(plural(paper.comments, "comment"))
    if paper.organization is not None:
        name = html_text(paper.organization.fullname or paper.organization.name)
        if org_page is not None:
            name = f'<a class="paper-org" href="{url_relpath(org_page, source)}">{name}</a>'
        meta.append(name)
    if paper.submitter:
        profile = hub_profile_url(paper.submitter)
        # Shown by the name they show on the Hub, linked to their profile (the handle in the tooltip).
        who = html_text(paper.submitter_fullname or paper.submitter)
        handle = html_text(paper.submitter)
        if profile is not None:
            tip = f'title="{handle} on Hugging Face"'
            who = f'<a class="paper-submitter" href="{profile}" {tip}>{who}</a>'
        meta.append(f"submitted by {who}")
    return f'<p class="paper-meta">{" · ".join(meta)}</p>'


def _authors(authors: Sequence[str]) -> str:
    """The first authors, then "+N more" that opens to the rest (a <details>: keyboard and
    screen reader friendly without a script, and the browser's find opens it on a match)."""
    names = [html_text(a) for a in authors]
    if len(names) <= AUTHORS_SHOWN + 1:
        return f'<p class="paper-authors">{", ".join(names)}</p>'
    shown, rest = names[:AUTHORS_SHOWN], names[AUTHORS_SHOWN:]
    return (
        f'<div class="paper-authors">{", ".join(shown)}, <details class="paper-more-authors">'
        f"<summary>+{len(rest)} more</summary>{', '.join(rest)}</details></div>"
    )


def _topics(source: str, topics: Sequence[tuple[str, str]]) -> str | None:
    """Topic chips, each a link to its topic page."""
    if not topics:
        return None
    chips = [f'<a class="paper-topic" href="{url_relpath(path, source)}">{html_text(t)}</a>' for t, path in topics]
    return f'<p class="paper-topics">{" ".join(chips)}</p>'


def _abstract(paper: Paper) -> str | None:
    """The abstract one click away, with the AI keywords under it.

    With an AI summary on the card the disclosure is labelled "Abstract"; without,
    its label is the abstract's first sentence, so the closed card still says what
    the paper is about, and opening it reads on into the rest.
    """
    inside = []
    # "paper-lead": the label is the abstract's first sentence (archive.css styles it as text).
    kind = "paper-abstract"
    if paper.ai_summary:
        rest = clean(paper.abstract)
        label = "Abstract" if rest else "Keywords"
    else:
        lead, rest = lead_and_rest(paper.abstract)
        label, kind = html_text(lead), "paper-abstract paper-lead"
    if rest:
        inside.append(f"<p>{html_text(rest)}</p>")
    if paper.ai_keywords:
        # Plain text, not a chip per keyword: MkDocs parses every tag of a raw HTML block
        # (Python-Markdown's HTML parser was a third of the build), and cards are most of the site.
        inside.append(f'<p class="paper-keywords">Keywords: {" · ".join(html_text(k) for k in paper.ai_keywords)}</p>')
    if inside:
        return f'<details class="{kind}"><summary>{label}</summary>{"".join(inside)}</details>'
    if not paper.ai_summary and clean(paper.abstract):
        return f'<p class="{kind}">{label}</p>'
    return None


def paper_card(paper: Paper, source: str, related: Related = Related(), level: int = 2) -> str:
    """A paper as a card that scans, under a heading that carries its stable anchor.

    Title; ▲ upvotes, comments, organization (linked to its page here), submitter
    (linked to the Hub profile); the first authors and "+N more"; the AI summary,
    or without one the abstract's first sentence; topic chips; the abstract and
    the AI keywords one click away (a closed <details>: still in the page's text,
    so the site search and the browser's find see it); links to the Hub, arXiv,
    the PDF, GitHub and the project page.

    The heading is Markdown (so it joins the page's table of contents); the rest
    is one raw HTML block with every untrusted text HTML-escaped. Python-Markdown
    passes a raw HTML block through untouched, which is both safe and about twice
    as fast to build as the same content written as Markdown: on a day page the
    paper bodies are most of what MkDocs has to convert.
    """
    heading = f"{'#' * level} {text(paper.display_title)} {{ #{anchor_id(paper.id)} .paper-title }}"
    body = [_meta(paper, source, related.org_page)]
    if paper.authors:
        body.append(_authors(paper.authors))
    if paper.ai_summary:
        body.append(f'<p class="paper-summary">{html_text(paper.ai_summary)}</p>')
    # The abstract's toggle, the topic chips and the links share a line while the abstract is closed (archive.css).
    links = f'<p class="paper-links">{links_line(paper, source)}</p>'
    foot = [part for part in (_abstract(paper), _topics(source, related.topics), links) if part]
    body.append(f'<div class="paper-foot">{"".join(foot)}</div>')
    return "\n".join([heading, "", '<div class="paper-card">', *body, "</div>", ""])


def summary_line(paper: Paper, source: str, show_day: bool = True) -> str:
    """A list item: title linked to its day-page anchor, upvotes, first authors, day."""
    authors = ", ".join(text(a) for a in paper.authors[:3])
    if len(paper.authors) > 3:
        authors += " et al."
    parts = [f"[{text(paper.display_title)}]({paper_url(paper, source)})", f"▲ {paper.upvotes}"]
    if authors:
        parts.append(authors)
    if show_day and paper.day:
        parts.append(titles.short_date(paper.day))
    return "- " + " · ".join(parts)
