"""The repository's own content/: the archive's data, whatever the daily runs (or a fork) made of it.

Every other test reads the tests' fixed archive (tests/fixtures/archive). These check only
properties that hold for any archive, never its bytes or its counts: its files are valid, and
every stored paper reaches the site (its day page, its year's data files). An empty content/
(a fork starting from scratch) passes them too.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.config import load_settings
from generator.render import paths
from generator.render.export import jsonl_path
from generator.render.generate import render_pages
from generator.render.mdtext import anchor_id
from generator.render.site_data import load_site_data

from .common import ROOT

# Renders every page of the archive, whose size grows with every run: a site test, out of test-fast.
pytestmark = pytest.mark.site


def test_the_archives_content_is_valid():
    result = CliRunner().invoke(cli, ["--config", str(ROOT / "mkdocs.yml"), "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("check: content is valid")


def test_every_stored_paper_reaches_its_day_page_and_the_data_files():
    data = load_site_data(load_settings(ROOT / "mkdocs.yml"))
    pages = render_pages(data)
    for day in data.archive.days:
        page = pages[paths.day_path(day.date)]
        assert isinstance(page, str)
        missing = [p.id for p in day.papers if f"{{ #{anchor_id(p.id)} " not in page]
        assert not missing, f"{day.date}: papers without their entry on the day page: {missing}"
    stored = Counter(p.day.year for p in data.archive.papers() if p.day is not None)
    for year, count in stored.items():
        data_file = pages[jsonl_path(year)]
        assert isinstance(data_file, bytes)
        records = [json.loads(line) for line in gzip.decompress(data_file).decode("utf-8").splitlines()]
        assert len(records) == count
        assert {r["id"] for r in records} == {p.id for p in data.archive.papers() if p.day and p.day.year == year}
