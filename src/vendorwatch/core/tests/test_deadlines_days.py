"""Business days (Mon–Fri) and Werktage (Mon–Sat) per federal state."""

from datetime import date

import pytest

from vendorwatch.core.deadlines import Days


def test_saturday_is_a_werktag_but_not_a_business_day() -> None:
    days = Days("NW")
    saturday = date(2026, 10, 10)
    assert days.is_werktag(saturday)
    assert not days.is_business_day(saturday)


def test_sunday_and_public_holidays_are_neither() -> None:
    days = Days("NW")
    assert not days.is_werktag(date(2026, 10, 11))
    assert not days.is_werktag(date(2026, 10, 3))  # Tag der Deutschen Einheit
    assert not days.is_business_day(date(2026, 12, 25))


def test_holidays_depend_on_the_federal_state() -> None:
    all_saints = date(2027, 11, 1)  # a Monday; a holiday in NRW, not in Berlin
    assert not Days("NW").is_business_day(all_saints)
    assert Days("BE").is_business_day(all_saints)


def test_without_state_only_nationwide_holidays_count() -> None:
    days = Days(None)
    assert days.is_business_day(date(2027, 11, 1))  # Allerheiligen is regional
    assert not days.is_business_day(date(2026, 12, 25))  # Christmas is nationwide


def test_subdivision_accepts_iso_style_code() -> None:
    assert Days("DE-by").subdivision == "BY"


def test_unknown_subdivision_is_rejected() -> None:
    with pytest.raises(ValueError):
        Days("XX")


def test_last_business_day_before_a_sunday_is_friday() -> None:
    assert Days("NW").business_day_on_or_before(date(2029, 9, 30)) == date(2029, 9, 28)


def test_business_days_before_skip_weekend_and_holidays() -> None:
    days = Days("NW")
    assert days.business_days_before(date(2026, 9, 30), 3) == date(2026, 9, 25)
    # Mon 05.10.2026, back over the weekend and Saturday 03.10 (holiday) to Wed 30.09
    assert days.business_days_before(date(2026, 10, 5), 3) == date(2026, 9, 30)


def test_nth_werktag_counts_saturday() -> None:
    # August 2026 begins on a Saturday: 1 = Sat 01.08, 2 = Mon 03.08, 3 = Tue 04.08
    assert Days("NW").nth_werktag(2026, 8, 3) == date(2026, 8, 4)


def test_nth_werktag_skips_public_holidays() -> None:
    # 01.10.2026 Thu, 02.10 Fri, 03.10 Sat is a holiday, 04.10 Sun → 3rd Werktag Mon 05.10
    assert Days("NW").nth_werktag(2026, 10, 3) == date(2026, 10, 5)


def test_first_werktag_of_week_moves_past_easter_monday() -> None:
    assert Days("NW").first_werktag_of_week(date(2026, 4, 11)) == date(2026, 4, 7)
