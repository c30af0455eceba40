"""Organization pages, as the Hub has them: one per organization, and the ranking of them all.

An organization's page (``orgs/<slug>.md``) is a collection's (``pages.collection``):
its counts, a bar per month, its top papers and all its papers by month, or for
one of more than ``PAGE_LIMIT`` papers its latest and top papers and a page per
year. The ranking (``orgs/index.md``) lists every organization, most papers
first, then most upvotes; a long ranking goes on over pages of ``ORGS_PER_PAGE``
rows (``orgs/page-2.md``...), so no page grows without bound.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...wording import plural
from .. import paths, titles
from ..mdtext import clean, hub_profile_url, link, page_head, relpath
from ..organizations import Org
from ..templating import render, site_href
from ..topic_members import Member
from .collection import PAGE_LIMIT, TOP, Collection, counts_line, render_collection
from .paper import Cards, paper_url_html

# Rows of the ranking per page: ~200 bytes of HTML each, so a page stays near 100 KB.
ORGS_PER_PAGE = 500


def render_org(org: Org, cards: Cards | None = None) -> dict[str, str]:
    """docs path → Markdown of the organization's pages."""
    members = [Member(paper=p, why=None, stored=True) for p in org.papers]
    source = org.path
    hub = hub_profile_url(org.name)
    intro = [counts_line(members)]
    if hub is not None:
        intro[0] += f" · {link(f'{org.name} on Hugging Face', hub)}"
    intro[0] += f" · [all organizations]({relpath(paths.ORGS, source)})"
    intro.append("")
    # One page up to PAGE_LIMIT cards (its top papers, then all by month): an organization is
    # browsed for its own papers, and at 40,000 papers there are thousands of organizations,
    # each page costing MkDocs ~30 ms (a page per year for each would be thousands more).
    collection = Collection(landing=source, name=org.title, members=members, one_page=PAGE_LIMIT - TOP)
    return render_collection(collection, intro, cards or Cards())


def render_orgs_index(orgs: Sequence[Org]) -> dict[str, str]:
    """The ranking of ``orgs`` (already ranked), over as many pages as it takes."""
    pages: dict[str, str] = {}
    count = max(1, -(-len(orgs) // ORGS_PER_PAGE))
    for number in range(1, count + 1):
        source = paths.orgs_index_path(number)
        title = "Organizations" if number == 1 else f"Organizations, page {number}"
        lines = [
            *page_head(title, "Every organization of the archive, ranked by papers and upvotes."),
            f"{plural(len(orgs), 'organization', grouped=True)} of the Hugging Face Hub have papers in the archive "
            "(papers submitted under an organization), ranked by papers, then upvotes.",
            "",
        ]
        if count > 1:
            lines += [_pager(number, count, source), ""]
        first = (number - 1) * ORGS_PER_PAGE
        rows = []
        for org in orgs[first : first + ORGS_PER_PAGE]:
            newest = org.papers[0]
            rows.append(
                {
                    "title": org.title,
                    "href": site_href(org.path, source),
                    # What the filter matches: the name shown and the Hub handle, folded (reader.js).
                    "filter": f"{clean(org.title)} {org.name}".casefold(),
                    "papers": len(org.papers),
                    "upvotes": org.upvotes,
                    "latest": titles.short_date(newest.day) if newest.day else None,
                    "latest_href": paper_url_html(newest, source) if newest.day else None,
                }
            )
        if rows:
            lines.append(render("orgs.html", orgs=rows, start=first + 1))
        lines.append("")
        pages[source] = "\n".join(lines)
    return pages


def _pager(number: int, count: int, source: str) -> str:
    links = [
        str(n) if n == number else f"[{n}]({relpath(paths.orgs_index_path(n), source)})" for n in range(1, count + 1)
    ]
    return "Pages: " + " · ".join(links) + "\n{ .day-nav }"
