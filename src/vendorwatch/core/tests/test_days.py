from datetime import date

import pytest

from vendorwatch.core.businesstime import (
    DayConvention,
    business_days_budget,
    business_days_due,
    is_working_day,
    nth_working_day_after,
)

from .factory import berlin, office

HOUR = 3600
DAILY = DayConvention.DAILY_HOURS
SAME = DayConvention.SAME_TIME_N_WORKING_DAYS_LATER
END = DayConvention.END_OF_NTH_WORKING_DAY


def test_holiday_is_not_a_working_day() -> None:
    assert not is_working_day(office("DE-BY"), date(2026, 1, 6))


def test_nth_working_day_skips_weekend_and_holiday() -> None:
    assert nth_working_day_after(office("DE-BY"), date(2026, 1, 2), 2) == date(2026, 1, 7)


def test_daily_hours_budget_is_n_times_daily_hours() -> None:
    assert business_days_budget(office(), berlin(2026, 3, 4, 10), 2, DAILY) == 18 * HOUR


def test_daily_hours_due() -> None:
    assert business_days_due(office(), berlin(2026, 3, 4, 10), 2, DAILY) == berlin(2026, 3, 6, 10)


def test_same_time_two_working_days_later() -> None:
    assert business_days_due(office(), berlin(2026, 3, 5, 10), 2, SAME) == berlin(2026, 3, 9, 10)


def test_same_time_skips_holiday() -> None:
    assert business_days_due(office("DE-BY"), berlin(2026, 1, 5, 10), 1, SAME) == berlin(
        2026, 1, 7, 10
    )


def test_same_time_start_after_hours_counts_from_next_opening() -> None:
    assert business_days_due(office(), berlin(2026, 3, 6, 18), 1, SAME) == berlin(2026, 3, 10, 8)


def test_same_time_is_clamped_to_short_day() -> None:
    calendar = office(overrides={date(2026, 12, 24): ["08:00-12:00"]})
    assert business_days_due(calendar, berlin(2026, 12, 23, 15), 1, SAME) == berlin(
        2026, 12, 24, 12
    )


def test_same_time_keeps_wall_time_across_dst() -> None:
    assert business_days_due(office(), berlin(2026, 3, 27, 10), 1, SAME) == berlin(2026, 3, 30, 10)


def test_end_of_next_working_day() -> None:
    assert business_days_due(office(), berlin(2026, 3, 4, 10), 1, END) == berlin(2026, 3, 5, 17)


def test_end_of_day_zero_is_end_of_start_day() -> None:
    assert business_days_due(office(), berlin(2026, 3, 4, 10), 0, END) == berlin(2026, 3, 4, 17)


def test_end_of_nth_working_day_from_holiday_start() -> None:
    assert business_days_due(office("DE-BY"), berlin(2026, 1, 6, 10), 1, END) == berlin(
        2026, 1, 8, 17
    )


def test_pause_extends_working_day_due_by_business_overlap() -> None:
    pause = (berlin(2026, 3, 4, 12), berlin(2026, 3, 4, 14))
    assert business_days_due(office(), berlin(2026, 3, 4, 10), 1, END, [pause]) == berlin(
        2026, 3, 6, 10
    )


def test_negative_days_are_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        business_days_budget(office(), berlin(2026, 3, 4, 10), -1, END)
