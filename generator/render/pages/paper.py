"""A paper as the pages show it: a card on its day page, a compact card in every list.

Both are written by templates (``templates/card.html``, ``templates/item.html``) from a
*view* of the paper made here: plain values, which the templates escape, and the URLs
already made safe (``templating.href``, ``templating.site_href``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ...model import Paper
from ...wording import plural
from .. import paths, titles
from ..mdtext import anchor_id, clean, hub_profile_url, relpath, text
from ..templating import View, href, render, site_href
from .permalink import permalink_href

# The thumbnails' box (width, height): the Hub's social previews of papers; set on every
# <img> so the page does not move when they arrive (archive.css crops to this ratio).
THUMB_SIZE = (1200, 648)


def paper_url(paper: Paper, source: str) -> str:
    """Relative link from page ``source`` to the paper's anchor on its day page."""
    assert paper.day is not None
    return f"{relpath(paths.day_path(paper.day), source)}#{anchor_id(paper.id)}"


@dataclass(frozen=True)
class Related:
    """The site's other pages a paper's card links: its topics and its organization's page."""

    topics: Sequence[tuple[str, str]] = ()  # (title, docs path) of each topic it belongs to
    org_page: str | None = None  # docs path of its organization's page
    # Papers like this one (title, docs path with #anchor), shown under the card's links
    # ("Similar papers"): filled by whoever computes them at build time.
    similar: Sequence[tuple[str, str]] = ()


def no_related(paper: Paper) -> Related:
    return Related()


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


def stars(count: int) -> str:
    """GitHub stars as people read them: ★ 950, ★ 1,234, ★ 12.3k."""
    if count >= 10_000:
        return f"★ {count / 1000:.1f}k".replace(".0k", "k")
    return f"★ {count:,}"


def _links(paper: Paper) -> list[tuple[str, Markup, str | None]]:
    """(label, URL, extra) of each of the paper's outside links, only those known and safe."""
    links: list[tuple[str, Markup, str | None]] = []
    if paper.is_arxiv:
        links += [("arXiv", Markup(paper.arxiv_url), None), ("PDF", Markup(paper.pdf_url), None)]
    github = href(paper.github_repo)
    if github is not None:
        links.append(("GitHub", github, stars(paper.github_stars) if paper.github_stars is not None else None))
    project = href(paper.project_page)
    if project is not None:
        links.append(("Project page", project, None))
    return links


def _common(paper: Paper, source: str, related: Related, thumbnails: bool) -> dict[str, Any]:
    """What a card and a list entry both show."""
    org_href = site_href(related.org_page, source) if related.org_page else None
    return View(
        {
            "id": paper.id,
            "anchor": anchor_id(paper.id),
            "is_arxiv": paper.is_arxiv,
            "title": paper.display_title,
            "upvotes": paper.upvotes,
            "day": paper.day.isoformat() if paper.day else None,
            "thumb": href(paper.thumbnail) if thumbnails else None,
            "org": (paper.organization.fullname or paper.organization.name) if paper.organization else None,
            "org_href": org_href,
            "links": _links(paper),
            "day_href": None,
            "day_label": None,
            "permalink": None,
            "published": None,
        }
    )


def card_view(paper: Paper, source: str, related: Related, thumbnails: bool) -> dict[str, Any]:
    """The values of ``templates/card.html`` for ``paper`` on the page built from ``source``."""
    view = _common(paper, source, related, thumbnails)
    view["comments"] = plural(paper.comments, "comment") if paper.comments else None
    view["submitter"] = (paper.submitter_fullname or paper.submitter) if paper.submitter else None
    profile = hub_profile_url(paper.submitter)
    view["submitter_href"] = Markup(profile) if profile else None
    view["submitter_handle"] = paper.submitter
    names = list(paper.authors)
    if len(names) <= AUTHORS_SHOWN + 1:
        view["authors_shown"], view["authors_rest"] = names, []
    else:
        view["authors_shown"], view["authors_rest"] = names[:AUTHORS_SHOWN], names[AUTHORS_SHOWN:]
    view["summary"] = paper.ai_summary or None
    # The abstract one click away, with the AI keywords and the similar papers under it. With an
    # AI summary on the card the disclosure is labelled "Abstract"; without, its label is the
    # abstract's first sentence ("paper-lead", styled as text), so the closed card still says
    # what it is about. (The similar papers inside the opened card, not a line of their own:
    # a phone's day stays as short.)
    if paper.ai_summary:
        rest = clean(paper.abstract)
        label = "Abstract" if rest else "Keywords" if paper.ai_keywords else "Similar papers"
        kind = "paper-abstract"
    else:
        label, rest = lead_and_rest(paper.abstract)
        kind = "paper-abstract paper-lead"
    inside = bool(rest or paper.ai_keywords or related.similar)
    view["abstract_rest"] = rest
    view["abstract_label"] = label if (inside or not paper.ai_summary) else None
    view["abstract_inside"] = inside
    view["abstract_class"] = kind
    view["keywords"] = list(paper.ai_keywords)
    view["topics"] = [(name, site_href(path, source)) for name, path in related.topics]
    view["similar"] = [(name, site_href(path, source)) for name, path in related.similar]
    short = permalink_href(paper, source)
    view["permalink"] = Markup(short) if short else None
    if paper.published:
        published = titles.short_date(paper.published)
        if paper.day is not None and paper.day.year == paper.published.year:
            published = published.rsplit(" ", 1)[0]  # the day page says the year: "20 Aug" is shorter on a phone
        view["published"], view["published_label"] = paper.published.isoformat(), published
    return view


def byline(authors: Sequence[str]) -> str:
    """The first three authors, "et al." after them."""
    names = ", ".join(clean(a) for a in authors[:3])
    return names + " et al." if len(authors) > 3 else names


def item_view(
    paper: Paper,
    source: str,
    related: Related,
    thumbnails: bool,
    stored: bool = True,
    why: str | None = None,
    rate: str | None = None,
) -> dict[str, Any]:
    """The values of ``templates/item.html``: ``stored`` papers link their day page; ``why`` says
    why a paper is on a topic's page; ``rate`` is its trending momentum."""
    view = _common(paper, source, related, thumbnails)
    view["title_href"] = Markup(paper.hub_url) if paper.is_arxiv else None
    if stored and paper.day is not None:
        view["day_href"] = paper_url_html(paper, source)
        view["title_href"] = view["title_href"] or view["day_href"]
        view["day_label"] = titles.short_date(paper.day)
    else:
        # Found outside the day store (a Hub search, a saved listing page): no day page here.
        view["day"] = None
        if paper.day is not None:
            view["day_label"] = f"on Daily Papers {titles.short_date(paper.day)}"
        elif paper.published is not None:
            view["day_label"] = f"published {titles.short_date(paper.published)}"
    count = paper.extra.get("author_count")
    view["byline"] = byline(paper.authors) or (plural(count, "author") if isinstance(count, int) else None)
    view["why"] = why
    view["rate"] = rate
    return view


def paper_url_html(paper: Paper, source: str) -> Markup:
    """``paper_url`` for raw HTML: relative to the page's URL, which MkDocs does not rewrite there."""
    assert paper.day is not None
    return site_href(f"{paths.day_path(paper.day)}#{anchor_id(paper.id)}", source)


@dataclass(frozen=True)
class Cards:
    """How the pages show papers: cards on day pages, compact cards in lists.

    ``thumbnails`` is the site's setting (``extra.archive.thumbnails``: off, no page asks
    the Hub's image server for anything); ``related_of`` gives a paper's topics and organization page.
    """

    thumbnails: bool = True
    related_of: Callable[[Paper], Related] = field(default=no_related)

    def card(self, paper: Paper, source: str, level: int = 2) -> str:
        """A paper as a card that scans, under a heading that carries its stable anchor.

        The heading is Markdown (so it joins the page's table of contents), its title a link
        to the paper's Hugging Face page; the rest is one raw HTML block from
        ``templates/card.html``. Python-Markdown passes a raw HTML block through untouched,
        which is both safe and about twice as fast to build as the same content as Markdown.
        """
        title = text(paper.display_title)
        if paper.is_arxiv:
            title = f"[{title}]({paper.hub_url})"
        heading = f"{'#' * level} {title} {{ #{anchor_id(paper.id)} .paper-title }}"
        view = card_view(paper, source, self.related_of(paper), self.thumbnails)
        body = render("card.html", p=view, thumb_size=THUMB_SIZE)
        return f"{heading}\n\n{body}\n"

    def items(self, views: Sequence[dict[str, Any]], ranked: bool = True, start: int = 1) -> str:
        """A list of compact cards (``item_view`` each), numbered when ``ranked``: one raw HTML block."""
        if not views:
            return ""
        return render("items.html", items=views, ranked=ranked, start=start, thumb_size=THUMB_SIZE)

    def item(self, paper: Paper, source: str, **extra: Any) -> dict[str, Any]:
        return item_view(paper, source, self.related_of(paper), self.thumbnails, **extra)

    def papers(self, papers: Sequence[Paper], source: str, ranked: bool = True) -> str:
        """``papers`` (stored ones) as a list of compact cards."""
        return self.items([self.item(p, source) for p in papers], ranked=ranked)
