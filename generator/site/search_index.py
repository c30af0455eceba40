"""The site search's index: Pagefind bundles made from ``content/``, cached, then copied into the site.

(The Hub's search, which ``fetch`` asks for topics, is another thing: ``generator.hub``.)

Material's own search plugin writes one ``search_index.json`` that every visitor
downloads whole (60.6 MB at 1,000 days). Pagefind splits its index into chunks
and fetches only those a query needs.

What is indexed is one small HTML record per paper (``search_records.py``),
never the built pages, so this runs while ``mkdocs build`` does
(``build.py``). The records are grouped into bundles of consecutive months
(``plan_bundles``), each indexed by its own Pagefind run: one run holds a whole
bundle in memory, so the bundle size bounds the memory. The browser merges the
bundles (Pagefind's ``mergeIndex``, ``docs/javascripts/search.js``).

Each bundle is cached below ``.cache/search-index/`` (git-ignored), keyed by a
digest of its records and of Pagefind's version and settings: a build re-indexes
only the bundles whose papers changed (the newest one, on a daily update) and
copies the others from the cache. Nothing here needs the network.

What lands in the site::

    pagefind/bundles.json            the bundles, newest first, the filters' labels, and the rules
                                     search.js needs to read the records (``search_records.rules``)
    pagefind/<YYYY-MM>/              one bundle (named after its first month), with its words
                                     for "did you mean" (vocabulary.txt)
    pagefind/<newest>/pagefind.js    Pagefind's code, worker and WebAssembly, once
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ..config import Settings
from ..content.atomic import write_atomic
from ..errors import BuildError
from ..render.mdtext import clean
from ..render.site_data import SiteData, load_site_data
from ..wording import plural
from .children import popen_options
from .search_records import VOCABULARY, Bundle, manifest, plan_bundles

log = logging.getLogger(__name__)

# Below the site: where the browser finds the bundles.
BUNDLES_DIR = "pagefind"
MANIFEST = "bundles.json"

# Below the project (the folder of mkdocs.yml): the cached bundles. Git-ignored; CI keeps it
# between runs with actions/cache (see the README's "Search").
CACHE_DIR = Path(".cache") / "search-index"

# Pagefind's index chunks hold words until they reach this many word locations (its default
# is 20,000). A query fetches one chunk per word and bundle, so smaller chunks cost less per
# search: measured at 1,000 days (10 bundles), a median chunk of ~5 kB instead of ~23 kB, a
# one-word search 30 kB less, for ~2 kB more of chunk list in each bundle's metadata, which
# a first search fetches once. (An "unstable" setting of Pagefind 1.5: without it the search
# still works, with bigger chunks.)
CHUNK_SIZE = 4000

# How often a Pagefind run's peak memory is read while it runs (it only grows).
PEAK_POLL_S = 0.05

# What each bundle folder needs in the site; the first group only in the newest bundle,
# whose pagefind.js the browser imports (the others share its code and WebAssembly).
INDEX_FILES = ("pagefind-entry.json", "*.pf_meta", "index", "fragment", "filter", VOCABULARY)
RUNTIME_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")


@dataclass(frozen=True)
class BundleRun:
    name: str
    papers: int
    reused: bool  # taken from the cache, not indexed again
    seconds: float = 0.0
    peak_mb: float = 0.0  # the Pagefind run's maximum resident set size


@dataclass(frozen=True)
class IndexReport:
    runs: tuple[BundleRun, ...]
    seconds: float
    bundle_bytes: int = 0  # what was copied into the site

    @property
    def papers(self) -> int:
        return sum(r.papers for r in self.runs)

    def summary(self) -> str:
        if not self.runs:
            return "no paper to index"
        indexed = [r for r in self.runs if not r.reused]
        parts = [f"{plural(self.papers, 'paper', grouped=True)} in {plural(len(self.runs), 'bundle')}"]
        if indexed:
            peak = max(r.peak_mb for r in indexed)
            parts.append(
                f"{len(indexed)} indexed ({', '.join(r.name for r in indexed)}; "
                f"{sum(r.seconds for r in indexed):.1f} s, peak {peak:,.0f} MB)"
            )
        if len(indexed) < len(self.runs):
            parts.append(f"{len(self.runs) - len(indexed)} from the cache")
        size = f", {self.bundle_bytes / 1e6:.1f} MB in the site" if self.bundle_bytes else ""
        return ", ".join(parts) + f" in {self.seconds:.1f} s{size}"


@dataclass(frozen=True)
class SearchIndex:
    """The bundles ready in the cache, and what the browser reads first."""

    bundles: tuple[tuple[str, Path], ...]  # (name, cached folder), oldest first
    manifest: dict[str, Any]
    report: IndexReport


def pagefind_version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "unknown"


# A record is named after its paper's anchor (``search_records.record_path``), and the browser reads
# the anchor back from the name: Pagefind must keep "index.html" (a paper whose id is ``index``)
# where by default it would drop it from the URL, and the anchor with it.
PAGEFIND_OPTIONS = ("--keep-index-url",)


def pagefind_command(records_dir: Path, out_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(records_dir),
        "--output-path",
        str(out_dir),
        *PAGEFIND_OPTIONS,
    ]


def index_archive(settings: Settings, data: SiteData | None = None) -> SearchIndex:
    """Make (or take from the cache) every bundle of the site search, from ``content/`` or from
    ``data`` read from it already (``build`` shares it with ``generate``)."""
    data = data or load_site_data(settings)
    bundles = plan_bundles(data.archive.papers(), data.topic_ids_of, settings.search_bundle_papers)
    labels = manifest(bundles, {t.id: t.title for t in data.topics}, organizations(data))
    return build_bundles(bundles, labels, settings.root / CACHE_DIR)


def organizations(data: SiteData) -> dict[str, str]:
    """Organization name → the name its filter shows: the same as its page's title."""
    return {org.name: clean(org.title) for org in data.orgs}


def build_bundles(bundles: list[Bundle], labels: dict[str, Any], cache_dir: Path) -> SearchIndex:
    """Index each bundle that is not in ``cache_dir`` yet; drop cached bundles no longer used."""
    started = time.perf_counter()
    salt = f"pagefind {pagefind_version()} chunk {CHUNK_SIZE} {' '.join(PAGEFIND_OPTIONS)}"
    store = cache_dir / "bundles"
    store.mkdir(parents=True, exist_ok=True)
    ready: list[tuple[str, Path]] = []
    runs: list[BundleRun] = []
    for bundle in bundles:
        folder = store / f"{bundle.name}-{bundle.digest(salt)[:16]}"
        if (folder / "pagefind-entry.json").is_file():
            runs.append(BundleRun(bundle.name, bundle.papers, reused=True))
        else:
            runs.append(_index_bundle(bundle, folder, cache_dir))
        ready.append((bundle.name, folder))
    in_use = {folder.name for _, folder in ready}
    for stale in store.iterdir():
        if stale.name not in in_use:
            shutil.rmtree(stale, ignore_errors=True)
    report = IndexReport(tuple(runs), time.perf_counter() - started)
    log.info("search index: %s", report.summary())
    return SearchIndex(tuple(ready), labels, report)


def _index_bundle(bundle: Bundle, folder: Path, cache_dir: Path) -> BundleRun:
    """Write the bundle's records into a scratch folder and run Pagefind over them into ``folder``."""
    with tempfile.TemporaryDirectory(prefix=f"records-{bundle.name}-", dir=cache_dir) as scratch:
        records, out = Path(scratch) / "records", Path(scratch) / "bundle"
        made: set[Path] = set()
        for record in bundle.records:
            path = records / record.path
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_text(record.html, encoding="utf-8")
        seconds, peak_mb, output = _run_pagefind(pagefind_command(records, out), bundle.name)
        indexed = _count("page", output)
        if indexed != bundle.papers:
            raise BuildError(
                f"search bundle {bundle.name}",
                f"pagefind indexed {indexed} of {bundle.papers} records:\n{output.strip()[-1500:]}",
            )
        (out / VOCABULARY).write_text(bundle.vocabulary, encoding="utf-8")
        try:
            os.replace(out, folder)  # whole or not at all: a killed build leaves no half bundle
        except OSError:
            if not (folder / "pagefind-entry.json").is_file():
                raise
    log.info("search bundle %s: %d papers in %.1f s, peak %.0f MB", bundle.name, bundle.papers, seconds, peak_mb)
    return BundleRun(bundle.name, bundle.papers, reused=False, seconds=seconds, peak_mb=peak_mb)


def _run_pagefind(cmd: list[str], name: str) -> tuple[float, float, str]:
    """Run Pagefind; its wall time, peak memory (MB, 0 where /proc is missing) and output."""
    log.info("running %s", " ".join(cmd))
    env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK_SIZE)}
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, **popen_options())
        except OSError as exc:
            problem = f"pagefind could not be started ({exc}): is the `pagefind` package installed?"
            raise BuildError(None, problem) from exc
        peak_kb = 0
        while True:
            peak_kb = max(peak_kb, _high_water_kb(proc.pid))
            try:
                proc.wait(timeout=PEAK_POLL_S)
                break
            except subprocess.TimeoutExpired:
                continue
        seconds = time.perf_counter() - started
        out.seek(0)
        output = out.read().decode(errors="replace")
    if proc.returncode != 0:
        problem = f"pagefind failed (exit {proc.returncode}):\n{output.strip()[-2000:]}"
        raise BuildError(f"search bundle {name}", problem)
    return seconds, peak_kb / 1024, output


def _high_water_kb(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), in kB.

    Read from /proc rather than taken from wait4's rusage: a child forked from this
    process (which holds the whole archive) would report this process's size as its own.
    ``python -m pagefind`` execs the binary, so the pid is the binary's.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else 0


def _count(label: str, output: str) -> int:
    found = re.search(rf"Indexed (\d+) {label}s?\b", output)
    return int(found.group(1)) if found else 0


def install(index: SearchIndex, site_dir: Path) -> IndexReport:
    """Put the bundles into ``site_dir/pagefind/`` (hard links where the file system allows), with the manifest."""
    target = site_dir / BUNDLES_DIR
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    newest = index.bundles[-1][0] if index.bundles else None
    for name, folder in index.bundles:
        patterns = INDEX_FILES + (RUNTIME_FILES if name == newest else ())
        for pattern in patterns:
            for source in sorted(folder.glob(pattern)):
                if source.is_dir():
                    shutil.copytree(source, target / name / source.name, copy_function=_link_or_copy)
                else:
                    (target / name).mkdir(parents=True, exist_ok=True)
                    _link_or_copy(source, target / name / source.name)
    labels = {**index.manifest, "runtime": newest}
    write_atomic(target / MANIFEST, (json.dumps(labels, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    report = IndexReport(index.report.runs, index.report.seconds, size)
    return report


def _link_or_copy(source: str | Path, dest: str | Path) -> None:
    """A hard link (no copy of the data: the site and the cache share the files, which nothing
    rewrites in place), or a copy across file systems."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)
