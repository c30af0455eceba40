"""Short permalinks by arXiv id: ``/p/2607/#2607.10383`` leads to the paper's anchor on its day page.

The listing day is not part of an arXiv id, so a short link needs a page that
knows it. One file per paper (``/p/2607.10383/``) would be 40,000 files at full
size: measured here (loaded 2-core machine), writing those 40,000 files took
486 s, and checking them unchanged 24 s on every run (README, "Browsing").
Instead there is one small static HTML file per arXiv month
(``p/2607/index.html``: the id's first four digits, ~40 files for the whole
archive, ~75 bytes a paper), listing each of that month's papers as an element whose
``id`` is the arXiv id, with a plain link to the paper's day-page anchor:

* with JavaScript, a few inline lines follow that link at once (``location.replace``);
* without, the browser scrolls to the paper's entry (highlighted by ``:target``), one click away.

No JSON, no fetch, no theme: it is written as HTML, so MkDocs copies it as a
static file; it is in neither the sitemap (instant loading leaves it alone)
nor the search index, and says ``noindex``. The link stays valid when a paper
moves to a later listing day (only the entry's target changes).
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from ...model import Paper
from .. import paths, titles
from ..mdtext import anchor_id, relpath
from ..templating import render

# Follows the entry's link; an id that is not on the page is said to be missing, in words.
_REDIRECT = (
    "<script>function go(){var id=decodeURIComponent(location.hash.slice(1)),e=document.getElementById(id),"
    "a=e&&e.querySelector('a'),m=document.getElementById('missing');if(a)return location.replace(a.href);"
    "if(id){m.hidden=false;m.querySelector('code').textContent=id;m.querySelector('a').href="
    "'https://huggingface.co/papers/'+encodeURIComponent(id)}}go();addEventListener('hashchange',go)</script>"
)


def shard(paper: Paper) -> str | None:
    """The permalink page of ``paper`` (its arXiv id's yymm), or None when it has no arXiv id or day."""
    if not paper.is_arxiv or paper.day is None:
        return None
    return paper.id[:4]


def permalink_href(paper: Paper, source: str) -> str | None:
    """Relative URL from the page built from ``source`` to the paper's permalink.

    For raw HTML, which MkDocs does not rewrite: relative to the page's URL
    (``archive/2026/07/14/`` with directory URLs), not to its Markdown file.
    """
    name = shard(paper)
    if name is None:
        return None
    # mdtext.relpath, not posixpath.relpath (which asks the OS for the working
    # directory on every call): this runs once for every paper of every day page.
    up = relpath(f"p/{name}", paths.page_url(source) + "index.html")
    return f"{up}/#{anchor_id(paper.id)}"


def permalink_url(base: str, paper: Paper) -> str | None:
    """Absolute permalink under the site's ``base`` URL (ends with '/')."""
    name = shard(paper)
    return f"{base}p/{name}/#{anchor_id(paper.id)}" if name else None


def render_permalinks(papers: Iterable[Paper]) -> dict[str, str]:
    """docs path → HTML of every permalink page (one per arXiv month that has papers)."""
    groups: dict[str, list[Paper]] = {}
    for paper in papers:
        name = shard(paper)
        if name is not None:
            groups.setdefault(name, []).append(paper)
    return {paths.permalink_path(name): _page(name, group) for name, group in sorted(groups.items())}


def _page(name: str, papers: list[Paper]) -> str:
    # Entries carry no titles: ~75 bytes a paper keeps a 1,000-paper month near 75 kB,
    # all of which a browser loads before the redirect runs.
    entries = []
    for paper in sorted(papers, key=lambda p: p.id):
        assert paper.day is not None
        # The page is p/<yymm>/index.html: two levels below the site's root.
        href = Markup(f"../../{paths.page_url(paths.day_path(paper.day))}#{anchor_id(paper.id)}")
        entries.append(
            {"anchor": anchor_id(paper.id), "href": href, "id": paper.id, "day": titles.short_date(paper.day)}
        )
    return str(render("permalinks.html", name=name, entries=entries, script=Markup(_REDIRECT)))
