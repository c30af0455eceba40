"""What the site search indexes: one tiny HTML record per paper, grouped into bundles.

Pure functions from the stored papers to the records Pagefind reads
(``search_index.py`` does the I/O). Built from ``content/``, not from the
rendered site, so the index can be made while ``mkdocs build`` runs.

A record is never served: Pagefind reads it and keeps what the search page
shows. Its parts:

* the searchable body: the title, padded to ``TITLE_SPAN`` word positions, then the
  abstract and the AI summary (where a result's snippet comes from). A match at a
  position below ``TITLE_SPAN`` is a match in the title: that is how the browser ranks
  papers whose title holds the query (or the quoted phrase) first, from what Pagefind
  returns with each result, without fetching it;
* metadata, searched too and shown with each result: ``title``, ``authors``,
  ``org`` (organization), ``keywords`` (the Hub's AI keywords), ``id`` (the
  arXiv id) and ``upvotes``. The search weighs a match in a title, an author
  or the id far above one in an abstract (``META_WEIGHTS`` in
  ``docs/javascripts/search.js``), and a query that covers a whole field (an
  author's full name) ranks that paper first;
* filters ``month`` (YYYY-MM), ``topic`` (topic ids) and ``org`` (the
  organization's Hub name), the search page's choices (its year is a set of
  bundles, see ``plan_bundles``); and ``upvotes`` and ``day`` (YYYY-MM-DD),
  by which its results are sorted. Not Pagefind sorts: those live in the
  index's metadata, which every first search downloads (they were a third of
  it), while a filter's data comes only when a search names it, that is when
  a visitor sorts (``docs/javascripts/search.js``).

Its path is the paper's day page plus its anchor: ``archive/2026/07/14/2607.10383.html``
is the paper at ``archive/2026/07/14/#2607.10383``; the browser turns one into the
other, so the link needs no metadata (whose words would be searchable).

Untrusted text (every field from the Hub) is HTML-escaped here, and the
browser shows what Pagefind returns as text, never as markup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from ..model import Paper
from ..render import paths
from ..render.mdtext import anchor_id, clean

# Bumped whenever a record's HTML changes shape: cached bundles of older records are rebuilt.
RECORD_FORMAT = 3

# The body's first word positions are the title's, padded with words Pagefind counts but never
# indexes: a query word found at a position below this is in the title. Titles are shorter
# (the longest stored: 33 words); a longer one keeps its first words there.
TITLE_SPAN = 64
TITLE_PAD = "·"

# How much a match in each metadata field counts against 1 for the body (Pagefind's
# ``ranking.metaWeights``; the browser reads them from the manifest): titles, authors and the
# arXiv id first (a whole author name or id ranks that paper first); upvotes are metadata only
# to be shown. Ranking by title comes first anyway (``TITLE_SPAN``): these order what is left.
META_WEIGHTS = {"title": 8, "authors": 8, "id": 10, "org": 3, "keywords": 2, "upvotes": 0, "every": 0}

# The filters the search page offers (a year is its bundles), and those it sorts by.
PAGE_FILTERS = ("month", "topic", "org")
SORT_FILTERS = {"upvotes": "upvotes", "newest": "day"}

# Pagefind keeps every record of a bundle in memory while it indexes, about 180 kB each
# (measured: 2,894 papers 517 MB, 5,645 papers 1,000 MB), so this bounds one indexing run
# near 1.06 GB, under the 1.2 GB a build step may take. A year of the feed (~20 papers a
# weekday, ~5,700) is one bundle: a search fetches one index chunk per word and bundle, so
# fewer bundles cost fewer bytes (measured at 1,000 days: a one-word query 445 kB with 6
# bundles, 477 kB with 10 of 3,000). ``extra.archive.search_bundle_papers`` overrides it.
MAX_PAPERS_PER_BUNDLE = 6000

# A word every record holds (metadata never shown), for a search by filters alone: Pagefind
# 1.5 asked for no words fetches every chunk of the index (19 MB at 1,000 days), asked for
# this one it fetches the chunk that holds it. Letters no query starts with.
EVERY_PAPER_WORD = "zzallpaper"

# Between the names of a list (authors, keywords): a "word" without letters, which Pagefind
# counts as a position but never indexes, so that a quoted "Hong Qi" does not match the
# end of one name and the start of the next ("Xiao Hong, Qi Wang"). The browser splits on it.
LIST_SEPARATOR = " · "

# A record's URL (below the site's root) from its day page's URL and the paper's anchor.
RECORD_URL = "{page}{anchor}.html"

# Each bundle's words, for "did you mean" (fetched only when a query finds little): every word of
# a title or the AI keywords (what people half-remember), and those of the abstracts and AI
# summaries found in at least VOCABULARY_MIN_PAPERS papers (a word of one abstract is as likely
# a typo as a word), of VOCABULARY_LENGTH letters, as "<papers>\t<word> <word> …" lines, most
# papers first.
VOCABULARY = "vocabulary.txt"
VOCABULARY_MIN_PAPERS = 2
VOCABULARY_LENGTH = (3, 24)
_VOCABULARY_WORD = re.compile(r"[^\W_]+")

TopicsOf = Callable[[Paper], Sequence[str]]

# A letter or digit of any script: a body holding one is indexed by Pagefind.
_WORD = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Record:
    path: str  # below the records folder: the URL Pagefind gives the result
    html: str


@dataclass(frozen=True)
class Bundle:
    """Consecutive months of one year, indexed together into ``pagefind/<name>/``."""

    name: str  # its first month, YYYY-MM
    months: tuple[str, ...]
    records: tuple[Record, ...]
    vocabulary: str = ""  # VOCABULARY's text

    @property
    def papers(self) -> int:
        return len(self.records)

    def digest(self, salt: str = "") -> str:
        """What the bundle is made of, as a hex digest: equal digests give equal bundles.

        ``salt`` adds what else shapes the index (Pagefind's version and settings).
        """
        h = hashlib.sha256(f"{RECORD_FORMAT}\0{salt}\0{self.name}\0".encode())
        for record in self.records:
            h.update(record.path.encode())
            h.update(b"\0")
            h.update(record.html.encode())
            h.update(b"\0")
        h.update(self.vocabulary.encode())
        return h.hexdigest()


def record_path(paper: Paper) -> str:
    """``archive/2026/07/14/2607.10383.html``: the day page's URL and the paper's anchor."""
    assert paper.day is not None
    return RECORD_URL.format(page=paths.page_url(paths.day_path(paper.day)), anchor=anchor_id(paper.id))


def organization_name(paper: Paper) -> str | None:
    """The organization as shown: its full name, else its Hub name."""
    org = paper.organization
    return clean(org.fullname or org.name) if org is not None else None


def paper_record(paper: Paper, topic_ids: Iterable[str] = ()) -> Record:
    """The record of one stored paper (it must have a listing day)."""
    assert paper.day is not None
    day = paper.day

    def text(value: str) -> str:
        return escape(clean(value), quote=False)

    # Inside data-pagefind-ignore: kept as metadata and filters, not as body text.
    meta = [
        f'<h1 data-pagefind-meta="title">{text(paper.display_title)}</h1>',
        f'<p data-pagefind-meta="id">{text(paper.id)}</p>',
        f'<p data-pagefind-meta="every">{EVERY_PAPER_WORD}</p>',
        f'<p data-pagefind-meta="upvotes" data-pagefind-filter="upvotes">{paper.upvotes}</p>',
        f'<p data-pagefind-filter="day">{day.isoformat()}</p>',
    ]
    if paper.authors:
        meta.append(f'<p data-pagefind-meta="authors">{text(LIST_SEPARATOR.join(paper.authors))}</p>')
    if paper.organization is not None and paper.organization.name:
        meta.append(f'<p data-pagefind-meta="org">{text(organization_name(paper) or "")}</p>')
        meta.append(f'<p data-pagefind-filter="org">{text(paper.organization.name)}</p>')
    if paper.ai_keywords:
        meta.append(f'<p data-pagefind-meta="keywords">{text(LIST_SEPARATOR.join(paper.ai_keywords))}</p>')
    meta.append(f'<p data-pagefind-filter="month">{month_of(day)}</p>')
    meta += [f'<p data-pagefind-filter="topic">{text(t)}</p>' for t in topic_ids]
    body = [f"<p>{title_span(clean(paper.display_title))}</p>", f"<p>{text(paper.abstract)}</p>"]
    if paper.ai_summary:
        body.append(f"<p>{text(paper.ai_summary)}</p>")
    if not _WORD.search(paper.abstract + " " + (paper.ai_summary or "")):
        # Pagefind leaves out a record whose body has no word (an abstract of punctuation or
        # invisible characters): such a paper is found by its title and id, said in the body too.
        body.append(f"<p>{text(paper.display_title)} {text(paper.id)}</p>")
    html = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8"></head>',
            "<body>",
            "<main data-pagefind-body>",
            '<div data-pagefind-ignore="index">',
            *meta,
            "</div>",
            *body,
            "</main>",
            "</body></html>",
            "",
        ]
    )
    return Record(record_path(paper), html)


def title_span(title: str) -> str:
    """The title's words (escaped) and the padding that fills ``TITLE_SPAN`` positions."""
    words = title.split()[: TITLE_SPAN - 1]
    return " ".join([escape(w, quote=False) for w in words] + [TITLE_PAD] * (TITLE_SPAN - len(words)))


def month_of(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}"


def plan_bundles(papers: Iterable[Paper], topics_of: TopicsOf, max_papers: int | None = None) -> list[Bundle]:
    """The stored papers' records in bundles, oldest first.

    Months are taken in order and a bundle closes when the next month would take it
    over ``max_papers`` (default ``MAX_PAPERS_PER_BUNDLE``) or starts another year (so
    that the search page's year is a set of bundles, not a filter whose data it fetches):
    adding days to the newest month changes only the newest bundle, and a backfill
    only the bundles of its year.
    """
    max_papers = max_papers or MAX_PAPERS_PER_BUNDLE
    by_month: dict[str, list[Paper]] = {}
    for paper in papers:
        if paper.day is not None:
            by_month.setdefault(month_of(paper.day), []).append(paper)
    groups: list[list[str]] = []
    size = 0
    for month in sorted(by_month):
        count = len(by_month[month])
        if not groups or groups[-1][0][:4] != month[:4] or size + count > max_papers:
            groups.append([])
            size = 0
        groups[-1].append(month)
        size += count
    bundles = []
    for months in groups:
        members = sorted((p for m in months for p in by_month[m]), key=lambda p: (p.day, p.id))
        records = tuple(paper_record(p, topics_of(p)) for p in members)
        bundles.append(Bundle(months[0], tuple(months), records, vocabulary(members)))
    return bundles


def fold(text: str) -> str:
    """Lower case without accents, as the browser folds a query (``fold`` in search.js)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def vocabulary(papers: Iterable[Paper]) -> str:
    """The words of these papers' titles, abstracts, AI summaries and keywords (``VOCABULARY``)."""
    counts: Counter[str] = Counter()
    named: set[str] = set()  # words of a title or keyword
    low, high = VOCABULARY_LENGTH

    def words(*texts: str) -> set[str]:
        return {w for w in _VOCABULARY_WORD.findall(fold(" ".join(texts))) if low <= len(w) <= high and not w.isdigit()}

    for p in papers:
        title = words(clean(p.title), *p.ai_keywords)
        named |= title
        counts.update(title | words(clean(p.abstract), clean(p.ai_summary or "")))
    by_count: dict[int, list[str]] = {}
    for word, n in counts.items():
        if n >= VOCABULARY_MIN_PAPERS or word in named:
            by_count.setdefault(n, []).append(word)
    return "".join(f"{n}\t{' '.join(sorted(by_count[n]))}\n" for n in sorted(by_count, reverse=True))


def manifest(bundles: Sequence[Bundle], topics: Mapping[str, str], orgs: Mapping[str, str]) -> dict[str, Any]:
    """What the browser reads first (``pagefind/bundles.json``): the bundles, newest first, and the
    labels of the filters' values (topic id → title, organization name → full name)."""
    newest_first = sorted(bundles, key=lambda b: b.name, reverse=True)
    return {
        "version": RECORD_FORMAT,
        "rules": rules(),
        "bundles": [
            {"name": b.name, "first": b.months[0], "last": b.months[-1], "papers": b.papers} for b in newest_first
        ],
        "months": sorted({m for b in bundles for m in b.months}, reverse=True),
        "topics": [[tid, title] for tid, title in topics.items()],
        "orgs": sorted(([name, label] for name, label in orgs.items()), key=lambda o: (o[1].casefold(), o[0])),
    }


def rules() -> dict[str, Any]:
    """What the browser must know of the records to search them (``search.js`` reads it from the
    manifest, so that each rule is written once, here)."""
    return {
        "every_paper_word": EVERY_PAPER_WORD,
        "list_separator": LIST_SEPARATOR,
        "record_url": RECORD_URL,
        "title_span": TITLE_SPAN,
        "meta_weights": META_WEIGHTS,
        "filters": list(PAGE_FILTERS),
        "sort_filters": SORT_FILTERS,
        "vocabulary": VOCABULARY,
    }
