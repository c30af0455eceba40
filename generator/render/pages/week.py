"""ISO week pages: every paper listed in one week (Monday to Sunday), ranked by upvotes."""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Day
from .. import paths, titles
from ..mdtext import page_head, relpath
from .paper import Cards
from .rankings import ranked

Week = tuple[int, int]  # (ISO year, ISO week)


def weeks_of(days: Sequence[Day]) -> dict[Week, list[Day]]:
    """The stored days grouped by ISO week, in date order."""
    weeks: dict[Week, list[Day]] = {}
    for day in days:
        weeks.setdefault(paths.iso_week(day.date), []).append(day)
    return weeks


def render_week(
    week: Week,
    days: Sequence[Day],
    previous: Week | None,
    following: Week | None,
    cards: Cards,
    this_week: bool = False,
) -> str:
    """``previous``/``following`` are the nearest weeks that have papers (None at the ends).

    ``this_week`` renders the navigation's "This week" page (``weeks/index.md``) instead of the
    week's own: the same list, titled "This week", linking to the week's lasting page.
    """
    year, number = week
    source = paths.WEEKS if this_week else paths.week_path(year, number)
    title = titles.week_title(year, number)
    papers = [p for d in days for p in d.papers]
    nav = []
    if previous is not None:
        nav.append(f"[← Week {previous[1]}]({relpath(paths.week_path(*previous), source)})")
    for y, m in sorted({(d.date.year, d.date.month) for d in days}):
        nav.append(f"[{titles.month_title(y, m)}]({relpath(paths.month_path(y, m), source)})")
    if following is not None:
        nav.append(f"[Week {following[1]} →]({relpath(paths.week_path(*following), source)})")
    if this_week:
        nav.append(f"[this week's lasting page]({relpath(paths.week_path(year, number), source)})")
    day_links = " · ".join(
        f"[{titles.WEEKDAYS[d.date.weekday()][:3]} {titles.short_date(d.date)}]"
        f"({relpath(paths.day_path(d.date), source)}) ({len(d.papers)})"
        for d in days
    )
    description = f"{len(papers)} papers listed on Hugging Face Daily Papers in {title}, ranked by upvotes."
    head = (
        page_head("This week", description, heading=f"This week: {title}")
        if this_week
        else page_head(title, description)
    )
    lines = [
        *head,
        " · ".join(nav) + "\n{ .day-nav }\n",
        f"{len(papers)} papers on {len(days)} days: {day_links}",
        "",
        "## Ranked by upvotes",
        "",
        cards.papers(ranked(papers), source),
        "",
    ]
    return "\n".join(lines)


def render_weeks(days: Sequence[Day], cards: Cards) -> dict[str, str]:
    """docs path → Markdown of every week that has papers."""
    weeks = weeks_of(days)
    order = sorted(weeks)
    pages = {}
    for i, week in enumerate(order):
        previous = order[i - 1] if i > 0 else None
        following = order[i + 1] if i + 1 < len(order) else None
        pages[paths.week_path(*week)] = render_week(week, weeks[week], previous, following, cards)
    return pages


def render_this_week(days: Sequence[Day], cards: Cards) -> str:
    """The navigation's "This week": the newest week with papers (the archive's, not today's)."""
    weeks = weeks_of(days)
    if not weeks:
        return "\n".join([*page_head("This week"), "The archive is empty.", ""])
    order = sorted(weeks)
    previous = order[-2] if len(order) > 1 else None
    return render_week(order[-1], weeks[order[-1]], previous, None, cards, this_week=True)
