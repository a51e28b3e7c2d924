"""Benchmark of the business-time engine (``make bench``).

1,000,000 random intervals over 2025-2026 (lengths 1 minute to 14 days), Mon-Fri 08:00-17:00
Europe/Berlin with Bavarian holidays. Prints intervals per second for elapsed time and due
instants, with and without pauses, then compares speed and results with businesstimedelta
1.0.1 and pandas CustomBusinessHour on a subset of the same intervals.

Exit status 1 if elapsed or due (without pauses) is below 5,000,000 intervals/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from vendorwatch.core.businesstime import (
    BusinessCalendar,
    BusinessTable,
    business_seconds_array,
    due_array,
)

TARGET_PER_SECOND = 5_000_000
N = 1_000_000
SEED = 20260105
LO = int(dt.datetime(2025, 1, 1, tzinfo=dt.UTC).timestamp())
HI = int(dt.datetime(2027, 1, 1, tzinfo=dt.UTC).timestamp())
# Europe/Berlin DST changes in the range (01:00 UTC).
DST = np.array(
    [
        int(dt.datetime(*d, 1, tzinfo=dt.UTC).timestamp())
        for d in [(2025, 3, 30), (2025, 10, 26), (2026, 3, 29), (2026, 10, 25)]
    ]
)


def best_of(runs: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def touches_dst(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    lo, hi = np.minimum(starts, ends), np.maximum(starts, ends)
    return ((lo[:, None] <= DST[None, :]) & (DST[None, :] <= hi[:, None])).any(axis=1)


def row(label: str, count: int, seconds: float, note: str = "") -> None:
    print(
        f"  {label:<44} {count:>9,} {seconds * 1000:>10.1f} ms {count / seconds:>14,.0f}/s  {note}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="best of this many runs")
    parser.add_argument(
        "--btd",
        type=int,
        default=100_000,
        help="intervals for businesstimedelta (of the first 100,000; about 3 minutes for all)",
    )
    parser.add_argument(
        "--pandas",
        type=int,
        default=100_000,
        help="intervals for pandas CustomBusinessHour (of the first 100,000)",
    )
    args = parser.parse_args()

    calendar = BusinessCalendar.create(
        "Europe/Berlin", {d: ["08:00-17:00"] for d in range(5)}, region="DE-BY", name="bench"
    )
    rng = np.random.default_rng(SEED)
    starts = rng.integers(LO, HI, N, dtype=np.int64)
    ends = starts + rng.integers(60, 14 * 86_400 + 1, N, dtype=np.int64)
    pause_index = rng.integers(0, N, N // 2, dtype=np.int64)
    pause_start = starts[pause_index] + rng.integers(-86_400, 7 * 86_400, N // 2, dtype=np.int64)
    pause_end = pause_start + rng.integers(60, 3 * 86_400, N // 2, dtype=np.int64)
    pauses = (pause_index, pause_start, pause_end)

    print(f"Vendorwatch business-time benchmark: {N:,} intervals, seed {SEED}")
    print(
        "  calendar: Mon-Fri 08:00-17:00 Europe/Berlin, DE-BY holidays, 2025-2026;"
        f" pauses: {N // 2:,} random pauses\n"
    )
    build, table = best_of(1, lambda: BusinessTable.for_years(calendar, 2024, 2028))
    print(f"  table build (2024-2028, {table.opens.size - 1:,} windows): {build * 1000:.1f} ms\n")
    print(f"  {'operation':<44} {'intervals':>9} {'best time':>13} {'throughput':>16}")
    t_el, elapsed = best_of(args.runs, lambda: business_seconds_array(table, starts, ends))
    row("elapsed business seconds", N, t_el)
    t_due, due = best_of(args.runs, lambda: due_array(table, starts, elapsed))
    row("due instants (budget = elapsed above)", N, t_due)
    t_elp, elapsed_p = best_of(
        args.runs, lambda: business_seconds_array(table, starts, ends, pauses)
    )
    row("elapsed, with pauses", N, t_elp)
    t_duep, _ = best_of(args.runs, lambda: due_array(table, starts, elapsed_p, pauses))
    row("due, with pauses", N, t_duep)
    roundtrip = business_seconds_array(table, starts, due)
    print(
        f"\n  self-check: elapsed(start, due(start, b)) == b for "
        f"{int((roundtrip == elapsed).sum()):,} of {N:,}"
    )

    compare = 100_000
    ours_el = N / t_el
    ours_due = N / t_due
    print(
        f"\nComparison on the first {compare:,} intervals (subsets as labelled; "
        "throughput of the others is measured per call and extrapolated)"
    )
    print_btd(
        calendar, starts[: args.btd], ends[: args.btd], elapsed[: args.btd], ours_el, ours_due
    )
    print_pandas(table, starts[: args.pandas], rng, ours_due)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS): {peak:,.0f} MiB")
    ok = ours_el >= TARGET_PER_SECOND and ours_due >= TARGET_PER_SECOND
    verdict = "met" if ok else "NOT met"
    print(f"target {TARGET_PER_SECOND:,} intervals/s for elapsed and due: {verdict}")
    return 0 if ok else 1


def print_btd(
    calendar: BusinessCalendar,
    starts: np.ndarray,
    ends: np.ndarray,
    elapsed: np.ndarray,
    ours_el: float,
    ours_due: float,
) -> None:
    import businesstimedelta as btd
    import holidays
    import pytz

    tz = pytz.timezone("Europe/Berlin")
    # A set, not the holidays object: HolidayRule walks day by day and tests membership.
    days = set(holidays.country_holidays("DE", subdiv="BY", years=range(2024, 2029)))
    rule = btd.Rules(
        [
            btd.WorkDayRule(
                start_time=dt.time(8), end_time=dt.time(17), working_days=[0, 1, 2, 3, 4], tz=tz
            ),
            btd.HolidayRule(days, tz=tz),
        ]
    )
    aware = [dt.datetime.fromtimestamp(int(s), dt.UTC) for s in starts]
    aware_end = [dt.datetime.fromtimestamp(int(e), dt.UTC) for e in ends]
    t0 = time.perf_counter()
    theirs = [
        rule.difference(s, e).timedelta // dt.timedelta(seconds=1)
        for s, e in zip(aware, aware_end, strict=True)
    ]
    t_el = time.perf_counter() - t0
    t0 = time.perf_counter()
    theirs_due = [
        int((s + btd.BusinessTimeDelta(rule, seconds=int(b))).timestamp())
        for s, b in zip(aware, elapsed, strict=True)
    ]
    t_due = time.perf_counter() - t0
    n = starts.size
    our_due = due_array(calendar, starts, elapsed)
    same_el = np.array(theirs) == elapsed
    same_due = np.array(theirs_due) == our_due
    calm = ~touches_dst(starts, np.maximum(ends, our_due))
    # A zero budget is due at the start for us, at the next opening for businesstimedelta.
    calm_due = calm & (elapsed > 0)
    print(
        f"\n  businesstimedelta 1.0.1 (Rules: WorkDayRule 08-17 Mon-Fri + HolidayRule DE-BY, "
        f"pytz Europe/Berlin), {n:,} intervals"
    )
    row("elapsed (rule.difference)", n, t_el, f"ours is {ours_el / (n / t_el):,.0f}x faster")
    row(
        "due (start + BusinessTimeDelta)",
        n,
        t_due,
        f"ours is {ours_due / (n / t_due):,.0f}x faster",
    )
    print(
        "    comparable = the interval does not touch a DST change (businesstimedelta works in\n"
        "    pytz local time) and, for due, the budget is > 0 (a zero budget is due at the\n"
        "    start for us, at the next opening for businesstimedelta)"
    )
    print(
        f"    elapsed agree: {int(same_el[calm].sum()):,} of {int(calm.sum()):,} comparable "
        f"({int(same_el.sum()):,} of {n:,} overall)"
    )
    agree_due = int(same_due[calm_due].sum())
    print(
        f"    due agree:     {agree_due:,} of {int(calm_due.sum()):,} comparable "
        f"({int(same_due.sum()):,} of {n:,} overall)"
    )


def print_pandas(
    table: BusinessTable, starts: np.ndarray, rng: np.random.Generator, ours_due: float
) -> None:
    import holidays
    import pandas as pd

    days = list(holidays.country_holidays("DE", subdiv="BY", years=range(2024, 2029)))
    hour = pd.offsets.CustomBusinessHour(start="08:00", end="17:00", holidays=days)
    hours = rng.integers(1, 41, starts.size)
    stamps = pd.to_datetime(starts, unit="s", utc=True).tz_convert("Europe/Berlin")
    t0 = time.perf_counter()
    theirs = [int((s + int(h) * hour).timestamp()) for s, h in zip(stamps, hours, strict=True)]
    t_due = time.perf_counter() - t0
    ours = due_array(table, starts, hours * 3600)
    same = np.array(theirs) == ours
    calm = ~touches_dst(starts, ours)
    n = starts.size
    print(
        f"\n  pandas {pd.__version__} CustomBusinessHour 08:00-17:00 with DE-BY holidays, "
        f"{n:,} intervals (whole-hour budgets; pandas has no business-duration API, "
        "so elapsed is not compared)"
    )
    row(
        "due (start + n * CustomBusinessHour)",
        n,
        t_due,
        f"ours is {ours_due / (n / t_due):,.0f}x faster",
    )
    print(
        f"    due agree: {int(same[calm].sum()):,} of {int(calm.sum()):,} not touching DST "
        f"({int(same.sum()):,} of {n:,} overall)"
    )
    theirs_arr = np.array(theirs)
    gap = business_seconds_array(table, np.minimum(ours, theirs_arr), np.maximum(ours, theirs_arr))
    closing = ~same & (gap == 0) & (theirs_arr > ours)
    print(
        f"    {int(closing.sum()):,} of the {int((~same).sum()):,} differences: a deadline at "
        "closing time that pandas moves to the next opening (same business time)"
    )


if __name__ == "__main__":
    sys.exit(main())
