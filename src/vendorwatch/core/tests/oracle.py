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


# --- SLA clocks -------------------------------------------------------------------------------


@dataclass
class RawTicket:
    """A ticket in whole epoch seconds; ``changes`` are (at, pausing?) status changes."""

    created: int
    changes: list[tuple[int, bool]] = field(default_factory=list)
    pauses: list[tuple[int, int]] = field(default_factory=list)
    first_response: int | None = None
    resolved: int | None = None
    updates: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class RawResult:
    due: int
    elapsed: int
    state: str
    breach: int | None  # the first instant at which more than the budget was used


class MinuteClock:
    """Business minutes of a raw calendar from ``origin`` on, looked up once and then indexed.

    ``always_open`` stands for a calendar-time target: every minute counts.
    """

    def __init__(self, raw: RawCalendar, origin: int, minutes: int, always_open: bool = False):
        self.origin = origin
        self.flags = [True] * minutes if always_open else self._flags(raw, origin, minutes)

    @staticmethod
    def _flags(raw: RawCalendar, origin: int, minutes: int) -> list[bool]:
        """Like :func:`minute_flags`, with each local date's windows read once."""
        zone = ZoneInfo(raw.tz)
        windows: dict[date, list[tuple[int, int]]] = {}
        flags = []
        for i in range(minutes):
            local = datetime.fromtimestamp(origin + 60 * i, zone)
            day = local.date()
            if day not in windows:
                windows[day] = raw.windows(day)
            wall = local.hour * 60 + local.minute
            flags.append(any(a <= wall < b for a, b in windows[day]))
        return flags

    def business(self, t: int) -> bool:
        return self.flags[(t - self.origin) // 60]


def status_paused(ticket: RawTicket, t: int, now: int) -> bool:
    """In a pausing status during the minute at ``t``: spans end at the resolution or now."""
    end_of_story = min(now, ticket.resolved) if ticket.resolved is not None else now
    if t >= end_of_story:
        return False
    earlier = [(at, pausing) for at, pausing in ticket.changes if at <= t]
    return bool(earlier) and max(earlier)[1]


def paused_minute(ticket: RawTicket, t: int, now: int) -> bool:
    return paused(t, ticket.pauses) or status_paused(ticket, t, now)


def clock_result(
    clock: MinuteClock,
    ticket: RawTicket,
    start: int,
    stop: int | None,
    budget: int,
    now: int,
    at_risk_share: float,
    paused_now: bool,
) -> RawResult | None:
    """One clock, minute by minute: a minute counts if it is business time and, before the
    clock's end (its stop, or now while it runs), not paused. ``None`` when the due instant
    lies beyond the looked-up minutes."""
    if stop is not None and stop > now:
        stop = None
    end = stop if stop is not None else now

    def counts(t: int) -> bool:
        return clock.business(t) and not (t < end and paused_minute(ticket, t, now))

    elapsed = 60 * sum(1 for t in range(start, end, 60) if counts(t))
    due_at: int | None = start if budget == 0 else None
    breach: int | None = None
    used = 0
    limit = clock.origin + 60 * len(clock.flags)
    for t in range(start, limit, 60):
        if not counts(t):
            continue
        used += 60
        if due_at is None and used >= budget:
            due_at = t + 60
        if used > budget:
            breach = t + 1  # one second into this minute the budget is exceeded
            break
    if due_at is None:
        return None
    if stop is not None:
        state = "met" if elapsed <= budget else "breached"
    elif elapsed > budget:
        state = "breached"
    elif paused_now:
        state = "paused"
    elif elapsed >= at_risk_share * budget:
        state = "at_risk"
    else:
        state = "on_track"
    return RawResult(due_at, elapsed, state, breach)


def is_paused_now(ticket: RawTicket, now: int) -> bool:
    if ticket.resolved is not None and ticket.resolved <= now:
        return False
    if paused(now, ticket.pauses):
        return True
    earlier = [(at, pausing) for at, pausing in ticket.changes if at <= now]
    return bool(earlier) and max(earlier)[1]
