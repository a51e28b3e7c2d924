"""Period arithmetic of §§ 187–189 BGB, forwards and backwards.

Two ways a period can begin:

* with the *beginning of a day* (§ 187 Abs. 2 BGB) — a contract term starting on 01.01.:
  the first day counts, and a period of months ends with the day *before* the day that
  corresponds by number to the start day (§ 188 Abs. 2 Alt. 2 BGB), see :func:`term_end`;
* with an *event* during a day (§ 187 Abs. 1 BGB) — the receipt of a notice: that day does
  not count, and a period of months ends with the day that corresponds by number to the day
  of the event (§ 188 Abs. 2 Alt. 1 BGB), see :func:`period_end_after_receipt`.

If the corresponding day does not exist in the last month (31.09., 30.02.), the period ends
with the last day of that month (§ 188 Abs. 3 BGB). A quarter is three months, a half year
six months (§ 189 Abs. 1 BGB).

A notice deadline is a period counted *backwards* from the end of the contract: the notice
must be received on a day such that the whole notice period still lies between that day
(exclusive, § 187 Abs. 1 BGB) and the end. :func:`latest_receipt` returns the latest such
day; it is defined through the forward computation, so both directions always agree.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum


class Unit(Enum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    QUARTERS = "quarters"
    HALF_YEARS = "half_years"
    YEARS = "years"


_MONTHS_PER_UNIT = {Unit.MONTHS: 1, Unit.QUARTERS: 3, Unit.HALF_YEARS: 6, Unit.YEARS: 12}


@dataclass(frozen=True)
class Period:
    """A length of time such as "3 months" or "6 weeks"."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("a period cannot be negative")

    @property
    def is_month_based(self) -> bool:
        """True for months, quarters, half years and years (§ 188 Abs. 2, 3, § 189 BGB)."""
        return self.unit in _MONTHS_PER_UNIT

    @property
    def months(self) -> int:
        """Length in months; only for month-based periods."""
        return self.amount * _MONTHS_PER_UNIT[self.unit]

    @property
    def days(self) -> int:
        """Length in days; only for periods of days or weeks (§ 188 Abs. 1, 2 BGB)."""
        return self.amount * (7 if self.unit is Unit.WEEKS else 1)


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_months(day: date, months: int) -> tuple[date, bool]:
    """The day with the same number ``months`` later (or earlier).

    Returns the day and whether it had to be capped to the month's last day (§ 188 Abs. 3 BGB).
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = last_day_of_month(year, month + 1)
    if day.day > last.day:
        return last, True
    return date(year, month + 1, day.day), False


def term_end(start: date, period: Period) -> date:
    """Last day of a term that begins with the beginning of ``start`` (§ 187 Abs. 2 BGB).

    Days and weeks: the last day of the period (§ 188 Abs. 1, Abs. 2 Alt. 2 BGB). Months:
    the day before the day with the start's number; if that number does not exist in the last
    month, the last day of that month (§ 188 Abs. 3 BGB) — 31.01. + 1 month ends 28.02.
    """
    if period.amount < 1:
        raise ValueError("a term must be at least one day, week or month long")
    if not period.is_month_based:
        return start + timedelta(days=period.days - 1)
    corresponding, capped = shift_months(start, period.months)
    return corresponding if capped else corresponding - timedelta(days=1)


def term_end_is_capped(start: date, period: Period) -> bool:
    """True when § 188 Abs. 3 BGB decided :func:`term_end`."""
    return period.is_month_based and shift_months(start, period.months)[1]


def period_end_after_receipt(received: date, period: Period) -> date:
    """Last day of a notice period set running by receipt on ``received`` (§ 187 Abs. 1 BGB).

    The day of receipt does not count; days end after ``amount`` further days (§ 188 Abs. 1),
    weeks and months on the day with the same name or number (§ 188 Abs. 2 Alt. 1), capped to
    the month's last day where that number is missing (§ 188 Abs. 3 BGB).
    """
    if period.is_month_based:
        return shift_months(received, period.months)[0]
    return received + timedelta(days=period.days)


def receipt_is_capped(received: date, period: Period) -> bool:
    """True when § 188 Abs. 3 BGB decided :func:`period_end_after_receipt`."""
    return period.is_month_based and shift_months(received, period.months)[1]


def latest_receipt(end: date, period: Period) -> date:
    """Latest day of receipt that still leaves the full ``period`` before the end of ``end``.

    That is the largest day ``r`` with ``period_end_after_receipt(r, period) <= end``; the
    forward computation is monotone, so a first guess is corrected by a few steps at most.
    Examples: 3 months to 31.12. → 30.09.; 3 months to 28.02.2027 → 30.11.2026 (counted
    forward from 30.11. the period ends 28.02. by § 188 Abs. 3 BGB); 6 weeks to 31.03.2027
    → 17.02.2027. There is no shift to a working day: § 193 BGB does not apply to notice
    periods (BGH, 17.02.2005, III ZR 172/04).
    """
    if not period.is_month_based:
        return end - timedelta(days=period.days)
    day = shift_months(end, -period.months)[0]
    one = timedelta(days=1)
    while period_end_after_receipt(day, period) > end:
        day -= one
    while period_end_after_receipt(day + one, period) <= end:
        day += one
    return day
