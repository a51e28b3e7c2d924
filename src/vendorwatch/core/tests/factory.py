"""Small helpers shared by the business-time tests."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from vendorwatch.core.businesstime import BusinessCalendar

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def weekdays(
    *windows: str, tz: str = "Europe/Berlin", region: str | None = None, **kwargs: object
) -> BusinessCalendar:
    """Mon-Fri with the same windows every day."""
    return BusinessCalendar.create(
        tz, {d: list(windows) for d in range(5)}, region=region, **kwargs
    )  # type: ignore[arg-type]


def office(region: str | None = "DE-BY", **kwargs: object) -> BusinessCalendar:
    """Mon-Fri 08:00-17:00 Europe/Berlin."""
    return weekdays("08:00-17:00", region=region, **kwargs)
