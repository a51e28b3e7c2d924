"""Targets in "business days" and the local-day helpers they need.

Three conventions (chosen per SLA policy):

* ``DAILY_HOURS`` — N x the calendar's daily hours (:attr:`BusinessCalendar.daily_seconds`)
  of business time, then like any business-time budget.
* ``SAME_TIME_N_WORKING_DAYS_LATER`` — the same local wall time N working days later.
* ``END_OF_NTH_WORKING_DAY`` — the last closing time of the N-th working day.

For the last two, the clock starts at the first business instant at or after the start
(a ticket opened Friday 18:00 starts Monday 08:00) and the day of that instant is day 0;
day N is the N-th working day after it. A working day is a local date with business time.
On a shorter day the same-time due is clamped into that day's opening hours (Mon 16:00 +
4 days onto a Friday closing at 12:00 is Friday 12:00). Both are then turned into the
business-time budget from the start to that instant, so pauses extend them by their
business-hours overlap only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import Enum

from .calendar import BusinessCalendar
from .clock import PauseLike, business_seconds
from .instants import from_epoch, to_epoch
from .table import local_date, table_for, wall_to_instant

_SEARCH_DAYS = 400


class DayConvention(Enum):
    DAILY_HOURS = "daily_hours"
    SAME_TIME_N_WORKING_DAYS_LATER = "same_time_n_working_days_later"
    END_OF_NTH_WORKING_DAY = "end_of_nth_working_day"


def day_span(calendar: BusinessCalendar, day: date) -> tuple[int, int]:
    """The UTC epoch-second range of a local date (23, 24 or 25 hours)."""
    zone = calendar.zone
    return wall_to_instant(zone, day, 0), wall_to_instant(zone, day + timedelta(days=1), 0)


def day_intervals(calendar: BusinessCalendar, day: date) -> list[tuple[int, int]]:
    """The business intervals (epoch seconds) that belong to one local date."""
    lo, hi = day_span(calendar, day)
    return table_for(calendar, lo, hi).intervals_between(lo, hi)


def is_working_day(calendar: BusinessCalendar, day: date) -> bool:
    return bool(day_intervals(calendar, day))


def nth_working_day_after(calendar: BusinessCalendar, day: date, n: int) -> date:
    """The n-th working day after ``day`` (``day`` itself for n = 0)."""
    if n > 0 and not calendar.has_hours():
        raise ValueError("calendar has no business hours")
    found = 0
    while found < n:
        day += timedelta(days=1)
        found += is_working_day(calendar, day)
    return day


def next_business_instant(calendar: BusinessCalendar, instant: int) -> int:
    """``instant`` if it is business time, else the next opening."""
    if not calendar.has_hours():
        raise ValueError("calendar has no business hours")
    horizon = instant + _SEARCH_DAYS * 86_400
    while True:
        intervals = table_for(calendar, instant, horizon).intervals_between(instant, horizon)
        if intervals:
            return intervals[0][0]
        horizon += _SEARCH_DAYS * 86_400


def calendar_day_due(
    calendar: BusinessCalendar, start: datetime, days: int, convention: DayConvention
) -> datetime:
    """Due instant of an N-working-day target without pauses (not for DAILY_HOURS)."""
    if days < 0:
        raise ValueError("number of days must not be negative")
    zone = calendar.zone
    begin = next_business_instant(calendar, to_epoch(start, "start"))
    first_day = local_date(zone, begin)
    target_day = nth_working_day_after(calendar, first_day, days)
    intervals = day_intervals(calendar, target_day)
    if convention is DayConvention.END_OF_NTH_WORKING_DAY:
        instant = intervals[-1][1]
    elif convention is DayConvention.SAME_TIME_N_WORKING_DAYS_LATER:
        local = from_epoch(begin, zone)
        wall = local.hour * 3600 + local.minute * 60 + local.second
        instant = wall_to_instant(zone, target_day, wall)
        instant = min(max(instant, intervals[0][0]), intervals[-1][1])
    else:
        raise ValueError(f"{convention} is not a calendar-day convention")
    tz = start.tzinfo
    assert tz is not None
    return from_epoch(instant, tz)


def business_days_budget(
    calendar: BusinessCalendar, start: datetime, days: int, convention: DayConvention
) -> int:
    """Business seconds an N-business-day target allows when the clock starts at ``start``."""
    if convention is DayConvention.DAILY_HOURS:
        if days < 0:
            raise ValueError("number of days must not be negative")
        return days * calendar.daily_seconds
    return business_seconds(calendar, start, calendar_day_due(calendar, start, days, convention))


def business_days_due(
    calendar: BusinessCalendar,
    start: datetime,
    days: int,
    convention: DayConvention,
    pauses: Iterable[PauseLike] = (),
) -> datetime:
    """Due instant of an N-business-day target, extended by the business time in pauses.

    Without pauses this is the convention's instant itself (Tuesday 08:00, not the
    business-time-equal Monday 17:00, for "same time one working day later" from Friday
    evening).
    """
    if convention is DayConvention.DAILY_HOURS:
        return calendar.due(start, business_days_budget(calendar, start, days, convention), pauses)
    target = calendar_day_due(calendar, start, days, convention)
    result = calendar.due(start, business_seconds(calendar, start, target), pauses)
    return max(result, target)


__all__ = [
    "DayConvention",
    "business_days_budget",
    "business_days_due",
    "calendar_day_due",
    "day_intervals",
    "day_span",
    "is_working_day",
    "next_business_instant",
    "nth_working_day_after",
]
