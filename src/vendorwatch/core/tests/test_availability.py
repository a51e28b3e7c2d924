from datetime import date

import pytest

from vendorwatch.core.businesstime import BusinessCalendar, monthly_availability

from .factory import berlin, office

HOUR = 3600


def march(outages, target="99.0"):
    return monthly_availability(office(), outages, date(2026, 3, 1), date(2026, 3, 1), target)[0]


def test_month_service_time_is_business_time() -> None:
    assert march([]).service_seconds == 22 * 9 * HOUR


def test_outage_counts_only_business_hours() -> None:
    assert march([(berlin(2026, 3, 6, 16), berlin(2026, 3, 9, 9))]).downtime_seconds == 2 * HOUR


def test_overlapping_outages_count_once() -> None:
    outages = [
        (berlin(2026, 3, 4, 9), berlin(2026, 3, 4, 11)),
        (berlin(2026, 3, 4, 10), berlin(2026, 3, 4, 12)),
    ]
    assert march(outages).downtime_minutes == 180


def test_availability_percent() -> None:
    result = march([(berlin(2026, 3, 4, 9), berlin(2026, 3, 4, 10))])
    assert result.availability_percent == pytest.approx(100 * (1 - 1 / 198))


def test_target_met_uses_exact_arithmetic() -> None:
    assert march([(berlin(2026, 3, 4, 9), berlin(2026, 3, 4, 10))], target="99.49").target_met


def test_target_missed() -> None:
    assert not march([(berlin(2026, 3, 4, 9), berlin(2026, 3, 4, 12))], target="99.5").target_met


def test_outage_across_months_is_split() -> None:
    result = monthly_availability(
        office(),
        [(berlin(2026, 3, 31, 16), berlin(2026, 4, 1, 9))],
        date(2026, 3, 1),
        date(2026, 4, 1),
        "99",
    )
    assert [m.downtime_seconds for m in result] == [HOUR, HOUR]


def test_month_of_24x7_counts_dst_hour() -> None:
    calendar = BusinessCalendar.always_open("Europe/Berlin")
    result = monthly_availability(calendar, [], date(2026, 3, 1), date(2026, 3, 1), "99")[0]
    assert result.service_seconds == (31 * 24 - 1) * HOUR


def test_month_without_service_hours_is_fully_available() -> None:
    result = monthly_availability(
        BusinessCalendar.create("UTC", {}), [], date(2026, 3, 1), date(2026, 3, 1), "99.9"
    )[0]
    assert result.availability_percent == 100.0


def test_reversed_month_range_is_rejected() -> None:
    with pytest.raises(ValueError, match="first_month"):
        monthly_availability(office(), [], date(2026, 4, 1), date(2026, 3, 1), "99")
