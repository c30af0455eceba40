"""The page of one listing day: every paper as a card, most upvoted first."""

from __future__ import annotations

from ...model import Day
from .. import paths, titles
from ..mdtext import page_head, relpath
from .paper import Cards


def counts_as_of(day: Day) -> str:
    """When the day's counts were last fetched ("counts as of 21 Aug 2026, 07:45 UTC"), as the store knows it."""
    if day.fetched is None:
        return "counts as saved on the day (fetch time not recorded)"
    return f"counts as of {titles.short_date(day.fetched.date())}, {day.fetched:%H:%M} UTC"


def render_day(day: Day, previous: Day | None, following: Day | None, cards: Cards) -> str:
    source = paths.day_path(day.date)
    title = titles.day_title(day.date)
    month = titles.month_title(day.date.year, day.date.month)
    papers = day.by_upvotes()
    nav = []
    if previous is not None:
        nav.append(f"[← {titles.day_title(previous.date)}]({relpath(paths.day_path(previous.date), source)})")
    nav.append(f"[{month}]({relpath(paths.month_path(day.date.year, day.date.month), source)})")
    week = paths.iso_week(day.date)
    nav.append(f"[Week {week[1]}]({relpath(paths.week_path(*week), source)})")
    if following is not None:
        nav.append(f"[{titles.day_title(following.date)} →]({relpath(paths.day_path(following.date), source)})")
    nav_line = " · ".join(nav) + "\n{ .day-nav }\n"
    upvotes = sum(p.upvotes for p in papers)
    lines = [
        *page_head(title, f"{len(papers)} papers listed on Hugging Face Daily Papers on {title}."),
        nav_line,
        f"{len(papers)} papers · {upvotes:,} upvotes · {counts_as_of(day)} · "
        f"[this day on Hugging Face](https://huggingface.co/papers/date/{day.date.isoformat()})",
        "",
    ]
    for paper in papers:
        lines.append(cards.card(paper, source))
    lines.append(nav_line)
    return "\n".join(lines)
