"""Requests and wall time of a backfill against the local replaying Hub, throttle off and on.

    .venv/bin/python -m benchmarks.backfill                      # both runs, the defaults below
    .venv/bin/python -m benchmarks.backfill --days 1000 --throttled-days 0   # throttle off only

The local server (tests/hubserver.py, on 127.0.0.1) serves a synthetic feed
from the archive's first day (2023-05-04): weekdays carry the recorded 2026
answers in turn, each paper under a fresh id and listing day; weekends are
``[]``. Every run starts from an empty store in a temporary directory and goes
through ``run_fetch`` (paging, parsing, ``DayStore.merge`` in batches), exactly
as ``python -m generator fetch --since ... --until ...`` does.

With the throttle on (the client's real setting: 450 requests per sliding
300 s, real clock), a 1,000-day backfill takes at least two full 5-minute
waits; ``--throttled-days`` measures a shorter range that crosses one window
boundary, and the expected full-range time is extrapolated from the
throttle's arithmetic (and printed as such). The server's request log checks
that no 300 s window held more than the anonymous limit (500).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.days import DayStore  # noqa: E402
from generator.hub import client as hub_client  # noqa: E402
from generator.hub.client import HubClient  # noqa: E402
from generator.hub.fetch import run_fetch  # noqa: E402
from tests.hubserver import HubServer, recorded_answers  # noqa: E402

START = dt.date(2023, 5, 4)
HUB_LIMIT = 500  # anonymous calls per 5 minutes (https://huggingface.co/docs/hub/rate-limits)


def synthetic_feed(days: int) -> dict[dt.date, list[Any]]:
    recorded = [items for date, items in sorted(recorded_answers().items()) if date.year == 2026]
    feed: dict[dt.date, list[Any]] = {}
    serial = 0
    weekday = 0
    for i in range(days):
        date = START + dt.timedelta(days=i)
        if date.weekday() >= 5:
            continue  # no file: the server answers []
        items = copy.deepcopy(recorded[weekday % len(recorded)])
        weekday += 1
        for item in items:
            serial += 1
            item["paper"]["id"] = f"{date:%y%m}.{serial:05d}"
            item["paper"]["submittedOnDailyAt"] = f"{date}T08:00:00.000Z"
        feed[date] = items
    return feed


def max_in_window(times: list[float], window: float) -> int:
    best, j = 0, 0
    for i, t in enumerate(times):
        while times[j] <= t - window:
            j += 1
        best = max(best, i - j + 1)
    return best


def measure(days: int, throttle: bool) -> dict[str, Any]:
    server = HubServer(today=START + dt.timedelta(days=days))
    server.days = synthetic_feed(days)
    server.start()
    try:
        with tempfile.TemporaryDirectory(prefix="backfill-") as tmp:
            store = DayStore(Path(tmp) / "content")
            dates = [START + dt.timedelta(days=i) for i in range(days)]
            client = HubClient(server.url, throttle=throttle)
            started, cpu_started = time.perf_counter(), time.process_time()
            summary = run_fetch(client, store, dates)
            wall = time.perf_counter() - started
            cpu = time.process_time() - cpu_started  # client and server threads: this process
            stored = store.load().paper_count
        stamps = sorted(r.at for r in server.requests)
    finally:
        server.stop()
    return {
        "days": days,
        "throttle": throttle,
        "requests": summary.requests,
        "wall": wall,
        "cpu": cpu,
        "waited": client.stats.waited,
        "papers": stored,
        "failures": len(summary.failures),
        "max_per_300s": max_in_window(stamps, hub_client.THROTTLE_WINDOW),
    }


def throttled_estimate(requests: int, work_seconds: float) -> float:
    """Wall time of ``requests`` under the throttle: full windows waited, plus the work itself."""
    windows = math.ceil(requests / hub_client.THROTTLE_CALLS) - 1
    return windows * hub_client.THROTTLE_WINDOW + work_seconds


def row(r: dict[str, Any]) -> str:
    return (
        f"| {r['days']} | {'on' if r['throttle'] else 'off'} | {r['requests']} | {r['wall']:.1f} s | "
        f"{r['cpu']:.1f} s | {r['waited']:.1f} s | {r['max_per_300s']} | {r['papers']} | {r['failures']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=1000, help="range of the throttle-off run")
    parser.add_argument("--throttled-days", type=int, default=480, help="range of the throttle-on run (0: skip it)")
    args = parser.parse_args()
    load = os.getloadavg()[0]  # the machine may be shared: its load says how much the times can be trusted
    print(f"throttle setting: {hub_client.THROTTLE_CALLS} requests per {hub_client.THROTTLE_WINDOW:.0f} s")
    results = [measure(args.days, throttle=False)]
    if args.throttled_days:
        results.append(measure(args.throttled_days, throttle=True))
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print(
        "| days | throttle | requests | wall time | CPU time | waited | max requests in any 300 s "
        "| papers stored | failures |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(row(r))
    off = results[0]
    per_request = off["wall"] / off["requests"]
    estimate = throttled_estimate(off["requests"], off["wall"])
    print(
        f"extrapolated, throttle on, {off['days']} days: {off['requests']} requests -> "
        f"{math.ceil(off['requests'] / hub_client.THROTTLE_CALLS) - 1} full {hub_client.THROTTLE_WINDOW:.0f} s waits "
        f"+ {off['wall']:.1f} s of work = about {estimate / 60:.1f} min "
        f"(local server, {per_request * 1000:.1f} ms per request; the real Hub adds its latency per request)"
    )
    if len(results) > 1:
        on = results[1]
        predicted = throttled_estimate(on["requests"], on["requests"] * per_request)
        print(f"check: throttle-on run of {on['days']} days predicted {predicted:.0f} s, measured {on['wall']:.0f} s")


if __name__ == "__main__":
    main()
