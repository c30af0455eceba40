"""The time one topic pass takes over a large archive, and how big topic pages get.

    python -m benchmarks.topics                 # 40,000 papers, the tests' topics
    python -m benchmarks.topics --papers 100000 --repeat 5

The papers are the real ones of the tests' archive (tests/fixtures/archive) sampled in turn with new
unique ids and listing days spread over consecutive weekdays, so the text
matched is real text. A *topic pass* is one topic's rules (terms, excludes,
regexes) applied to every paper, as ``generate`` does for each topic; the
best of ``--repeat`` runs is reported (the machine's noise only adds time).
Then the whole membership step (every topic) and the rendering of the biggest
topic's pages are timed once, and their sizes are printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

from generator.content.days import DayStore
from generator.content.topics import load_topics
from generator.render.pages.topic import render_topic
from generator.render.topic_members import collect_members
from generator.render.topic_rules import Matcher

from .synthetic import SAMPLE


def sample_papers(count: int, per_day: int = 40) -> list[Any]:
    real = list(DayStore(SAMPLE).load().papers())
    day = dt.date(2023, 5, 4)
    papers = []
    for i in range(count):
        if i and i % per_day == 0:
            day += dt.timedelta(days=3 if day.weekday() == 4 else 1)
        papers.append(dataclasses.replace(real[i % len(real)], id=f"9{i // 100000:03d}.{i % 100000:05d}", day=day))
    return papers


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--topics", type=Path, default=SAMPLE / "topics.yml")
    args = parser.parse_args(argv)
    papers = sample_papers(args.papers)
    topics = load_topics(args.topics)
    result: dict[str, Any] = {"papers": len(papers), "topics": {}}
    for topic in topics:
        best = cpu = float("inf")
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            matcher = Matcher(topic)
            found = sum(1 for p in papers if matcher(p))
            best = min(best, time.perf_counter() - started)
            cpu = min(cpu, time.process_time() - started_cpu)
        result["topics"][topic.id] = {"seconds": round(best, 3), "cpu_seconds": round(cpu, 3), "matched": found}
    started, started_cpu = time.perf_counter(), time.process_time()
    groups = collect_members(topics, papers)
    result["all_topics_membership"] = {
        "topics": len(topics),
        "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(time.process_time() - started_cpu, 3),
    }
    biggest = max(topics, key=lambda t: len(groups[t.id]))
    started = time.perf_counter()
    pages = render_topic(biggest, list(groups[biggest.id].values()))
    result["biggest_topic"] = {
        "topic": biggest.id,
        "papers": len(groups[biggest.id]),
        "render_seconds": round(time.perf_counter() - started, 3),
        "pages": len(pages),
        "largest_page_bytes": max(len(page.encode("utf-8")) for page in pages.values()),
        "all_pages_bytes": sum(len(page.encode("utf-8")) for page in pages.values()),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
