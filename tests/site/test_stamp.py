"""The build stamp: when the site was built and its newest day, for every footer, never in the Markdown."""

from __future__ import annotations

import datetime as dt

from generator.site.stamp import NEWEST, NEWEST_PAGE, UPDATED, stamp_env


def test_stamp_uses_the_given_time_unless_one_is_set():
    now = dt.datetime(2026, 11, 23, 1, 20, 59, tzinfo=dt.UTC)
    env = stamp_env(dt.date(2026, 8, 21), now, {})
    assert env == {UPDATED: "2026-11-23T01:20Z", NEWEST: "2026-08-21", NEWEST_PAGE: "archive/2026/08/21/"}
    assert stamp_env(None, now, {UPDATED: "2026-01-02T03:04Z"}) == {UPDATED: "2026-01-02T03:04Z"}
