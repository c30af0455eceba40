"""The similar papers alone, as one step of the benchmark (``benchmarks/run.py``).

    python -m benchmarks.similar_step --config mkdocs.yml

Reads content/ and computes every paper's similar papers as ``generate`` does
(``generator.render.similar``), with the project's cache (``.cache/similar``): from nothing
when the cache is empty, else only the blocks of years whose papers changed. Prints its
report as JSON; the benchmark takes the step's wall time and peak memory from outside.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from generator.config import load_settings
from generator.content.days import DayStore
from generator.render.similar import similar_papers
from generator.render.site_data import SIMILAR_CACHE


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.similar_step", description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    settings = load_settings(args.config)
    started = time.perf_counter()
    papers = list(DayStore(settings.content_dir).load().papers())
    read = time.perf_counter() - started
    _, report = similar_papers(papers, settings.root / SIMILAR_CACHE)
    json.dump(
        {
            "seconds": report.seconds,
            "read_s": read,
            "papers": report.papers,
            "blocks": report.blocks,
            "computed": report.computed,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
