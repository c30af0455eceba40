"""What the browser tests share: typing into the search, choosing papers to look for."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.model import Archive, Paper
from generator.render import paths, titles
from generator.render.mdtext import anchor_id, clean

SEARCH_ROOT = "[data-pf-search]"
RESULT_LINKS = "[data-pf-list] a.md-search-result__link"


@dataclass(frozen=True)
class Hit:
    href: str
    title: str
    day: str
    excerpt: str


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


def hits(page) -> list[Hit]:
    return [
        Hit(
            href=link.get_attribute("href"),
            title=link.locator(".pf-title").inner_text(),
            day=link.locator(".pf-day").inner_text() if link.locator(".pf-day").count() else "",
            excerpt=link.locator(".pf-excerpt").inner_text(),
        )
        for link in page.locator(RESULT_LINKS).all()
    ]


def paper_href(paper: Paper) -> str:
    """The path (from the site root) of the paper's anchor on its day page."""
    assert paper.day is not None
    return "/" + paths.day_path(paper.day)[: -len(".md")] + "/#" + anchor_id(paper.id)


def is_hit_for(hit: Hit, paper: Paper) -> bool:
    return (
        hit.href.endswith(paper_href(paper))
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


SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def screenshot(page, name: str) -> Path:
    """Save a screenshot to test-artifacts/screenshots/<name>.png (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
