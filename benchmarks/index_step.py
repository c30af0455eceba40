"""The site search's index alone, as one step of the benchmark (``benchmarks/run.py``).

    python -m benchmarks.index_step --config mkdocs.yml --site-dir site

Runs what ``python -m generator build`` runs beside MkDocs (``generator.site.search_index``:
the records from content/, Pagefind over each bundle that is not cached, the bundles
copied into SITE/pagefind/) and prints its report as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from generator.config import load_settings
from generator.site.search_index import index_archive, install


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.index_step", description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    index = index_archive(load_settings(args.config))
    report = install(index, args.site_dir.resolve())
    indexed = [r for r in report.runs if not r.reused]
    json.dump(
        {
            "seconds": time.perf_counter() - started,
            "papers": report.papers,
            "bundles": len(report.runs),
            "indexed": len(indexed),
            "pagefind_s": sum(r.seconds for r in indexed),
            "pagefind_peak_mb": max((r.peak_mb for r in indexed), default=0.0),
            "bundle_mb": report.bundle_bytes / 1e6,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
