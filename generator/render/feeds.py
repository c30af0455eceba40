"""RSS 2.0, Atom and JSON Feed 1.1 files: the latest days of the archive, and one set per topic.

Pure: the files are returned as ``{docs path: text}`` like the pages, written
below ``docs/feeds/`` and copied into the site by MkDocs as they are.

* Feeds need absolute URLs. They come from ``site_url`` (mkdocs.yml, set by
  the deploy workflow); a local build without one uses ``LOCAL_SITE_URL``,
  where ``python -m generator serve`` serves the site.
* Deterministic: every date is a paper's listing day (midnight UTC), the
  feed's own date is its newest item's day; feedgen's "now" defaults are
  always overridden. The same content gives the same bytes.
* Untrusted text: titles are plain text elements (escaped once by lxml, so
  they show as typed); descriptions are HTML built with ``html.escape``, so a
  title or abstract holding ``<script>`` shows as those characters in a reader
  that renders the HTML. JSON Feed items carry plain ``content_text``.
* An item's id is the paper's permalink (``/p/2607/#2607.10383``), which stays
  the same if the paper moves to a later listing day.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from ..model import Archive, Paper
from . import paths
from .mdtext import anchor_id, clean, safe_url
from .pages.permalink import permalink_url
from .trending import RECENT_DAYS

LOCAL_SITE_URL = "http://127.0.0.1:8000/"
# The latest feed holds the papers of the archive's last RECENT_DAYS (7) days, as Trending does:
# 30 days of full abstracts made each feed ~1.1 MB, fetched again on every poll.
TOPIC_FEED_ITEMS = 50  # a topic feed: its 50 newest papers

# Characters XML 1.0 cannot carry (lxml refuses them): surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class FeedSpec:
    """One feed: ``name`` is the file stem below feeds/ ("latest", "topics/entropy")."""

    name: str
    title: str
    description: str
    page: str  # the docs page the feed belongs to (its HTML alternate)
    papers: tuple[Paper, ...]  # newest first


def _plain(value: str) -> str:
    return _NOT_XML.sub("", clean(value))


def base_url(site_url: str) -> str:
    """``site_url`` with one trailing slash, or the documented local fallback."""
    return (site_url.strip() or LOCAL_SITE_URL).rstrip("/") + "/"


def paper_link(base: str, paper: Paper) -> str:
    assert paper.day is not None
    return f"{base}{paths.page_url(paths.day_path(paper.day))}#{anchor_id(paper.id)}"


def paper_id_url(base: str, paper: Paper) -> str:
    return permalink_url(base, paper) or paper_link(base, paper)


def _when(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _html_description(paper: Paper) -> str:
    """The item body as HTML in which every piece of the paper's text is escaped."""

    def esc(s: str) -> str:
        return html.escape(_plain(s), quote=True)

    parts = []
    if paper.authors:
        parts.append(f"<p>{esc(', '.join(paper.authors))}</p>")
    parts.append(f"<p>{esc(paper.abstract)}</p>")
    links = []
    if paper.is_arxiv:
        links += [f'<a href="{paper.hub_url}">Hugging Face</a>', f'<a href="{paper.arxiv_url}">arXiv</a>']
    for label, url in (("GitHub", paper.github_repo), ("Project page", paper.project_page)):
        href = safe_url(url)
        if href:
            links.append(f'<a href="{html.escape(href, quote=True)}">{label}</a>')
    if links:
        parts.append(f"<p>▲ {paper.upvotes} · " + " · ".join(links) + "</p>")
    return "".join(parts)


def _generator(spec: FeedSpec, base: str, site_name: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    home = base + paths.page_url(spec.page)
    fg.id(home)
    fg.title(_plain(f"{spec.title} · {site_name}"))
    fg.description(_plain(spec.description))
    fg.subtitle(_plain(spec.description))
    fg.author({"name": _plain(site_name)})
    fg.language("en")
    newest = max((p.day for p in spec.papers if p.day), default=dt.date(2000, 1, 1))
    fg.updated(_when(newest))  # also the RSS lastBuildDate, which feedgen would set to now
    fg.generator("hf-daily-papers-archive")
    for paper in spec.papers:
        assert paper.day is not None
        fe = fg.add_entry(order="append")
        fe.id(paper_id_url(base, paper))
        fe.guid(paper_id_url(base, paper), permalink=True)
        fe.title(_plain(paper.display_title))
        fe.link(href=paper_link(base, paper), rel="alternate")
        fe.published(_when(paper.day))
        fe.updated(_when(paper.day))
        fe.content(_html_description(paper), type="html")
        # One author element holding every name: papers have up to hundreds of authors.
        names = _plain(", ".join(a for a in paper.authors if _plain(a)))
        if names:  # feedgen refuses an author without a name
            fe.author({"name": names})
            fe.dc.dc_creator(names)
    return fg


def _json_feed(spec: FeedSpec, base: str, site_name: str) -> str:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _plain(f"{spec.title} · {site_name}"),
        "home_page_url": base + paths.page_url(spec.page),
        "feed_url": base + paths.feed_path(spec.name + ".json"),
        "description": _plain(spec.description),
        "language": "en",
        "items": [
            {
                "id": paper_id_url(base, p),
                "url": paper_link(base, p),
                "title": _plain(p.display_title),
                "content_text": _plain(p.abstract),
                "date_published": _when(p.day).isoformat().replace("+00:00", "Z"),
                "authors": [{"name": _plain(a)} for a in p.authors],
                **({"external_url": p.hub_url} if p.is_arxiv else {}),
                **({"tags": [_plain(k) for k in p.ai_keywords]} if p.ai_keywords else {}),
            }
            for p in spec.papers
            if p.day is not None
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def render_feed(spec: FeedSpec, site_url: str, site_name: str) -> dict[str, str]:
    """The RSS, Atom and JSON files of one feed: docs path → text."""
    base = base_url(site_url)
    fg = _generator(spec, base, site_name)
    home = base + paths.page_url(spec.page)
    out = {}
    for suffix, render in ((".rss.xml", fg.rss_str), (".atom.xml", fg.atom_str)):
        # Each file names itself as rel=self; the alternate comes last: feedgen makes it RSS's <link>.
        fg.link(href=base + paths.feed_path(spec.name + suffix), rel="self", replace=True)
        fg.link(href=home, rel="alternate")
        out[suffix] = render(pretty=True).decode("utf-8")
    rss, atom = out[".rss.xml"], out[".atom.xml"]
    return {
        paths.feed_path(spec.name + ".rss.xml"): rss,
        paths.feed_path(spec.name + ".atom.xml"): atom,
        paths.feed_path(spec.name + ".json"): _json_feed(spec, base, site_name),
    }


def newest_first(papers: Sequence[Paper]) -> list[Paper]:
    """Newest listing day first; within a day most upvoted first, then by id."""
    return sorted(papers, key=lambda p: (-(p.day or dt.date.min).toordinal(), -p.upvotes, p.id))


def latest_spec(archive: Archive) -> FeedSpec:
    days = archive.recent_days(RECENT_DAYS)
    return FeedSpec(
        name="latest",
        title="Latest papers",
        description=f"Every paper listed on Hugging Face Daily Papers in the archive's last {RECENT_DAYS} days.",
        page=paths.HOME,
        papers=tuple(newest_first([p for d in days for p in d.papers])),
    )


def topic_spec(topic_id: str, title: str, papers: Sequence[Paper]) -> FeedSpec:
    return FeedSpec(
        name=f"topics/{topic_id}",
        title=title,
        description=f"The {TOPIC_FEED_ITEMS} newest papers of the topic “{_plain(title)}”.",
        page=paths.topic_path(topic_id),
        papers=tuple(newest_first([p for p in papers if p.day is not None])[:TOPIC_FEED_ITEMS]),
    )


# Material for MkDocs (9.8) fetches ``sitemap.xml`` beside the target of every
# ``<link rel="alternate">`` of a page (meant for language versions of a site):
# for the feed links of the head that is feeds/sitemap.xml and
# feeds/topics/sitemap.xml. An empty one there answers it instead of a 404,
# which the browser would log as an error on every page.
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)


def render_feeds(
    archive: Archive, topics: Sequence[tuple[str, str, Sequence[Paper]]], site_url: str, site_name: str
) -> dict[str, str]:
    """Every feed file. ``topics`` are (id, title, papers) of each topic."""
    files = render_feed(latest_spec(archive), site_url, site_name)
    files[paths.feed_path("sitemap.xml")] = EMPTY_SITEMAP
    for topic_id, title, papers in topics:
        files.update(render_feed(topic_spec(topic_id, title, papers), site_url, site_name))
    if topics:
        files[paths.feed_path("topics/sitemap.xml")] = EMPTY_SITEMAP
    return files
