"""The stats page and its SVG charts."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from generator.model import Archive, Day, Paper
from generator.render import charts
from generator.render.charts import Series, bar_chart, line_chart
from generator.render.pages.stats import render_stats, upvote_bins

SVG = "{http://www.w3.org/2000/svg}"
FIGURE = re.compile(r"^<figure class=\"chart\">.*</figure>$", re.M)


def _svgs(markdown: str) -> list[etree._Element]:
    return [etree.fromstring(f.encode())[0] for f in FIGURE.findall(markdown)]


def _table(markdown: str, title: str) -> list[list[str]]:
    block = markdown.split(f'??? note "{title}"', 1)[1].split("\n\n", 2)[1]
    rows = [r.strip().strip("|").split("|") for r in block.splitlines()[2:]]
    return [[c.strip() for c in r] for r in rows]


def test_stats_page_has_four_accessible_charts(bundled_archive):
    markdown = render_stats(bundled_archive, [("Entropy", [next(bundled_archive.papers())])])
    svgs = _svgs(markdown)
    assert len(svgs) == 4
    for svg in svgs:
        assert svg.get("role") == "img"
        labelled = svg.get("aria-labelledby").split()
        assert [svg.find(f"{SVG}title").get("id"), svg.find(f"{SVG}desc").get("id")] == labelled
        assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
        # Colours follow the page (light and dark): text in currentColor, bars in Material's variable.
        assert svg.get("fill") == "currentColor"
        styles = " ".join(e.get("style", "") for e in svg.iter())
        assert "#000" not in styles and "black" not in styles and "white" not in styles


def test_stats_tables_add_up_to_the_archive(bundled_archive):
    markdown = render_stats(bundled_archive, [])
    months = _table(markdown, "Papers per month, as a table")
    assert sum(int(papers) for _, _, papers in months) == bundled_archive.paper_count
    assert sum(int(days) for _, days, _ in months) == len(bundled_archive.days)
    bins = _table(markdown, "Upvotes, as a table")
    assert sum(int(n) for _, n in bins) == bundled_archive.paper_count
    zero = sum(1 for p in bundled_archive.papers() if p.upvotes == 0)
    assert bins[0] == ["0", str(zero)]


def test_one_bar_per_stored_day_in_a_single_path(bundled_archive):
    markdown = render_stats(bundled_archive, [])
    per_day = _svgs(markdown)[0]
    bars = [p for p in per_day.iter(f"{SVG}path") if p.get("style")]
    assert len(bars) == 1
    assert bars[0].get("d").count("z") == sum(1 for d in bundled_archive.days if d.papers)


def test_months_without_papers_are_shown_as_gaps():
    def day(date: dt.date) -> Day:
        return Day(
            date=date, papers=(Paper(id=f"2601.{date.month:05d}", title="t", authors=(), abstract="a", day=date),)
        )

    archive = Archive(days=(day(dt.date(2026, 1, 5)), day(dt.date(2026, 4, 6))))
    rows = _table(render_stats(archive, []), "Papers per month, as a table")
    assert [r[0] for r in rows] == ["April 2026", "March 2026", "February 2026", "January 2026"]
    assert [r[2] for r in rows] == ["1", "0", "0", "1"]


def test_hostile_topic_names_stay_text(bundled_archive):
    name = "</title><script>alert(1)</script> | *x*"
    markdown = render_stats(bundled_archive, [(name, list(bundled_archive.papers())[:3])])
    topic_chart = _svgs(markdown)[2]
    assert not topic_chart.xpath("//*[local-name()='script']")
    assert topic_chart.find(f"{SVG}polyline/{SVG}title").text == name
    assert "<script>" not in markdown


def test_upvote_bins_cover_every_count():
    papers = [
        Paper(id=str(i), title="t", authors=(), abstract="a", upvotes=u)
        for i, u in enumerate([0, 1, 4, 5, 499, 500, 10**6])
    ]
    bins = dict(upvote_bins(papers))
    assert sum(bins.values()) == len(papers)
    assert bins["0"] == 1 and bins["1–4"] == 2 and bins["5–9"] == 1 and bins["500+"] == 2


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=400))
def test_bar_charts_are_valid_svg_within_their_frame(values):
    svg = etree.fromstring(bar_chart("c", "t", "d", values, [""] * len(values)).encode())[0]
    assert svg.get("viewBox") == f"0 0 {charts.WIDTH} {charts.HEIGHT}"
    d = next(p.get("d") for p in svg.iter(f"{SVG}path") if p.get("style"))
    assert d.count("z") == sum(1 for v in values if v)
    for height in re.findall(r"v(-?[\d.]+)h", d):
        assert -(charts.HEIGHT - charts.TOP - charts.BOTTOM) <= float(height) <= 0


def test_charts_are_deterministic():
    series = [Series(name="a", values=(1, 2, 3)), Series(name="b", values=(3, 0, 1))]
    assert line_chart("x", "t", "d", series, ["J", "F", "M"]) == line_chart("x", "t", "d", series, ["J", "F", "M"])
