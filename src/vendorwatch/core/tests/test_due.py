from datetime import date, timedelta

import pytest

from vendorwatch.core.businesstime import BusinessCalendar, NaiveDatetimeError, due

from .factory import berlin, office, utc, weekdays

HOUR = 3600


def test_public_example_180_minutes() -> None:
    calendar = weekdays("09:00-17:00")
    assert due(calendar, utc(2013, 3, 21, 9, 30), 180 * 60) == utc(2013, 3, 21, 12, 30)


def test_deadline_at_closing_time_is_closing_time() -> None:
    assert due(office(), berlin(2026, 3, 4, 8), 9 * HOUR) == berlin(2026, 3, 4, 17)


def test_one_second_more_rolls_to_next_opening() -> None:
    assert due(office(), berlin(2026, 3, 4, 8), 9 * HOUR + 1) == berlin(2026, 3, 5, 8, 0, 1)


def test_start_outside_hours_counts_from_next_opening() -> None:
    assert due(office(), berlin(2026, 3, 6, 18), HOUR) == berlin(2026, 3, 9, 9)


def test_zero_budget_is_due_at_start() -> None:
    assert due(office(), berlin(2026, 3, 7, 12), 0) == berlin(2026, 3, 7, 12)


def test_negative_budget_is_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        due(office(), berlin(2026, 3, 4, 8), -1)


def test_timedelta_budget_is_accepted() -> None:
    assert due(office(), berlin(2026, 3, 4, 8), timedelta(hours=2)) == berlin(2026, 3, 4, 10)


def test_holiday_is_skipped() -> None:
    assert due(office("DE-BY"), berlin(2026, 1, 5, 16), 2 * HOUR) == berlin(2026, 1, 7, 9)


def test_no_holiday_without_region() -> None:
    assert due(office("DE-NW"), berlin(2026, 1, 5, 16), 2 * HOUR) == berlin(2026, 1, 6, 9)


def test_result_is_in_the_start_time_zone() -> None:
    assert due(office(), utc(2026, 3, 4, 8), HOUR).tzinfo == utc(2026, 1, 1).tzinfo


def test_naive_start_is_rejected() -> None:
    with pytest.raises(NaiveDatetimeError):
        due(office(), berlin(2026, 3, 4, 8).replace(tzinfo=None), HOUR)


def test_pause_extends_due_by_business_overlap_only() -> None:
    pause = (berlin(2026, 3, 6, 16), berlin(2026, 3, 9, 9))
    assert due(office(), berlin(2026, 3, 6, 15), 3 * HOUR, [pause]) == berlin(2026, 3, 9, 11)


def test_pause_after_due_has_no_effect() -> None:
    pause = (berlin(2026, 3, 4, 12), berlin(2026, 3, 4, 15))
    assert due(office(), berlin(2026, 3, 4, 8), 2 * HOUR, [pause]) == berlin(2026, 3, 4, 10)


def test_pause_starting_at_due_has_no_effect() -> None:
    pause = (berlin(2026, 3, 4, 10), berlin(2026, 3, 4, 15))
    assert due(office(), berlin(2026, 3, 4, 8), 2 * HOUR, [pause]) == berlin(2026, 3, 4, 10)


def test_overlapping_pauses_count_once_for_due() -> None:
    pauses = [
        (berlin(2026, 3, 4, 9), berlin(2026, 3, 4, 11)),
        (berlin(2026, 3, 4, 10), berlin(2026, 3, 4, 12)),
    ]
    assert due(office(), berlin(2026, 3, 4, 8), 2 * HOUR, pauses) == berlin(2026, 3, 4, 13)


def test_pause_before_start_is_ignored() -> None:
    pause = (berlin(2026, 3, 3, 9), berlin(2026, 3, 4, 9))
    assert due(office(), berlin(2026, 3, 4, 9), HOUR, [pause]) == berlin(2026, 3, 4, 10)


def test_always_open_due_across_fall_back_is_real_hours() -> None:
    calendar = BusinessCalendar.always_open("Europe/Berlin")
    assert due(calendar, berlin(2026, 10, 24, 12), 24 * HOUR) == berlin(2026, 10, 25, 11)


def test_due_inside_half_day_override() -> None:
    calendar = office(overrides={date(2026, 12, 24): ["08:00-12:00"]})
    assert due(calendar, berlin(2026, 12, 23, 16), 6 * HOUR) == berlin(2026, 12, 28, 9)


def test_due_far_ahead_extends_table() -> None:
    calendar = office()
    assert due(calendar, berlin(2026, 3, 4, 8), 9 * HOUR * 2000) > berlin(2033, 1, 1)


def test_calendar_without_hours_cannot_be_due() -> None:
    with pytest.raises(ValueError, match="no business hours"):
        due(BusinessCalendar.create("UTC", {}), utc(2026, 1, 1), HOUR)


def test_method_on_calendar_matches_function() -> None:
    calendar = office()
    assert calendar.due(berlin(2026, 3, 4, 9), HOUR) == due(calendar, berlin(2026, 3, 4, 9), HOUR)
