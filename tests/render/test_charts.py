"""The build-time SVG charts: round scales, accessible names, stable bytes, small at any size."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from generator.render.charts import Series, bar_chart, line_chart


def svg_of(figure: str) -> etree._Element:
    return etree.fromstring(figure.encode())


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=60))
def test_a_bar_chart_is_valid_svg_whose_scale_covers_every_value(values):
    figure = bar_chart("c", "Title", "Desc", values, [""] * len(values))
    root = svg_of(figure)
    ticks = [int(t.replace(",", "")) for t in re.findall(r'text-anchor="end">([\d,]+)<', figure)]
    assert ticks[0] == 0 and ticks[-1] >= max(values) and 2 <= len(ticks) <= 7
    assert ticks == sorted(ticks)
    assert root.find(".//{http://www.w3.org/2000/svg}title").text == "Title"
    assert "-0" not in re.findall(r'[xy]="(-?[\d.]+)"', figure)


def test_bars_are_one_path_without_tooltips_and_one_element_each_with_them():
    values = [3, 0, 5]
    plain = bar_chart("a", "T", "D", values, ["x", "", "z"])
    assert plain.count("<path") == 1 + 4 + 1  # the bars, the grid lines (0, 2, 4, 6), the axis
    with_tips = bar_chart("b", "T", "D", values, ["x", "", "z"], tooltips=["x: 3", "y: 0", "z: 5"])
    assert with_tips.count("<rect") == 3 and "<title>z: 5</title>" in with_tips


def test_the_same_numbers_give_the_same_bytes():
    series = [Series("A", (1, 2, 3)), Series("B <b>", (3, 2, 1))]
    first = line_chart("l", "T", "D", series, ["Jan", "Feb", "Mar"])
    assert first == line_chart("l", "T", "D", series, ["Jan", "Feb", "Mar"])
    # Series names are text, escaped; the legend lists each once.
    assert "B &lt;b&gt;" in first and "<b>" not in first
    assert first.count("<li>") == 2


def test_labels_are_thinned_so_they_never_overlap():
    labels = [f"d{i}" for i in range(100)]
    figure = bar_chart("d", "T", "D", [1] * 100, labels)
    shown = re.findall(r">(d\d+)</text>", figure)
    assert 1 < len(shown) <= 12 and shown[0] == "d0"
