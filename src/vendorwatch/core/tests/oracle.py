"""A deliberately naive business-time oracle, independent of the engine's table.

It walks minute by minute over real time, reads each minute's local wall clock with zoneinfo
and checks it against the raw calendar inputs (weekly windows, holidays straight from the
``holidays`` package, closures, overrides). Exact when every boundary is a whole minute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

import holidays


@cache
def _holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year))


@dataclass
class RawCalendar:
    tz: str
    weekly: dict[int, list[tuple[int, int]]]  # weekday -> [(start_minute, end_minute)]
    region: str | None = None
    closures: set[date] = field(default_factory=set)
    overrides: dict[date, list[tuple[int, int]]] = field(default_factory=dict)

    def windows(self, day: date) -> list[tuple[int, int]]:
        if day in self.overrides:
            return self.overrides[day]
        if day in self.closures:
            return []
        if self.region:
            country, _, sub = self.region.partition("-")
            if day in _holidays(country, sub or None, day.year):
                return []
        return self.weekly.get(day.weekday(), [])

    def is_business(self, minute_start: int) -> bool:
        local = datetime.fromtimestamp(minute_start, ZoneInfo(self.tz))
        wall = local.hour * 60 + local.minute
        return any(a <= wall < b for a, b in self.windows(local.date()))


def minute_flags(raw: RawCalendar, start: int, minutes: int) -> list[bool]:
    return [raw.is_business(start + 60 * i) for i in range(minutes)]


def paused(minute_start: int, pauses: list[tuple[int, int]]) -> bool:
    return any(a <= minute_start < b for a, b in pauses)


def elapsed(raw: RawCalendar, start: int, end: int, pauses: list[tuple[int, int]]) -> int:
    return 60 * sum(
        1 for t in range(start, end, 60) if raw.is_business(t) and not paused(t, pauses)
    )


def due(
    raw: RawCalendar, start: int, budget: int, pauses: list[tuple[int, int]], limit_minutes: int
) -> int | None:
    if budget == 0:
        return start
    used = 0
    for i in range(limit_minutes):
        t = start + 60 * i
        if raw.is_business(t) and not paused(t, pauses):
            used += 60
            if used >= budget:
                return t + 60
    return None
