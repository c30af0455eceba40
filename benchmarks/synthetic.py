"""A realistic synthetic archive, sampled from real papers.

Each synthetic paper starts from a real paper of the tests' archive (``SAMPLE``: 30 real days,
fixed, so that a benchmark run measures the same input whatever ``content/`` holds) (so the
mix of fields, author counts, links, summaries and keywords is the real one)
and gets a new unique arXiv-like id, its listing day, and new text of the same
length: the abstract is rebuilt from sentences of other real abstracts, and
one paper in three introduces a made-up method name (papers coin new words,
which makes the search index grow as a real archive's does).

Days are consecutive weekdays ending at ``END`` (the sample's last day: a
store refuses a day after tomorrow, so a large archive reaches back, before
the feed's first day if need be); the number of papers on a day
is drawn from the real per-day counts, with one day in ten a busy day of
35-55 papers (mean about 22, as on the Hub).

Everything is seeded: the same size and seed give the same archive.

Run as ``python -m benchmarks.synthetic --days 100 --content DIR``: the
papers enter ``DIR`` through ``DayStore.merge`` (the project's only way in), and
the time that merge took is printed as JSON; add ``--next-day`` to merge the
weekday after those days (the daily ingest).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.content.days import DayStore
from generator.model import Paper

ROOT = Path(__file__).resolve().parent.parent
# The real papers sampled, and the topics of the synthetic sites: the tests' fixed archive.
SAMPLE = ROOT / "tests" / "fixtures" / "archive"
# The last weekday of every synthetic archive (its "next day"), whatever its size:
# the sample's last day, so that no synthetic day is in the future.
END = dt.date(2026, 8, 21)
SEED = 7

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SYLLABLES = ("ka", "lo", "mi", "ra", "ze", "tor", "vex", "qu", "an", "dri", "sol", "nym", "pha", "gen", "ion")


@dataclasses.dataclass(frozen=True)
class Sample:
    """What is sampled from the real archive."""

    papers: tuple[Paper, ...]
    day_counts: tuple[int, ...]
    sentences: tuple[str, ...]
    authors: tuple[str, ...]

    @classmethod
    def load(cls, content_dir: Path = SAMPLE) -> Sample:
        archive = DayStore(content_dir).load()
        papers = tuple(archive.papers())
        if not papers:
            raise SystemExit(f"{content_dir}: no papers to sample from")
        sentences = tuple(s for p in papers for s in _SENTENCE_END.split(p.abstract.strip()) if s)
        authors = tuple(sorted({a for p in papers for a in p.authors}))
        return cls(papers, tuple(len(d.papers) for d in archive.days), sentences, authors)


def archive_days(n_days: int) -> list[dt.date]:
    """The ``n_days`` weekdays of an archive of that size, then the weekday after them (``END``), oldest first."""
    days: list[dt.date] = []
    date = END
    while len(days) < n_days + 1:
        if date.weekday() < 5:
            days.append(date)
        date -= dt.timedelta(days=1)
    return days[::-1]


def _name(rng: random.Random) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return word.capitalize() + rng.choice(("", "", "-R1", "-7B", "Bench", "++", "-VL"))


def _abstract(rng: random.Random, sample: Sample, length: int) -> str:
    parts: list[str] = []
    size = 0
    while size < length:
        sentence = rng.choice(sample.sentences)
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)


def day_count(rng: random.Random, sample: Sample) -> int:
    if rng.random() < 0.1:
        return rng.randint(35, 55)
    return rng.choice(sample.day_counts)


class Synthesizer:
    """Makes the papers of consecutive weekdays, with ids never used twice."""

    def __init__(self, sample: Sample, seed: int = SEED) -> None:
        self.sample = sample
        self.rng = random.Random(seed)
        self.serial: dict[str, int] = {}

    def _id(self, published: dt.date) -> str:
        prefix = f"{published.year % 100:02d}{published.month:02d}"
        n = self.serial.get(prefix, 0) + 1
        self.serial[prefix] = n
        return f"{prefix}.{n:05d}"

    def paper(self, day: dt.date) -> Paper:
        rng, sample = self.rng, self.sample
        model = rng.choice(sample.papers)
        published = day - dt.timedelta(days=rng.choice((1, 1, 2, 3, 4, 7, 10)))
        title, abstract = model.title, _abstract(rng, sample, len(model.abstract))
        if rng.random() < 1 / 3:
            name = _name(rng)
            title = f"{name}: {title}"
            abstract = f"We present {name}. {abstract}"
        authors = tuple(rng.choice(sample.authors) for _ in model.authors)
        return dataclasses.replace(
            model,
            id=self._id(published),
            title=title,
            abstract=abstract,
            authors=authors,
            day=day,
            published=published,
            upvotes=rng.choice(sample.papers).upvotes,
            extra={},
        )

    def day(self, date: dt.date) -> list[Paper]:
        return [self.paper(date) for _ in range(day_count(self.rng, self.sample))]

    def days(self, dates: list[dt.date]) -> Iterator[Paper]:
        for date in dates:
            yield from self.day(date)


def build(content_dir: Path, n_days: int, seed: int = SEED, next_day: bool = False) -> dict[str, Any]:
    """Merge ``n_days`` synthetic days into ``content_dir`` in one ``DayStore.merge``.

    With ``next_day``, merge only the day after them instead (the daily
    ingest into a full archive): the same seed makes the same days, so the
    day that follows an archive made earlier is made again, not stored aside.
    """
    synth = Synthesizer(Sample.load(), seed)
    dates = archive_days(n_days)
    papers = list(synth.days(dates[:-1]))
    if next_day:
        papers = synth.day(dates[-1])
    started = time.perf_counter()
    report = DayStore(content_dir).merge(papers)
    seconds = time.perf_counter() - started
    return {
        "days": 1 if next_day else n_days,
        "papers": len(papers),
        "added": len(report.added),
        "day_files_written": report.files_written,
        "ingest_s": round(seconds, 3),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, required=True, help="how many listing days to make")
    parser.add_argument("--content", type=Path, required=True, help="the content/ directory to fill")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--next-day", action="store_true", help="merge only the weekday after the --days days")
    args = parser.parse_args(argv)
    json.dump(build(args.content, args.days, args.seed, args.next_day), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
