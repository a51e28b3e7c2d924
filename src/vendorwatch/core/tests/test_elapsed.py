from datetime import date, datetime, timedelta

import pytest

from vendorwatch.core.businesstime import BusinessCalendar, NaiveDatetimeError, business_seconds

from .factory import berlin, office, utc, weekdays

HOUR = 3600


def test_public_example_270_minutes() -> None:
    calendar = weekdays("08:00-18:00")
    assert business_seconds(calendar, utc(2013, 3, 21, 9, 30), utc(2013, 3, 21, 14)) == 270 * 60


def test_public_example_30_minutes() -> None:
    calendar = weekdays("08:00-18:00")
    assert business_seconds(calendar, utc(2013, 3, 21, 9, 30), utc(2013, 3, 21, 10)) == 30 * 60


def test_spans_several_days_from_outside_hours() -> None:
    calendar = weekdays("10:00-18:00", tz="UTC")
    assert business_seconds(calendar, utc(2021, 6, 28, 20), utc(2021, 7, 1, 11)) == 61_200


def test_ends_on_weekend() -> None:
    calendar = weekdays("10:00-18:00", tz="UTC")
    assert business_seconds(calendar, utc(2021, 6, 25, 12), utc(2021, 6, 26, 11)) == 21_600


def test_entirely_after_closing_is_zero() -> None:
    calendar = weekdays("10:00-18:00", tz="UTC")
    assert business_seconds(calendar, utc(2021, 6, 25, 19), utc(2021, 6, 25, 20)) == 0


def test_bavarian_epiphany_is_skipped() -> None:
    assert (
        business_seconds(office("DE-BY"), berlin(2026, 1, 5, 16), berlin(2026, 1, 7, 9)) == 2 * HOUR
    )


def test_north_rhine_westphalia_works_on_epiphany() -> None:
    assert (
        business_seconds(office("DE-NW"), berlin(2026, 1, 5, 16), berlin(2026, 1, 7, 9))
        == 11 * HOUR
    )


def test_end_before_start_is_zero() -> None:
    assert business_seconds(office(), berlin(2026, 3, 4, 12), berlin(2026, 3, 4, 10)) == 0


def test_end_equal_start_is_zero() -> None:
    assert business_seconds(office(), berlin(2026, 3, 4, 12), berlin(2026, 3, 4, 12)) == 0


def test_interval_is_half_open() -> None:
    calendar = office()
    assert business_seconds(calendar, berlin(2026, 3, 4, 16, 59, 59), berlin(2026, 3, 4, 17)) == 1


def test_naive_start_is_rejected() -> None:
    with pytest.raises(NaiveDatetimeError, match="naive"):
        business_seconds(office(), datetime(2026, 3, 4, 9), berlin(2026, 3, 4, 10))


def test_naive_error_is_a_value_error_and_a_type_error() -> None:
    assert issubclass(NaiveDatetimeError, ValueError) and issubclass(NaiveDatetimeError, TypeError)


def test_lunch_break_is_not_counted() -> None:
    calendar = weekdays("08:00-12:00", "13:00-17:00")
    assert business_seconds(calendar, berlin(2026, 3, 4, 11), berlin(2026, 3, 4, 14)) == 2 * HOUR


def test_windows_are_local_wall_time_across_dst() -> None:
    # 08:00 Berlin is 07:00Z in winter and 06:00Z in summer.
    calendar = office(region=None)
    assert business_seconds(calendar, utc(2026, 3, 30, 6), utc(2026, 3, 30, 7)) == HOUR


def test_always_open_spring_forward_day_has_23_hours() -> None:
    calendar = BusinessCalendar.always_open("Europe/Berlin")
    assert business_seconds(calendar, berlin(2026, 3, 29), berlin(2026, 3, 30)) == 23 * HOUR


def test_always_open_fall_back_day_has_25_hours() -> None:
    calendar = BusinessCalendar.always_open("Europe/Berlin")
    assert business_seconds(calendar, berlin(2026, 10, 25), berlin(2026, 10, 26)) == 25 * HOUR


def test_window_end_at_24_00_is_next_local_midnight() -> None:
    calendar = BusinessCalendar.create("Europe/Berlin", {6: ["22:00-24:00"]})
    assert business_seconds(calendar, berlin(2026, 3, 1), berlin(2026, 3, 2)) == 2 * HOUR


def test_window_in_spring_gap_starts_after_the_gap() -> None:
    # 29 March 2026: 02:00-03:00 does not exist in Berlin; 02:30-04:00 counts 03:00-04:00.
    calendar = BusinessCalendar.create("Europe/Berlin", {6: ["02:30-04:00"]})
    assert business_seconds(calendar, berlin(2026, 3, 29), berlin(2026, 3, 30)) == HOUR


def test_repeated_hour_in_autumn_counts_twice() -> None:
    calendar = BusinessCalendar.create("Europe/Berlin", {6: ["02:00-03:00"]})
    assert business_seconds(calendar, berlin(2026, 10, 25), berlin(2026, 10, 26)) == 2 * HOUR


def test_holiday_in_every_year_of_a_long_interval() -> None:
    calendar = office("DE-BY")
    days = business_seconds(calendar, berlin(2024, 12, 31, 17), berlin(2027, 1, 1)) // (9 * HOUR)
    assert days == 2 * 261 - 11 - 9  # weekdays of 2025 and 2026 minus Bavarian weekday holidays


def test_pause_over_weekend_removes_two_business_hours() -> None:
    calendar = office()
    pause = (berlin(2026, 3, 6, 16), berlin(2026, 3, 9, 9))
    full = business_seconds(calendar, berlin(2026, 3, 6, 8), berlin(2026, 3, 10, 8))
    assert (
        full - business_seconds(calendar, berlin(2026, 3, 6, 8), berlin(2026, 3, 10, 8), [pause])
        == 2 * HOUR
    )


def test_overlapping_pauses_count_once() -> None:
    calendar = office()
    pauses = [
        (berlin(2026, 3, 4, 9), berlin(2026, 3, 4, 11)),
        (berlin(2026, 3, 4, 10), berlin(2026, 3, 4, 12)),
    ]
    assert (
        business_seconds(calendar, berlin(2026, 3, 4, 8), berlin(2026, 3, 4, 17), pauses)
        == 6 * HOUR
    )


def test_pause_outside_interval_is_ignored() -> None:
    calendar = office()
    pause = (berlin(2026, 3, 5, 9), berlin(2026, 3, 5, 11))
    assert (
        business_seconds(calendar, berlin(2026, 3, 4, 8), berlin(2026, 3, 4, 17), [pause])
        == 9 * HOUR
    )


def test_pause_is_clipped_to_interval() -> None:
    calendar = office()
    pause = (berlin(2026, 3, 4, 7), berlin(2026, 3, 4, 10))
    assert (
        business_seconds(calendar, berlin(2026, 3, 4, 9), berlin(2026, 3, 4, 12), [pause])
        == 2 * HOUR
    )


def test_closure_day_is_not_counted() -> None:
    calendar = office(closures=[date(2026, 3, 4)])
    assert business_seconds(calendar, berlin(2026, 3, 4), berlin(2026, 3, 5)) == 0


def test_half_day_override_counts_four_hours() -> None:
    calendar = office(overrides={date(2026, 12, 24): ["08:00-12:00"]})
    assert business_seconds(calendar, berlin(2026, 12, 24), berlin(2026, 12, 25)) == 4 * HOUR


def test_timedelta_free_results_are_int() -> None:
    assert isinstance(
        business_seconds(office(), berlin(2026, 3, 4, 9), berlin(2026, 3, 4, 10)), int
    )


def test_method_on_calendar_matches_function() -> None:
    calendar, start = office(), berlin(2026, 3, 4, 9)
    end = start + timedelta(days=3)
    assert calendar.business_seconds(start, end) == business_seconds(calendar, start, end)


def test_instants_far_in_future_extend_the_table() -> None:
    calendar = office(region=None)
    assert business_seconds(calendar, berlin(2090, 3, 6, 8), berlin(2090, 3, 6, 9)) == HOUR
