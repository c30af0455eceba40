"""Similar papers (generator/render/similar.py): five for each paper, the closest by their text,
and the same whether computed whole or mostly taken from the cache."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from generator.model import Paper
from generator.render.similar import SIMILAR, similar_papers


def test_each_paper_gets_five_others_and_its_near_twin_first(bundled_archive):
    papers = list(bundled_archive.papers())
    original = max(papers, key=lambda p: p.upvotes)
    twin = dataclasses.replace(original, id="2699.00001", title=original.title + " (revisited)", upvotes=0)
    similar, report = similar_papers([*papers, twin])
    assert report.computed == report.blocks and report.papers == len(papers) + 1
    assert similar[twin.id][0] == original.id and similar[original.id][0] == twin.id
    for pid, others in similar.items():
        assert len(others) == SIMILAR and pid not in others and len(set(others)) == SIMILAR


def test_the_similar_papers_share_the_words_that_set_them_apart(bundled_archive):
    """A paper's similar papers share a rare word of its title or keywords (held by at most 20
    papers) many times more often than papers drawn at random do."""
    papers = {p.id: p for p in bundled_archive.papers()}
    similar, _ = similar_papers(papers.values())

    def words(p: Paper) -> set[str]:
        return {w.lower().strip(":,.()") for w in (p.title + " " + " ".join(p.ai_keywords)).split() if len(w) > 4}

    counts: dict[str, int] = {}
    for p in papers.values():
        for w in words(p):
            counts[w] = counts.get(w, 0) + 1

    def share(pairs: list[tuple[str, str]]) -> float:
        return sum(bool({w for w in words(papers[a]) & words(papers[b]) if counts[w] <= 20}) for a, b in pairs) / len(
            pairs
        )

    ids = sorted(papers)
    drawn = random.Random(5)
    chance = share([(pid, drawn.choice([o for o in ids if o != pid])) for pid in ids for _ in range(SIMILAR)])
    found = share([(pid, o) for pid in ids for o in similar[pid]])
    assert found >= 0.35 and found >= 5 * chance, (found, chance)


def _in_year(paper: Paper, year: int, n: int) -> Paper:
    assert paper.day is not None
    return dataclasses.replace(
        paper, id=f"{year % 100:02d}01.{n:05d}", day=dt.date(year, paper.day.month, paper.day.day)
    )


def test_a_new_day_recomputes_only_its_years_blocks_and_gives_what_a_fresh_run_gives(bundled_archive, tmp_path):
    papers = sorted(bundled_archive.papers(), key=lambda p: p.id)
    # Three years of papers: 2024, 2025 and 2026.
    archive = [_in_year(p, 2024 + i % 3, i) if i % 3 < 2 else p for i, p in enumerate(papers)]
    cache = tmp_path / "similar"
    first, report = similar_papers(archive, cache)
    assert (report.blocks, report.computed) == (6, 6)
    again, report = similar_papers(archive, cache)
    assert again == first and report.computed == 0  # nothing changed: all from the cache
    newest = max(p.day for p in archive if p.day)
    added = dataclasses.replace(papers[0], id="2699.09999", day=newest + dt.timedelta(days=1))
    grown, report = similar_papers([*archive, added], cache)
    assert report.computed == 3  # the newest year with each year (itself included)
    assert grown == similar_papers([*archive, added])[0]  # the same as without a cache
    assert len(list(cache.glob("block-*.npz"))) == 6  # the blocks of the old newest year are gone
