"""Static SVG charts, drawn at build time: no JavaScript, no network, no library.

Each chart is one ``<figure>`` holding an inline ``<svg>``, so it inherits the
page's colours: axes and text use ``currentColor`` and the bars Material's
theme variables, which switch with the light/dark palette. Every chart has a
``<title>`` and ``<desc>`` (read by screen readers); the pages that use them
add a table of the same numbers.

Output depends only on the input numbers: coordinates are rounded to one
decimal, so the same data gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .templating import render

WIDTH = 720
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 28, 40  # margins around the plot area (room above for a phone's larger labels)

# Mid-tone colours that read on both the light and the dark background, for
# the series of a line chart (the bars use the theme's accent variable).
PALETTE = ("#e8710a", "#1a73e8", "#12b5cb", "#d01884", "#7cb342", "#9334e6", "#f9ab00", "#5f6368")
BAR_STYLE = "fill:var(--md-accent-fg-color, #ff6e42)"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]


def _n(x: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros, never '-0'."""
    s = f"{x:.1f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _ticks(top: int) -> list[int]:
    """3 to 6 round tick values from 0 to at least ``top``."""
    if top <= 0:
        return [0, 1]
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step)) if step >= 1 else 1
    ticks = [0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def _chart(
    chart_id: str,
    title: str,
    desc: str,
    ticks: list[int],
    labels: list[tuple[float, str]],
    **marks: Any,
) -> str:
    """The chart's figure (``templates/chart.html``): title, description, y grid with values, the
    marks (``bars_path``, ``bars``, ``lines``, ``legend``), x labels. Coordinates are made here, as
    text by ``_n``; every text is escaped by the template."""
    plot_h = HEIGHT - TOP - BOTTOM
    rows = [(_n(TOP + plot_h - plot_h * tick / ticks[-1]), f"{tick:,}") for tick in ticks]
    kept = _phone_labels(labels)
    shown = []
    for i, (x, label) in enumerate(labels):
        # Labels at the ends are anchored inwards, so that they are not cut off.
        anchor = "end" if x > WIDTH - RIGHT - 30 else "start" if x < LEFT + 10 else "middle"
        shown.append((_n(x), anchor, label, i in kept))
    marks = {"bars_path": None, "bars": (), "lines": (), "legend": (), **marks}
    return str(
        render(
            "chart.html",
            chart_id=chart_id,
            title=title,
            desc=desc,
            width=WIDTH,
            height=HEIGHT,
            left=LEFT,
            right=WIDTH - RIGHT,
            base=TOP + plot_h,
            rows=rows,
            y_label=lambda y: _n(float(y) + 4),
            labels=shown,
            label_y=HEIGHT - BOTTOM + 16,
            bar_style=BAR_STYLE,
            **marks,
        )
    )


# On a phone the chart is drawn at about 330 of its 720 units, so archive.css sets its text at
# PHONE_FONT units (about 12 px there) and shows only the x labels that have room at that size.
PHONE_FONT = 26


def _phone_labels(labels: Sequence[tuple[float, str]]) -> set[int]:
    """The x labels a phone shows: from the left, each that starts clear of the one before it."""
    kept: set[int] = set()
    right = -math.inf
    for i, (x, label) in enumerate(labels):
        half = len(label) * PHONE_FONT * 0.3  # a character is about 0.55 of the font size wide, plus a gap
        if x - half >= right:
            kept.add(i)
            right = x + half
    return kept


def _label_positions(
    labels: Sequence[str], x_of: Callable[[int], float], max_labels: int = 12
) -> list[tuple[float, str]]:
    """Every label, or evenly thinned ones when they would overlap; empty labels are skipped."""
    shown = [(i, lab) for i, lab in enumerate(labels) if lab]
    step = max(1, math.ceil(len(shown) / max_labels))
    return [(x_of(i), lab) for i, lab in shown[::step]]


def bar_chart(
    chart_id: str, title: str, desc: str, values: Sequence[int], labels: Sequence[str], tooltips: Sequence[str] = ()
) -> str:
    """Bars of ``values``; ``labels`` (same length, '' for none) under the x axis.

    With ``tooltips`` every bar is its own element with a hover text; without,
    all bars are one ``<path>``, so a bar per day for 1,000+ days stays small.
    """
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(values), 1)
    ticks = _ticks(max(values, default=0))
    ymax = ticks[-1]
    slot = plot_w / n
    bar = max(slot * 0.8, 0.5) if n > 1 else slot * 0.5
    base = TOP + plot_h

    def x_of(i: int) -> float:
        return LEFT + slot * i + slot / 2

    positions = _label_positions(labels, x_of)
    if tooltips:
        bars = [
            (_n(x_of(i) - bar / 2), _n(base - plot_h * v / ymax), _n(bar), _n(plot_h * v / ymax), tooltips[i])
            for i, v in enumerate(values)
        ]
        return _chart(chart_id, title, desc, ticks, positions, bars=bars)
    d = "".join(
        f"M{_n(x_of(i) - bar / 2)} {base}v{_n(-plot_h * v / ymax)}h{_n(bar)}V{base}z" for i, v in enumerate(values) if v
    )
    return _chart(chart_id, title, desc, ticks, positions, bars_path=d)


def line_chart(chart_id: str, title: str, desc: str, series: Sequence[Series], labels: Sequence[str]) -> str:
    """One line per series over the same x positions, with a legend below the chart."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max((len(s.values) for s in series), default=0)
    ticks = _ticks(max((max(s.values, default=0) for s in series), default=0))
    ymax = ticks[-1]
    base = TOP + plot_h

    def x_of(i: int) -> float:
        return LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    lines, legend = [], []
    for k, one in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        points = " ".join(f"{_n(x_of(i))},{_n(base - plot_h * v / ymax)}" for i, v in enumerate(one.values))
        lines.append((points, colour, one.name))
        legend.append((one.name, colour))
    return _chart(chart_id, title, desc, ticks, _label_positions(labels, x_of), lines=lines, legend=legend)
