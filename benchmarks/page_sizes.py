"""The largest HTML page of each kind in a built site, and every page over the budget.

A page's kind comes from its URL (``generator/render/paths.py`` says where
each lives): ``archive/2026/07/14/`` is a day, ``topics/agents/2026/`` a
topic's year, ``orgs/tencent/`` an organization... Sizes are the bytes of
``index.html`` as written (a server may gzip them on the way).

    .venv/bin/python -m benchmarks.page_sizes site
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.site.verify import PAGE_BUDGET_KB

# No generated page may weigh more HTML than this (``verify`` checks it before every deploy);
# the benchmark lists every page above it.
BUDGET_KB = PAGE_BUDGET_KB

# (kind, URL pattern of the page's folder below the site), first match wins.
KINDS = [
    ("home", r""),
    ("archive", r"archive"),
    ("year", r"archive/\d{4}"),
    ("month", r"archive/\d{4}/\d{2}"),
    ("day", r"archive/\d{4}/\d{2}/\d{2}"),
    ("this week", r"weeks"),
    ("week", r"weeks/\d{4}-W\d{2}"),
    ("topics index", r"topics"),
    ("topic", r"topics/[^/]+"),
    ("topic year", r"topics/[^/]+/(?:\d{4}|undated)"),
    ("topic month", r"topics/[^/]+/\d{4}/\d{2}(?:/\d+)?"),
    ("organizations index", r"orgs(?:/page-\d+)?"),
    ("organization", r"orgs/[^/]+"),
    ("organization year", r"orgs/[^/]+/(?:\d{4}|undated)"),
    ("organization month", r"orgs/[^/]+/\d{4}/\d{2}(?:/\d+)?"),
    ("permalinks", r"p/\d{4}"),
    ("ranking", r"trending|top"),
    ("stats", r"stats"),
    ("data", r"data"),
]
_KINDS = [(kind, re.compile(pattern)) for kind, pattern in KINDS]


def page_kind(folder: str) -> str:
    """The kind of the page served at ``folder/`` (below the site's root; "" for the home page)."""
    return next((kind for kind, pattern in _KINDS if pattern.fullmatch(folder)), "other")


@dataclass(frozen=True)
class Largest:
    kind: str
    kb: float
    url: str  # below the site's root
    pages: int  # how many pages of that kind


def largest_pages(site: Path) -> list[Largest]:
    """The largest page of each kind found in ``site``, in the order of ``KINDS``."""
    sizes: dict[str, list[tuple[int, str]]] = {}
    for page in site.rglob("index.html"):
        folder = page.parent.relative_to(site).as_posix()
        folder = "" if folder == "." else folder
        if folder.startswith(("pagefind", "assets", "search")):
            continue
        sizes.setdefault(page_kind(folder), []).append((page.stat().st_size, folder + "/" if folder else "/"))
    order = [kind for kind, _ in KINDS] + ["other"]
    out = []
    for kind in sorted(sizes, key=order.index):
        size, url = max(sizes[kind])
        out.append(Largest(kind, size / 1e3, url, len(sizes[kind])))
    return out


def over_budget(site: Path, budget_kb: float = BUDGET_KB) -> list[str]:
    """Every HTML page of ``site`` heavier than ``budget_kb``, with its size."""
    return [
        f"{p.relative_to(site).as_posix()} ({p.stat().st_size / 1e3:.0f} KB)"
        for p in sorted(site.rglob("*.html"))
        if p.stat().st_size > budget_kb * 1e3
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.page_sizes", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"), help="a built site (default: site)")
    site = parser.parse_args(argv).site
    for largest in largest_pages(site):
        print(f"{largest.kind:22} {largest.kb:8.1f} KB  {largest.url}  ({largest.pages} pages)")
    heavy = over_budget(site)
    print(f"pages over {BUDGET_KB} KB: {len(heavy)}" + "".join(f"\n  {p}" for p in heavy))
    return 1 if heavy else 0


if __name__ == "__main__":
    sys.exit(main())
