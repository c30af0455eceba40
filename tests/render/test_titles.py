"""How days, months and weeks are named on the pages: in English, whatever the machine's locale."""

from __future__ import annotations

import datetime as dt
import locale

from generator.render import titles


def test_day_month_and_short_dates():
    day = dt.date(2026, 7, 14)
    assert titles.day_title(day) == "Tuesday, 14 July 2026"
    assert titles.short_date(day) == "14 Jul 2026"
    assert titles.month_title(2026, 7) == "July 2026"


def test_week_titles_name_both_ends_across_months_and_years():
    assert titles.week_title(2026, 29) == "Week 29 of 2026 (13–19 Jul 2026)"
    assert titles.week_title(2026, 31) == "Week 31 of 2026 (27 Jul–2 Aug 2026)"
    assert titles.week_title(2026, 1) == "Week 1 of 2026 (29 Dec 2025–4 Jan 2026)"


def test_names_do_not_follow_the_machine_locale(monkeypatch):
    try:
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        locale.setlocale(locale.LC_TIME, "C")
    try:
        assert titles.day_title(dt.date(2026, 7, 14)) == "Tuesday, 14 July 2026"
    finally:
        locale.setlocale(locale.LC_TIME, "C")
