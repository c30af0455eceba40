"""What the browser tests share: typing into the search, choosing papers to look for."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import snowballstemmer

from generator.model import Archive, Paper
from generator.render import paths, titles
from generator.render.mdtext import anchor_id, clean

SEARCH_ROOT = "[data-pf-search]"
RESULT_LINKS = "[data-pf-list] a.md-search-result__link"
PAGE_ROOT = "[data-search-page]"
PAGE_LINKS = "[data-search-results] a.paper-search__link"


@dataclass(frozen=True)
class Hit:
    href: str
    title: str
    day: str
    excerpt: str
    upvotes: int = 0
    authors: str = ""
    org: str = ""

    @property
    def anchor(self) -> str:
        return urlsplit(self.href).fragment


def load(page, url: str, console=None) -> None:
    """Open ``url`` and wait until it is quiet; then forget what its loading logged.

    The search tests check the errors the search causes; the page tests
    (test_pages.py) check what loading each page logs.
    """
    page.goto(url, wait_until="networkidle")
    if console is not None:
        console.errors.clear()


def search(page, term: str) -> list[Hit]:
    """Click into the header's search box, type ``term``, return the entries shown.

    (The keyboard shortcuts have their own test.)
    """
    box = page.locator("[data-pf-query]")
    box.click()
    wait_for_focus(page)
    box.fill(term)
    page.wait_for_function(
        "term => document.querySelector('[data-pf-search]').dataset.pfTerm === term", arg=term, timeout=15_000
    )
    return hits(page)


def wait_for_focus(page) -> None:
    """Until the search box has the focus (the browser moves it a moment after the key)."""
    page.wait_for_function("() => document.activeElement === document.querySelector('[data-pf-query]')", timeout=5_000)


# Each entry's parts as the visitor reads them (innerText), in one call: hundreds of results
# read part by part cost a round trip to the browser each.
_ENTRIES = """links => links.map(link => {
  const text = selector => { const part = link.querySelector(selector); return part ? part.innerText : ""; };
  return {href: link.getAttribute("href"), title: text(".pf-title"), day: text(".pf-day"),
          excerpt: text(".pf-excerpt"), upvotes: text(".pf-upvotes"), authors: text(".pf-authors"),
          org: text(".pf-org")};
})"""


def hits(page, links: str = RESULT_LINKS) -> list[Hit]:
    """The entries shown, in order (the header's dropdown by default; ``PAGE_LINKS`` for the search page)."""
    return [
        Hit(**{**entry, "upvotes": int(entry["upvotes"].lstrip("▲ ") or 0)})
        for entry in page.locator(links).evaluate_all(_ENTRIES)
    ]


def search_page(page, site_url: str, **params: str) -> list[Hit]:
    """Open /search/ with ``params`` in its URL; the results once shown, with their filter counts.

    What the page logs while it loads stays in the test's console log (``load`` forgets it):
    loading it is the search.
    """
    page.goto(urljoin(site_url, "search/") + ("?" + urlencode(params) if params else ""), wait_until="networkidle")
    wait_for_page_results(page)
    return hits(page, PAGE_LINKS)


def wait_for_page_results(page) -> None:
    """Until the search page shows the results of its current URL, filter counts included."""
    page.wait_for_function(
        # (The root is missing for a moment after an instant page change has changed the URL.)
        """() => { const root = document.querySelector('[data-search-page]');
                   return !!root && root.dataset.searchState === 'done'
                          && root.dataset.searchQuery === location.search; }""",
        timeout=20_000,
    )


def result_count(page) -> int:
    """The number the search page's status line gives ("12 papers match …"; 0 for "No paper …")."""
    status = page.locator("[data-search-status]").inner_text()
    found = re.match(r"([\d,]+) papers?", status)
    return int(found.group(1).replace(",", "")) if found else 0


def more_results(page) -> list[Hit]:
    """Click "More results" until every result is listed; all of them."""
    button = page.locator("[data-search-more]")
    while button.is_visible():
        shown = page.locator(PAGE_LINKS).count()
        button.click()
        page.wait_for_function(f"() => document.querySelectorAll('{PAGE_LINKS}').length > {shown}")
    return hits(page, PAGE_LINKS)


def paper_href(paper: Paper) -> str:
    """The path (from the site root) of the paper's anchor on its day page."""
    assert paper.day is not None
    return "/" + paths.day_path(paper.day)[: -len(".md")] + "/#" + anchor_id(paper.id)


def is_hit_for(hit: Hit, paper: Paper) -> bool:
    """The entry is ``paper``'s: its title, its day, a link to its anchor on its day page."""
    link = urlsplit(hit.href)
    return (
        link.path + "#" + link.fragment == urlsplit(paper_href(paper)).path + "#" + anchor_id(paper.id)
        and hit.title == clean(paper.title)
        and hit.day == titles.day_title(paper.day)
    )


_WORD = re.compile(r"[A-Za-z]{5,}")


def words(value: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(value)}


def rare_title_word(archive: Archive, paper: Paper) -> str:
    """The word of ``paper``'s title found in the fewest papers of the archive (title or abstract)."""
    counts = Counter(w for p in archive.papers() for w in words(p.title + " " + p.abstract))
    return min(sorted(words(paper.title)), key=lambda w: counts[w])


def rare_author(archive: Archive) -> tuple[str, Paper]:
    """An author (full name, plain letters) who signed exactly one paper of the archive, and that paper."""
    counts = Counter(a for p in archive.papers() for a in set(p.authors))
    for paper in sorted(archive.papers(), key=lambda p: (-p.upvotes, p.id)):
        for author in paper.authors:
            if counts[author] == 1 and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", author):
                return author, paper
    raise AssertionError("no single-paper author with a plain two-word name in the archive")


def settle(page) -> None:
    """Wait until no CSS transition or animation runs: Material animates its search box's
    width and the phone's search overlay for a moment, and a user judges the page at rest."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def screenshot(page, name: str) -> Path:
    """Save a screenshot to test-artifacts/screenshots/<name>.png (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# The Hub's image server, where the papers' thumbnails are (conftest answers it locally).
THUMBNAILS = "https://cdn-thumbnails.huggingface.co/**"


def thumbnail_svg(url: str) -> bytes:
    """A stand-in for the Hub's preview of the paper at ``url`` (its id in the file name): a page
    with the id and grey lines for text, drawn here, so screenshots show where thumbnails go."""
    found = re.search(r"([0-9]{4}\.[0-9]{4,5})", url)
    paper = found.group(1) if found else "paper"
    seed = sum(map(ord, paper))
    lines = "".join(
        f'<rect x="{80 if i % 5 else 60}" y="{250 + i * 52}" width="{700 + (seed * (i + 3)) % 380}" height="22" rx="6" '
        'fill="#d5d9e0"/>'
        for i in range(7)
    )
    hue = seed % 360
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="648" viewBox="0 0 1200 648">'
        f'<rect width="1200" height="648" fill="hsl({hue},45%,92%)"/>'
        '<rect x="40" y="40" width="1120" height="568" rx="18" fill="#fff"/>'
        f'<rect x="40" y="40" width="1120" height="150" rx="18" fill="hsl({hue},55%,45%)"/>'
        '<text x="80" y="140" font-family="sans-serif" font-size="64" font-weight="700" fill="#fff">'
        f"arXiv {paper}</text>"
        f"{lines}</svg>"
    )
    return svg.encode()


# What Pagefind matches, as it reads text: English stems (Snowball's Porter 2, as Pagefind's), a
# hyphenated word also as its parts at the same word position.
STEM = snowballstemmer.stemmer("english")


@cache
def positions(title: str) -> tuple[frozenset[str], ...]:
    """The title's word positions as Pagefind indexes them: each whitespace-separated word, as its
    stem and (when it has a hyphen or other inner punctuation) its parts' stems."""
    out = []
    for token in clean(title).lower().split():
        parts = [p for p in re.split(r"[^\w]+", token) if p]
        joined = "".join(parts)
        if joined:
            out.append(frozenset(STEM.stemWords([joined, *parts])))
    return tuple(out)


def holds_phrase(title: str, words: list[str]) -> bool:
    stems = STEM.stemWords(words)
    spots = positions(title)
    return any(all(stems[k] in spots[i + k] for k in range(len(stems))) for i in range(len(spots) - len(stems) + 1))
