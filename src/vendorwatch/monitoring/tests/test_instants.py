"""Dates and times of a ticket export as UTC instants, a column at a time."""

from __future__ import annotations

from datetime import UTC, datetime

from vendorwatch.monitoring.instants import MISSING, parse_instants


def utc(*parts: int) -> int:
    return int(datetime(*parts, tzinfo=UTC).timestamp())


def test_german_dates_are_local_time_in_the_zone() -> None:
    parsed = parse_instants(
        ["27.11.2026 14:30", "", "01.07.2026 08:00"], field="created", time_zone="Europe/Berlin"
    )
    assert list(parsed.epoch) == [utc(2026, 11, 27, 13, 30), MISSING, utc(2026, 7, 1, 6, 0)]
    assert list(parsed.error) == ["", "", ""]
