"""The stats page and its SVG charts."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from generator.model import Archive, Day, Paper
from generator.render import charts, titles
from generator.render.charts import Series, bar_chart, line_chart
from generator.render.pages.stats import MAX_HOVER_BARS, render_stats, upvote_bins

SVG = "{http://www.w3.org/2000/svg}"
FIGURE = re.compile(r"^<figure class=\"chart\">.*</figure>$", re.M)


def _svgs(markdown: str) -> list[etree._Element]:
    return [etree.fromstring(f.encode())[0] for f in FIGURE.findall(markdown)]


def _table(markdown: str, title: str) -> list[list[str]]:
    """The rows (cell texts) of the folded table under the summary ``title``."""
    (line,) = [line for line in markdown.splitlines() if line.startswith("<details") and f"<summary>{title}<" in line]
    details = lxml_html.fragment_fromstring(line)
    assert details.get("class") == "note chart-table" and details[0].tag == "summary"
    return [[td.text_content() for td in tr] for tr in details.xpath(".//tbody/tr")]


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


def test_one_bar_per_stored_day_each_with_its_hover_value(bundled_archive):
    markdown = render_stats(bundled_archive, [])
    per_day = _svgs(markdown)[0]
    bars = [r for r in per_day.iter(f"{SVG}rect") if r.get("style")]
    assert len(bars) == len(bundled_archive.days)
    tips = [bar.find(f"{SVG}title").text for bar in bars]
    assert tips == [f"{titles.day_title(d.date)}: {len(d.papers)} papers" for d in bundled_archive.days]


def _weekdays(count: int) -> Archive:
    days, date = [], dt.date(2023, 5, 1)
    while len(days) < count:
        if date.weekday() < 5:
            paper = Paper(id=f"{len(days):04d}.00001", title="t", authors=(), abstract="a", day=date)
            days.append(Day(date=date, papers=(paper,) * (1 + len(days) % 3)))
        date += dt.timedelta(days=1)
    return Archive(days=tuple(days))


def test_beyond_the_hover_limit_the_bars_are_one_path():
    """Over MAX_HOVER_BARS days a bar is under 1.4 px wide: one path, and the table has the numbers."""
    archive = _weekdays(MAX_HOVER_BARS + 1)
    per_day = _svgs(render_stats(archive, []))[0]
    assert not [r for r in per_day.iter(f"{SVG}rect") if r.get("style")]
    bars = [p for p in per_day.iter(f"{SVG}path") if p.get("style")]
    assert len(bars) == 1 and bars[0].get("d").count("z") == len(archive.days)


def test_the_per_day_table_has_a_row_per_week_and_adds_up(bundled_archive):
    markdown = render_stats(bundled_archive, [])
    rows = _table(markdown, "Papers per day, as a table (a row per week)")
    weeks = {d.date.isocalendar()[:2] for d in bundled_archive.days}
    assert len(rows) == len(weeks)
    assert rows[-1][0] == "2026-W29 (13 Jul 2026)"  # newest first: the archive's first week last
    by_date = {d.date: len(d.papers) for d in bundled_archive.days}
    for row in rows:
        year, week = int(row[0][:4]), int(row[0][6:8])
        dates = [dt.date.fromisocalendar(year, week, i) for i in range(1, 8)]
        assert row[1:8] == [str(by_date[d]) if d in by_date else "" for d in dates]
        assert int(row[8]) == sum(by_date.get(d, 0) for d in dates)
    assert sum(int(r[8]) for r in rows) == bundled_archive.paper_count
    # 1,000 days make about 200 short rows, not 1,000.
    assert len(_table(render_stats(_weekdays(1000), []), "Papers per day, as a table (a row per week)")) == 200


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
    header = lxml_html.fragment_fromstring(
        next(line for line in markdown.splitlines() if "<summary>Papers per topic and month" in line)
    ).xpath(".//thead/tr/th")
    assert [th.text_content() for th in header] == ["Month", name] and all(len(th) == 0 for th in header)


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
