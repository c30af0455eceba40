"""What the search ranks first, in a real browser on the bundled site: a paper whose title holds the
query (or the quoted phrase) comes before papers that hold it elsewhere, so that two remembered words
of a title find that paper. Every expected set is computed here from the archive's titles, as
Pagefind reads them (English stems, a hyphenated word also as its parts)."""

from __future__ import annotations

import random
import re
from collections import Counter
from functools import cache

from generator.model import Archive, Paper
from generator.render.mdtext import clean

from .helpers import holds_phrase, load, search

# Two-word phrases of titles made of these are not what a person remembers of a title.
STOP = {"with", "from", "into", "that", "this", "your", "their", "when", "what", "than", "over"}


def title_bigrams(title: str) -> set[tuple[str, str]]:
    words = [w for w in re.split(r"\s+", clean(title).lower())]
    plain = [w if re.fullmatch(r"[a-z]+", w) else "" for w in words]
    return {(a, b) for a, b in zip(plain, plain[1:], strict=False) if a and b}


def frequent_phrases(archive: Archive, count: int) -> list[tuple[str, str]]:
    """The two-word phrases held by the most titles (words of four letters or more)."""
    counts = Counter(
        pair
        for p in archive.papers()
        for pair in title_bigrams(p.title)
        if all(len(w) >= 4 and w not in STOP for w in pair)
    )
    return [pair for pair, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]


def precision(found: list[str], expected: set[str]) -> float:
    first = found[: min(5, len(expected))]
    return sum(pid in expected for pid in first) / len(first)


def test_frequent_title_phrases_rank_the_papers_whose_title_holds_them_first(page, site_url, bundled_archive, console):
    """For the most frequent two-word phrases of titles, plain and quoted: the first min(5, n)
    results are among the n papers whose title holds the phrase (precision at least 0.9)."""
    papers = list(bundled_archive.papers())
    load(page, site_url, console)
    scores = {}
    for pair in frequent_phrases(bundled_archive, 8):
        expected = {p.id for p in papers if holds_phrase(p.title, list(pair))}
        assert len(expected) >= 2, pair
        for query in (" ".join(pair), f'"{" ".join(pair)}"'):
            scores[query] = precision([h.anchor for h in search(page, query)], expected)
    mean = sum(scores.values()) / len(scores)
    assert mean >= 0.9, scores
    assert min(scores.values()) >= 0.6, scores
    assert not console.errors


def rarer_words(archive: Archive, paper: Paper) -> list[str]:
    """The two words of ``paper``'s title held by the fewest papers (title or abstract), then the
    title's two-word phrase held by the fewest titles."""
    counts = document_counts(archive)
    words = sorted({w for w in re.findall(r"[a-z]{4,}", clean(paper.title).lower()) if w not in STOP})
    return sorted(words, key=lambda w: (counts[w], w))[:2]


@cache
def document_counts(archive: Archive) -> Counter[str]:
    texts = ((p.title + " " + p.abstract).lower() for p in archive.papers())
    return Counter(w for text in texts for w in set(re.findall(r"[a-z]+", text)))


def rarest_bigram(archive: Archive, paper: Paper) -> tuple[str, str] | None:
    counts = Counter(pair for p in archive.papers() for pair in title_bigrams(p.title))
    pairs = [pair for pair in title_bigrams(paper.title) if all(len(w) >= 3 for w in pair)]
    return min(pairs, key=lambda pair: (counts[pair], pair)) if pairs else None


def test_two_remembered_title_words_or_a_quoted_title_phrase_find_the_paper(page, site_url, bundled_archive, console):
    """For papers drawn at random: the two rarer words of the title, and the title's rarest
    two-word phrase in quotes, put the paper in the first three (each for at least 90 %)."""
    papers = sorted(bundled_archive.papers(), key=lambda p: p.id)
    drawn = random.Random(23).sample(papers, 20)
    load(page, site_url, console)
    words_found, phrase_found = [], []
    for paper in drawn:
        words = rarer_words(bundled_archive, paper)
        if len(words) == 2:
            found = [h.anchor for h in search(page, " ".join(words))][:3]
            words_found.append((paper.id in found, words))
        pair = rarest_bigram(bundled_archive, paper)
        if pair:
            found = [h.anchor for h in search(page, f'"{" ".join(pair)}"')][:3]
            phrase_found.append((paper.id in found, pair))
    assert len(words_found) >= 15 and len(phrase_found) >= 15
    assert sum(ok for ok, _ in words_found) / len(words_found) >= 0.9, [w for ok, w in words_found if not ok]
    assert sum(ok for ok, _ in phrase_found) / len(phrase_found) >= 0.9, [w for ok, w in phrase_found if not ok]
    assert not console.errors
