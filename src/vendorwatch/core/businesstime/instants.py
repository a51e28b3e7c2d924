"""Conversions between aware datetimes and integer epoch seconds (the engine's time unit)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_SECOND = timedelta(seconds=1)


class NaiveDatetimeError(TypeError, ValueError):
    """A datetime without time zone was passed where an instant is required."""


class OutOfRangeError(ValueError):
    """An instant lies outside the range covered by a precomputed business-time table."""


def require_aware(value: datetime, what: str = "datetime") -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"{what} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{what} {value.isoformat()} is naive; pass a time zone-aware datetime "
            "(e.g. datetime(..., tzinfo=ZoneInfo('Europe/Berlin')))"
        )
    return value


def to_epoch(value: datetime, what: str = "datetime") -> int:
    """Whole epoch seconds of an aware datetime; sub-second parts are floored."""
    return (require_aware(value, what) - EPOCH) // ONE_SECOND


def from_epoch(seconds: int, tz: tzinfo) -> datetime:
    return (EPOCH + timedelta(seconds=int(seconds))).astimezone(tz)


def to_seconds(amount: int | float | timedelta, what: str = "duration") -> int:
    """Whole seconds of a duration given as seconds or a timedelta; negative is an error."""
    seconds = amount // ONE_SECOND if isinstance(amount, timedelta) else int(amount)
    if seconds < 0:
        raise ValueError(f"{what} must not be negative, got {amount!r}")
    return seconds
