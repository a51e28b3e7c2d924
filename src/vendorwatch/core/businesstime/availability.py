"""Service availability per calendar month, measured in the service-hours calendar.

Availability = 1 - outage business time / business time of the month, where months are
local calendar months in the calendar's time zone and overlapping outages count once.
A month without any service hours has nothing to miss: it is 100 % available.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import numpy as np

from .calendar import BusinessCalendar, Provenance
from .instants import to_epoch
from .table import table_for, wall_to_instant
from .vector import merge_pauses


@dataclass(frozen=True)
class MonthAvailability:
    year: int
    month: int
    service_seconds: int
    downtime_seconds: int
    target_percent: Decimal
    provenance: Provenance

    @property
    def ratio(self) -> Fraction:
        if self.service_seconds == 0:
            return Fraction(1)
        return Fraction(self.service_seconds - self.downtime_seconds, self.service_seconds)

    @property
    def availability_percent(self) -> float:
        return float(self.ratio * 100)

    @property
    def downtime_minutes(self) -> float:
        return self.downtime_seconds / 60

    @property
    def target_met(self) -> bool:
        return self.ratio * 100 >= Fraction(self.target_percent)


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def monthly_availability(
    calendar: BusinessCalendar,
    outages: Iterable[tuple[datetime, datetime]],
    first_month: date,
    last_month: date,
    target_percent: Decimal | str | float,
) -> list[MonthAvailability]:
    """Availability for each month from ``first_month`` to ``last_month`` (inclusive)."""
    if (first_month.year, first_month.month) > (last_month.year, last_month.month):
        raise ValueError("first_month must not be after last_month")
    target = Decimal(str(target_percent))
    pairs = [(to_epoch(s, "outage start"), to_epoch(e, "outage end")) for s, e in outages]
    zone = calendar.zone
    months = []
    year, month = first_month.year, first_month.month
    while (year, month) <= (last_month.year, last_month.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    bounds = [wall_to_instant(zone, _month_start(y, m), 0) for y, m in months]
    bounds.append(wall_to_instant(zone, _month_start(months[-1][0], months[-1][1] + 1), 0))
    table = table_for(calendar, bounds[0], bounds[-1])
    edges = np.array(bounds, dtype=np.int64)
    service = np.diff(table.cumulative(edges))
    index = np.zeros(len(pairs), dtype=np.int64)
    starts = np.clip(np.array([p[0] for p in pairs], dtype=np.int64), edges[0], edges[-1])
    ends = np.clip(np.array([p[1] for p in pairs], dtype=np.int64), edges[0], edges[-1])
    _, starts, ends = merge_pauses(index, starts, ends)
    result = []
    for i, (y, m) in enumerate(months):
        lo, hi = edges[i], edges[i + 1]
        s, e = np.clip(starts, lo, hi), np.clip(ends, lo, hi)
        down = int((table.cumulative(e) - table.cumulative(s)).sum())
        result.append(MonthAvailability(y, m, int(service[i]), down, target, calendar.provenance()))
    return result
