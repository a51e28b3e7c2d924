"""The deadline engine: next possible end, receipt deadline, send date and status."""

from collections.abc import Iterator
from datetime import date
from itertools import islice

from vendorwatch.core.deadlines import (
    AfterMinimumTerm,
    ContractTerms,
    NoticeAnchor,
    PayPeriod,
    Period,
    Status,
    Unit,
    WorkingDayClause,
    compute_deadline,
    contract_end_for_notice,
    possible_ends,
)

MONTHS = Unit.MONTHS


def renewing(start: date, minimum: int = 24, renewal: int = 12, notice: int = 3) -> ContractTerms:
    return ContractTerms(
        start=start,
        minimum_term=Period(minimum, MONTHS),
        after_minimum_term=AfterMinimumTerm.RENEWS,
        renewal_term=Period(renewal, MONTHS),
        notice_period=Period(notice, MONTHS),
        notice_anchor=NoticeAnchor.TERM_END,
    )


def monthly_after_minimum() -> ContractTerms:
    """Mindestlaufzeit 12 Monate, danach monatlich kündbar mit einem Monat zum Monatsende."""
    return ContractTerms(
        start=date(2025, 1, 1),
        minimum_term=Period(12, MONTHS),
        after_minimum_term=AfterMinimumTerm.OPEN_ENDED,
        notice_period=Period(1, MONTHS),
        notice_anchor=NoticeAnchor.MONTH_END,
    )


def statutory(pay: PayPeriod) -> ContractTerms:
    return ContractTerms(start=date(2020, 1, 1), service_contract=True, pay_period=pay)


# --- the public examples ---------------------------------------------------------------


def test_example_renewing_contract_on_time() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 6, 15), subdivision="NW")
    assert result.next_possible_end == date(2026, 12, 31)
    assert result.receipt_deadline == date(2026, 9, 30)
    assert result.recommended_send_date == date(2026, 9, 25)
    assert result.status is Status.ON_TIME


def test_example_missed_deadline_rolls_over_to_next_term() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 10, 1), subdivision="NW")
    assert result.next_possible_end == date(2027, 12, 31)
    assert result.receipt_deadline == date(2027, 9, 30)
    assert result.status is Status.MISSED_ROLLED_OVER
    assert (result.missed_end, result.missed_deadline) == (date(2026, 12, 31), date(2026, 9, 30))


def test_example_end_of_february_deadline_is_30_november_188_iii() -> None:
    result = compute_deadline(renewing(date(2025, 3, 1)), date(2026, 6, 1), subdivision="NW")
    assert result.next_possible_end == date(2027, 2, 28)
    assert result.receipt_deadline == date(2026, 11, 30)


def test_example_open_ended_six_weeks_to_quarter_end() -> None:
    terms = ContractTerms(
        start=date(2024, 5, 1),
        notice_period=Period(6, Unit.WEEKS),
        notice_anchor=NoticeAnchor.QUARTER_END,
    )
    result = compute_deadline(terms, date(2027, 2, 1), subdivision="NW")
    assert result.next_possible_end == date(2027, 3, 31)
    assert result.receipt_deadline == date(2027, 2, 17)


def test_example_sunday_deadline_stays_sunday_last_business_day_friday() -> None:
    terms = renewing(date(2025, 1, 1), minimum=60)
    result = compute_deadline(terms, date(2029, 6, 1), subdivision="NW")
    assert result.receipt_deadline == date(2029, 9, 30)
    assert result.last_business_day_for_receipt == date(2029, 9, 28)
    assert result.recommended_send_date == date(2029, 9, 25)


# --- receipt counts, send date, too late for post --------------------------------------


def test_deadline_day_itself_is_still_on_time() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 9, 30), subdivision="NW")
    assert result.next_possible_end == date(2026, 12, 31)
    assert result.days_until_receipt_deadline == 0


def test_send_date_itself_is_still_on_time_for_post() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 9, 25), subdivision="NW")
    assert result.status is Status.ON_TIME
    assert result.days_until_receipt_deadline == 5


def test_after_send_date_before_deadline_is_too_late_for_post() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 9, 28), subdivision="NW")
    assert result.status is Status.TOO_LATE_FOR_POST
    assert result.next_possible_end == date(2026, 12, 31)


def test_weekend_deadline_after_last_business_day_is_too_late_for_post() -> None:
    terms = renewing(date(2025, 1, 1), minimum=60)
    result = compute_deadline(terms, date(2029, 9, 29), subdivision="NW")
    assert result.status is Status.TOO_LATE_FOR_POST
    assert result.receipt_deadline == date(2029, 9, 30)


def test_postal_days_are_configurable() -> None:
    terms = renewing(date(2025, 1, 1))
    result = compute_deadline(terms, date(2026, 6, 15), subdivision="NW", postal_days=5)
    assert result.recommended_send_date == date(2026, 9, 23)


def test_send_date_skips_public_holidays_of_the_state() -> None:
    # deadline Tue 07.04.2026; back over Easter Monday and Good Friday: 02.04, 01.04, 31.03
    terms = ContractTerms(
        start=date(2020, 1, 1),
        notice_period=Period(1, MONTHS),
        notice_anchor=NoticeAnchor.ANY_DAY,
    )
    result = compute_deadline(terms, date(2026, 4, 7), subdivision="NW")
    assert result.receipt_deadline == date(2026, 4, 7)
    assert result.recommended_send_date == date(2026, 3, 31)


def test_holiday_deadline_last_business_day_is_day_before() -> None:
    # one month to 03.11.2027 (any day) → received by 03.10.2027 (Sunday and holiday)
    terms = ContractTerms(
        start=date(2020, 1, 1),
        notice_period=Period(1, MONTHS),
        notice_anchor=NoticeAnchor.ANY_DAY,
    )
    result = compute_deadline(terms, date(2027, 10, 3), subdivision="NW")
    assert result.receipt_deadline == date(2027, 10, 3)
    assert result.last_business_day_for_receipt == date(2027, 10, 1)


# --- minimum term followed by an open-ended continuation --------------------------------


def test_open_ended_after_minimum_first_end_is_minimum_term_end() -> None:
    result = compute_deadline(monthly_after_minimum(), date(2025, 3, 20), subdivision="NW")
    assert result.next_possible_end == date(2025, 12, 31)
    assert result.receipt_deadline == date(2025, 11, 30)
    assert result.status is Status.ON_TIME


def test_open_ended_after_minimum_then_monthly_is_never_missed() -> None:
    # 31.03. could only be reached by notice received by 28.02.; but the next month's end is
    # simply the next chance, nothing was lost: on time, not "missed".
    result = compute_deadline(monthly_after_minimum(), date(2026, 3, 20), subdivision="NW")
    assert result.next_possible_end == date(2026, 4, 30)
    assert result.receipt_deadline == date(2026, 3, 31)
    assert result.status is Status.ON_TIME
    assert result.missed_end is None


def test_own_notice_to_minimum_term_end_then_continuation_period() -> None:
    terms = ContractTerms(
        start=date(2025, 1, 1),
        minimum_term=Period(12, MONTHS),
        after_minimum_term=AfterMinimumTerm.OPEN_ENDED,
        notice_period=Period(3, MONTHS),
        notice_anchor=NoticeAnchor.TERM_END,
        continuation_notice_period=Period(1, MONTHS),
        continuation_notice_anchor=NoticeAnchor.MONTH_END,
    )
    before = compute_deadline(terms, date(2025, 9, 1), subdivision="NW")
    assert (before.next_possible_end, before.receipt_deadline) == (
        date(2025, 12, 31),
        date(2025, 9, 30),
    )
    after = compute_deadline(terms, date(2025, 10, 15), subdivision="NW")
    assert (after.next_possible_end, after.receipt_deadline) == (
        date(2026, 1, 31),
        date(2025, 12, 31),
    )


def test_minimum_term_ending_mid_month_first_end_is_next_month_end() -> None:
    terms = ContractTerms(
        start=date(2025, 1, 15),
        minimum_term=Period(12, MONTHS),
        notice_period=Period(1, MONTHS),
        notice_anchor=NoticeAnchor.MONTH_END,
    )
    result = compute_deadline(terms, date(2025, 6, 1), subdivision="NW")
    assert result.next_possible_end == date(2026, 1, 31)


def test_year_end_anchor() -> None:
    terms = ContractTerms(
        start=date(2020, 1, 1),
        notice_period=Period(3, MONTHS),
        notice_anchor=NoticeAnchor.YEAR_END,
    )
    result = compute_deadline(terms, date(2026, 10, 1), subdivision="NW")
    assert result.next_possible_end == date(2027, 12, 31)
    # open-ended: the next year's end is the next chance, no term was lost
    assert result.status is Status.ON_TIME
    assert result.missed_end is None


def test_notice_in_days_to_month_end() -> None:
    terms = ContractTerms(
        start=date(2020, 1, 1),
        notice_period=Period(14, Unit.DAYS),
        notice_anchor=NoticeAnchor.MONTH_END,
    )
    result = compute_deadline(terms, date(2026, 2, 10), subdivision="NW")
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2026, 2, 28),
        date(2026, 2, 14),
    )


def test_any_day_anchor_never_reports_missed() -> None:
    terms = ContractTerms(
        start=date(2020, 1, 1),
        notice_period=Period(1, MONTHS),
        notice_anchor=NoticeAnchor.ANY_DAY,
    )
    result = compute_deadline(terms, date(2026, 3, 10), subdivision="NW")
    assert result.next_possible_end == date(2026, 4, 10)
    assert result.missed_end is None


# --- "N-th Werktag" clauses --------------------------------------------------------------


def test_working_day_clause_counts_saturday_as_werktag() -> None:
    # § 573c-style: by the 3rd Werktag to the end of the month after next.
    # August 2026: Sat 01.08 (1), Mon 03.08 (2), Tue 04.08 (3) → ends 31.10.2026
    terms = ContractTerms(start=date(2020, 1, 1), working_day_clause=WorkingDayClause(3, 2))
    assert contract_end_for_notice(terms, date(2026, 8, 4), subdivision="NW") == date(2026, 10, 31)
    assert contract_end_for_notice(terms, date(2026, 8, 5), subdivision="NW") == date(2026, 11, 30)


def test_working_day_clause_deadline_on_saturday_is_not_moved() -> None:
    # January 2028 in NRW: Sat 01.01 is a holiday, Mon 03.01 is Werktag 1 … Sat 08.01 is 6
    terms = ContractTerms(start=date(2020, 1, 1), working_day_clause=WorkingDayClause(6, 0))
    result = compute_deadline(terms, date(2028, 1, 2), subdivision="NW")
    assert result.receipt_deadline == date(2028, 1, 8)
    assert result.next_possible_end == date(2028, 1, 31)
    assert result.last_business_day_for_receipt == date(2028, 1, 7)


def test_working_day_clause_on_renewing_contract() -> None:
    terms = ContractTerms(
        start=date(2025, 1, 1),
        minimum_term=Period(12, MONTHS),
        after_minimum_term=AfterMinimumTerm.RENEWS,
        renewal_term=Period(12, MONTHS),
        working_day_clause=WorkingDayClause(3, 3),
    )
    result = compute_deadline(terms, date(2025, 6, 1), subdivision="NW")
    # 3rd Werktag of September 2025: Mon 01, Tue 02, Wed 03
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2025, 12, 31),
        date(2025, 9, 3),
    )


# --- § 621 BGB: service contract without agreed notice period ---------------------------


def test_621_no_1_daily_pay_any_day_to_end_of_next_day() -> None:
    result = compute_deadline(statutory(PayPeriod.DAILY), date(2026, 10, 6), subdivision="NW")
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2026, 10, 7),
        date(2026, 10, 6),
    )


def test_621_no_2_weekly_pay_first_werktag_to_saturday() -> None:
    terms = statutory(PayPeriod.WEEKLY)
    on_monday = compute_deadline(terms, date(2026, 10, 5), subdivision="NW")
    assert (on_monday.next_possible_end, on_monday.receipt_deadline) == (
        date(2026, 10, 10),
        date(2026, 10, 5),
    )
    on_tuesday = compute_deadline(terms, date(2026, 10, 6), subdivision="NW")
    assert on_tuesday.next_possible_end == date(2026, 10, 17)


def test_621_no_2_first_werktag_after_easter_monday_is_tuesday() -> None:
    terms = statutory(PayPeriod.WEEKLY)
    assert contract_end_for_notice(terms, date(2026, 4, 7), subdivision="NW") == date(2026, 4, 11)


def test_621_no_3_monthly_pay_15th_to_month_end_even_on_sunday() -> None:
    terms = statutory(PayPeriod.MONTHLY)
    result = compute_deadline(terms, date(2026, 11, 2), subdivision="NW")
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2026, 11, 30),
        date(2026, 11, 15),
    )
    assert result.last_business_day_for_receipt == date(2026, 11, 13)


def test_621_no_4_quarterly_pay_six_weeks_to_quarter_end() -> None:
    terms = statutory(PayPeriod.QUARTERLY_OR_LONGER)
    result = compute_deadline(terms, date(2026, 10, 6), subdivision="NW")
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2026, 12, 31),
        date(2026, 11, 19),
    )


def test_621_no_5_not_by_period_ends_on_receipt() -> None:
    terms = statutory(PayPeriod.NOT_BY_PERIOD)
    assert contract_end_for_notice(terms, date(2026, 10, 6), subdivision="NW") == date(2026, 10, 6)


def test_621_applies_after_notice_to_minimum_term_end() -> None:
    terms = ContractTerms(
        start=date(2025, 1, 1),
        minimum_term=Period(12, MONTHS),
        notice_period=Period(3, MONTHS),
        notice_anchor=NoticeAnchor.TERM_END,
        service_contract=True,
        pay_period=PayPeriod.MONTHLY,
    )
    assert contract_end_for_notice(terms, date(2025, 9, 30)) == date(2025, 12, 31)
    assert contract_end_for_notice(terms, date(2025, 10, 1)) == date(2026, 1, 31)


# --- fixed term ---------------------------------------------------------------------------


def fixed() -> ContractTerms:
    return ContractTerms(
        start=date(2025, 1, 1),
        minimum_term=Period(24, MONTHS),
        after_minimum_term=AfterMinimumTerm.ENDS,
    )


def test_fixed_term_ends_without_notice() -> None:
    result = compute_deadline(fixed(), date(2026, 6, 1))
    assert result.status is Status.FIXED_TERM
    assert result.next_possible_end == date(2026, 12, 31)
    assert result.receipt_deadline is None


def test_fixed_term_is_over_after_its_end() -> None:
    result = compute_deadline(fixed(), date(2027, 1, 1))
    assert result.status is Status.ENDED
    assert result.next_possible_end is None
    assert contract_end_for_notice(fixed(), date(2027, 1, 1)) is None


# --- the converse and the list of ends ----------------------------------------------------


def test_notice_received_on_deadline_ends_on_end_one_day_later_next_term() -> None:
    terms = renewing(date(2025, 1, 1))
    assert contract_end_for_notice(terms, date(2026, 9, 30)) == date(2026, 12, 31)
    assert contract_end_for_notice(terms, date(2026, 10, 1)) == date(2027, 12, 31)


def test_renewals_are_chained_from_the_previous_end_190() -> None:
    terms = renewing(date(2025, 1, 31), minimum=1, renewal=1, notice=1)
    ends = [end for end, _ in _take(possible_ends(terms, on_or_after=date(2025, 1, 1)), 3)]
    assert ends == [date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]


def test_possible_ends_lists_ends_with_deadlines() -> None:
    ends = _take(possible_ends(monthly_after_minimum(), on_or_after=date(2025, 6, 1)), 2)
    assert ends == [
        (date(2025, 12, 31), date(2025, 11, 30)),
        (date(2026, 1, 31), date(2025, 12, 31)),
    ]


def test_fixed_term_has_no_notice_ends() -> None:
    assert list(possible_ends(fixed(), on_or_after=date(2025, 1, 1))) == []


def _take(ends: Iterator[tuple[date, date]], n: int) -> list[tuple[date, date]]:
    return list(islice(ends, n))
