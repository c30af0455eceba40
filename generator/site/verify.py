"""``verify``: a built site checked against content/, the gate before every deploy.

The update workflow deploys a site only when this passes (and the Tests workflow runs it on
the bundled content): a build that went wrong in a way its exit status did not say (a search
index short of a record, a feed that no reader can parse, a page left out) stops there.

What it checks, each against the stored papers (``DayStore.load``), reading the built files:

* every stored paper is on its day page, under its anchor (``mdtext.anchor_id``);
* the site search holds one record per stored paper, at the paper's record URL
  (``search_records.record_path``), in the bundles ``pagefind/bundles.json`` lists;
* every feed parses (XML or JSON), and the latest feed holds the archive's last days' papers;
* the exports (``data/papers-YYYY.jsonl.gz`` and ``.csv``) hold every paper of their year;
* no HTML page weighs more than ``PAGE_BUDGET_KB``.

Each problem is one line ``<file>: <what>``; nothing is written.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ElementTree
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..content.days import DayStore, require_folder
from ..model import Archive
from ..render import paths
from ..render.export import csv_path, jsonl_path, read_csv_row
from ..render.feeds import latest_spec
from ..render.mdtext import anchor_id
from ..wording import plural
from .search_index import BUNDLES_DIR, MANIFEST
from .search_records import record_path

# No HTML page may weigh more than this (issue 15: "no generated page over 300 KB of HTML at
# 1,000 synthetic days"); ``benchmarks/page_sizes.py`` lists the largest pages against it too.
PAGE_BUDGET_KB = 300
# How many problems of one kind are listed one by one; the rest are counted.
SHOWN = 10

_ID = re.compile(rb'\sid="([^"]*)"')
# Pagefind's fragments: gzip, then this signature, then the record as JSON.
_FRAGMENT_SIGNATURE = b"pagefind_dcd"


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    papers: int = 0
    day_pages: int = 0
    records: int = 0
    bundles: int = 0
    feeds: int = 0
    exports: int = 0
    pages: int = 0

    def add(self, where: Path | str, problems: list[str]) -> None:
        """The problems of one kind at ``where``: the first ``SHOWN`` of them, then how many more."""
        self.problems += [f"{where}: {p}" for p in problems[:SHOWN]]
        if len(problems) > SHOWN:
            self.problems.append(f"{where}: and {len(problems) - SHOWN} more alike")

    def verdict(self, site_dir: Path) -> str:
        if self.problems:
            return f"{plural(len(self.problems), 'problem')} in {site_dir}: do not deploy it"
        return (
            f"{site_dir} holds content/: {plural(self.papers, 'paper', grouped=True)} on "
            f"{plural(self.day_pages, 'day page', grouped=True)}, {plural(self.records, 'search record', grouped=True)}"
            f" in {plural(self.bundles, 'bundle')}, {plural(self.feeds, 'feed file')} that parse, "
            f"{plural(self.exports, 'export file')} with every paper, "
            f"{plural(self.pages, 'page', grouped=True)} within {PAGE_BUDGET_KB} KB"
        )


def verify_site(settings: Settings, site_dir: Path) -> VerifyReport:
    """Every problem of the built ``site_dir`` against ``settings.content_dir`` (none: deploy it)."""
    require_folder(settings.content_dir, settings.config_file.name)
    archive = DayStore(settings.content_dir).load()
    report = VerifyReport(papers=archive.paper_count)
    if not (site_dir / "index.html").is_file():
        report.add(site_dir, ["no index.html: not a built site (run build first)"])
        return report
    _check_day_pages(archive, site_dir, report)
    _check_search(archive, site_dir, report)
    _check_feeds(archive, site_dir, report)
    _check_exports(archive, site_dir, report)
    _check_page_sizes(site_dir, report)
    return report


def page_file(site_dir: Path, docs_path: str) -> Path:
    """The HTML file MkDocs writes for a docs page (``archive/2026/07/14.md`` → ``archive/2026/07/14/index.html``)."""
    return site_dir / paths.page_url(docs_path) / "index.html"


def _check_day_pages(archive: Archive, site_dir: Path, report: VerifyReport) -> None:
    for day in archive.days:
        page = page_file(site_dir, paths.day_path(day.date))
        try:
            ids = {m.decode("utf-8", "replace") for m in _ID.findall(page.read_bytes())}
        except OSError:
            report.add(page, [f"missing: the day page of {day.date} ({plural(len(day.papers), 'paper')})"])
            continue
        report.day_pages += 1
        report.add(page, [f"paper {p.id} is not on its day page" for p in day.papers if anchor_id(p.id) not in ids])


def _check_search(archive: Archive, site_dir: Path, report: VerifyReport) -> None:
    folder = site_dir / BUNDLES_DIR
    try:
        manifest = json.loads((folder / MANIFEST).read_bytes())
        bundles = [b["name"] for b in manifest["bundles"]]
    except (OSError, ValueError, KeyError, TypeError) as e:
        report.add(folder / MANIFEST, [f"the site search's list of bundles cannot be read ({e.__class__.__name__})"])
        return
    report.bundles = len(bundles)
    found: dict[str, int] = {}
    for name in bundles:
        for url, problem in _fragments(folder / str(name)):
            if problem:
                report.add(folder / str(name), [problem])
            else:
                found[url] = found.get(url, 0) + 1
    report.records = sum(found.values())
    expected = {"/" + record_path(p): p.id for p in archive.papers()}
    missing = [f"paper {pid} has no search record ({url})" for url, pid in expected.items() if url not in found]
    extra = [f"a search record of no stored paper: {url}" for url in sorted(found) if url not in expected]
    twice = [f"{n} search records of {url}" for url, n in sorted(found.items()) if n > 1]
    report.add(folder, missing + extra + twice)


def _fragments(bundle: Path) -> Iterator[tuple[str, str | None]]:
    """(record URL, None), or ("", a problem), for each record Pagefind stored in ``bundle``."""
    files = sorted((bundle / "fragment").glob("*.pf_fragment"))
    if not files:
        yield "", "no search records in this bundle"
    for path in files:
        try:
            data = gzip.decompress(path.read_bytes())
            url = json.loads(data.removeprefix(_FRAGMENT_SIGNATURE))["url"]
        except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError) as e:
            yield "", f"{path.name}: a search record that cannot be read ({e.__class__.__name__})"
        else:
            yield str(url), None


def _check_feeds(archive: Archive, site_dir: Path, report: VerifyReport) -> None:
    folder = site_dir / "feeds"
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".xml", ".json"))
    if not files:
        report.add(folder, ["no feed"])
    for path in files:
        try:
            data = path.read_bytes()
            doc = json.loads(data) if path.suffix == ".json" else ElementTree.fromstring(data)
        except (OSError, ValueError, ElementTree.ParseError) as e:
            report.add(path, [f"the feed cannot be parsed: {e}"])
            continue
        report.feeds += 1
        if path.name == "latest.json":
            items = doc.get("items") if isinstance(doc, dict) else None
            want = len(latest_spec(archive).papers)
            if not isinstance(items, list) or len(items) != want:
                have = len(items) if isinstance(items, list) else 0
                report.add(path, [f"{plural(have, 'item')}, where the archive's last days have {want} papers"])


def _check_exports(archive: Archive, site_dir: Path, report: VerifyReport) -> None:
    years: dict[int, set[str]] = {}
    for day in archive.days:
        years.setdefault(day.date.year, set()).update(p.id for p in day.papers)
    for year, ids in sorted(years.items()):
        for path, read in ((site_dir / jsonl_path(year), _jsonl_ids), (site_dir / csv_path(year), _csv_ids)):
            try:
                found = read(path.read_bytes())
            except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, csv.Error) as e:
                report.add(path, [f"the export cannot be read ({e.__class__.__name__}: {e})"])
                continue
            report.exports += 1
            missing = sorted(ids - set(found))
            problems = (
                [f"{plural(len(missing), 'paper')} of {year} missing: {', '.join(missing[:5])}"] if missing else []
            )
            if len(found) != len(set(found)) or set(found) - ids:
                problems.append(f"{len(found)} rows for {len(ids)} papers of {year}")
            report.add(path, problems)


def _jsonl_ids(data: bytes) -> list[str]:
    return [json.loads(line)["id"] for line in gzip.decompress(data).decode("utf-8").splitlines() if line]


def _csv_ids(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    return [read_csv_row(row)["id"] for row in rows[1:]]


def _check_page_sizes(site_dir: Path, report: VerifyReport) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    report.pages = len(pages)
    heavy = [p for p in pages if p.stat().st_size > PAGE_BUDGET_KB * 1000]
    report.add(
        site_dir,
        [f"{p.relative_to(site_dir).as_posix()} weighs {p.stat().st_size / 1e3:.0f} KB" for p in heavy],
    )
