"""Business days and Werktage for one German federal state.

Two different notions, on purpose:

* **business day** (Geschäftstag): Monday to Friday, not a public holiday. Used for the
  last day on which a letter can realistically be received and for postal delivery times.
* **Werktag**: Monday to *Saturday*, not a public holiday. Used for clauses such as "by the
  3rd Werktag of a month": the Saturday counts (BGH, 27.04.2005, VIII ZR 206/04).

Public holidays are those of the ``holidays`` package for Germany in the given subdivision
("NW", "BY", also accepted as "DE-NW"); ``None`` means the nationwide holidays only.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import holidays

_ONE = timedelta(days=1)


def normalise_subdivision(subdivision: str | None) -> str | None:
    """Accept "NW", "nw" and "DE-NW"; validate against the holidays package."""
    if subdivision is None or subdivision == "":
        return None
    code = subdivision.upper()
    if code.startswith("DE-"):
        code = code[3:]
    supported: dict[str, list[str]] = holidays.list_supported_countries()
    known = {s.upper(): s for s in supported["DE"]}
    if code not in known:
        raise ValueError(f"unknown German federal state: {subdivision!r}")
    return known[code]


@lru_cache(maxsize=32)
def _holidays(subdivision: str | None) -> Any:
    # The table fills itself year by year as days are looked up.
    return holidays.country_holidays("DE", subdiv=subdivision)


class Days:
    """Day classification for one federal state."""

    def __init__(self, subdivision: str | None = None) -> None:
        self.subdivision = normalise_subdivision(subdivision)
        self._holidays = _holidays(self.subdivision)

    def is_holiday(self, day: date) -> bool:
        return bool(day in self._holidays)

    def is_business_day(self, day: date) -> bool:
        """Monday to Friday and not a public holiday."""
        return day.weekday() < 5 and not self.is_holiday(day)

    def is_werktag(self, day: date) -> bool:
        """Monday to Saturday and not a public holiday (Saturday counts)."""
        return day.weekday() < 6 and not self.is_holiday(day)

    def business_day_on_or_before(self, day: date) -> date:
        while not self.is_business_day(day):
            day -= _ONE
        return day

    def business_days_before(self, day: date, count: int) -> date:
        """The business day ``count`` business days before ``day``."""
        for _ in range(count):
            day -= _ONE
            while not self.is_business_day(day):
                day -= _ONE
        return day

    def nth_werktag(self, year: int, month: int, nth: int) -> date:
        """The ``nth`` Werktag of a calendar month (Saturdays count)."""
        day = date(year, month, 1)
        seen = 0
        while True:
            if self.is_werktag(day):
                seen += 1
                if seen == nth:
                    return day
            day += _ONE

    def first_werktag_of_week(self, day: date) -> date:
        """The first Werktag of the Monday-to-Sunday week containing ``day``."""
        current = day - timedelta(days=day.weekday())
        while not self.is_werktag(current):
            current += _ONE
        return current
