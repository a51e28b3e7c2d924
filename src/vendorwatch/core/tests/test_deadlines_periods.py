"""Period arithmetic of §§ 187–189 BGB (forwards and backwards)."""

from datetime import date

import pytest

from vendorwatch.core.deadlines import (
    Period,
    Unit,
    latest_receipt,
    period_end_after_receipt,
    term_end,
)


def months(n: int) -> Period:
    return Period(n, Unit.MONTHS)


def test_term_from_first_of_month_ends_on_last_day_before_corresponding_day() -> None:
    assert term_end(date(2025, 1, 1), months(24)) == date(2026, 12, 31)


def test_term_from_first_of_march_ends_end_of_february() -> None:
    assert term_end(date(2025, 3, 1), months(24)) == date(2027, 2, 28)


def test_term_ending_in_leap_february_ends_on_the_29th() -> None:
    assert term_end(date(2027, 3, 1), months(12)) == date(2028, 2, 29)


def test_term_from_mid_month_ends_the_day_before() -> None:
    assert term_end(date(2025, 1, 15), months(12)) == date(2026, 1, 14)


def test_term_from_31st_is_capped_to_month_end_188_iii() -> None:
    assert term_end(date(2025, 1, 31), months(1)) == date(2025, 2, 28)
    assert term_end(date(2025, 1, 30), months(1)) == date(2025, 2, 28)
    assert term_end(date(2024, 1, 30), months(1)) == date(2024, 2, 29)


def test_term_in_days_counts_the_first_day() -> None:
    assert term_end(date(2025, 1, 1), Period(10, Unit.DAYS)) == date(2025, 1, 10)


def test_term_in_weeks_ends_the_day_before_the_same_weekday() -> None:
    # Wednesday start → ends on a Tuesday (§ 188 Abs. 2 Alt. 2 BGB)
    assert term_end(date(2025, 1, 1), Period(2, Unit.WEEKS)) == date(2025, 1, 14)


def test_quarter_is_three_months_and_half_year_six_189() -> None:
    assert term_end(date(2025, 1, 1), Period(1, Unit.QUARTERS)) == date(2025, 3, 31)
    assert term_end(date(2025, 1, 1), Period(1, Unit.HALF_YEARS)) == date(2025, 6, 30)
    assert term_end(date(2025, 1, 1), Period(2, Unit.YEARS)) == date(2026, 12, 31)


def test_term_must_not_be_empty() -> None:
    with pytest.raises(ValueError):
        term_end(date(2025, 1, 1), months(0))


def test_negative_period_is_rejected() -> None:
    with pytest.raises(ValueError):
        Period(-1, Unit.DAYS)


def test_notice_period_after_receipt_excludes_the_day_of_receipt_187_i() -> None:
    assert period_end_after_receipt(date(2026, 9, 30), months(3)) == date(2026, 12, 30)
    assert period_end_after_receipt(date(2026, 1, 1), Period(14, Unit.DAYS)) == date(2026, 1, 15)


def test_notice_period_after_receipt_is_capped_188_iii() -> None:
    assert period_end_after_receipt(date(2026, 11, 30), months(3)) == date(2027, 2, 28)


def test_three_months_to_31_december_received_by_30_september() -> None:
    assert latest_receipt(date(2026, 12, 31), months(3)) == date(2026, 9, 30)


def test_three_months_to_28_february_received_by_30_november_not_28th() -> None:
    assert latest_receipt(date(2027, 2, 28), months(3)) == date(2026, 11, 30)


def test_two_months_to_30_april_received_by_end_of_february() -> None:
    assert latest_receipt(date(2027, 4, 30), months(2)) == date(2027, 2, 28)
    assert latest_receipt(date(2028, 4, 30), months(2)) == date(2028, 2, 29)


def test_one_month_to_30_june_received_by_31_may() -> None:
    assert latest_receipt(date(2026, 6, 30), months(1)) == date(2026, 5, 31)


def test_one_month_to_mid_month_received_same_number_a_month_earlier() -> None:
    assert latest_receipt(date(2026, 3, 15), months(1)) == date(2026, 2, 15)


def test_six_weeks_to_31_march_2027_received_by_17_february() -> None:
    assert latest_receipt(date(2027, 3, 31), Period(6, Unit.WEEKS)) == date(2027, 2, 17)


def test_days_are_counted_back_without_the_day_of_receipt() -> None:
    assert latest_receipt(date(2026, 3, 31), Period(30, Unit.DAYS)) == date(2026, 3, 1)


def test_one_quarter_to_year_end_equals_three_months() -> None:
    end = date(2026, 12, 31)
    assert latest_receipt(end, Period(1, Unit.QUARTERS)) == latest_receipt(end, months(3))


def test_deadline_is_not_moved_when_it_falls_on_a_sunday_193() -> None:
    # 30.09.2029 is a Sunday; it stays the deadline.
    deadline = latest_receipt(date(2029, 12, 31), months(3))
    assert deadline == date(2029, 9, 30)
    assert deadline.weekday() == 6
