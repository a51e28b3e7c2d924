"""Year-end receipt risk: a letter delivered to a business on the afternoon of 24.12. or
31.12. is often only treated as received on the next business day (BGH, 05.12.2007,
XII ZR 148/05). The advice aims one business day earlier; the legal deadline stays."""

from datetime import date

from vendorwatch.core.deadlines import (
    AfterMinimumTerm,
    ContractTerms,
    Period,
    Rule,
    Status,
    StepCode,
    Unit,
    compute_deadline,
)

from .test_deadlines_i18n import german


def renewing(start: date, notice: Period) -> ContractTerms:
    return ContractTerms(
        start=start,
        minimum_term=Period(24, Unit.MONTHS),
        after_minimum_term=AfterMinimumTerm.RENEWS,
        renewal_term=Period(12, Unit.MONTHS),
        notice_period=notice,
    )


# 1 week to 31.12.2026: receipt by Thursday 24.12.2026.
CHRISTMAS = renewing(date(2025, 1, 1), Period(1, Unit.WEEKS))
# 3 months to 31.03.2027: receipt by Thursday 31.12.2026.
NEW_YEAR = renewing(date(2025, 4, 1), Period(3, Unit.MONTHS))


def test_a_deadline_on_christmas_eve_stays_but_the_advice_aims_for_the_23rd() -> None:
    result = compute_deadline(CHRISTMAS, date(2026, 12, 1), subdivision="NW")
    assert result.receipt_deadline == date(2026, 12, 24)
    assert result.last_business_day_for_receipt == date(2026, 12, 24)
    assert result.recommended_arrival_date == date(2026, 12, 23)
    # three business days before Wednesday 23.12.: 22., 21., Friday 18.12.
    assert result.recommended_send_date == date(2026, 12, 18)


def test_a_deadline_on_new_years_eve_aims_for_the_30th_and_sends_before_christmas() -> None:
    result = compute_deadline(NEW_YEAR, date(2026, 12, 1), subdivision="NW")
    assert result.receipt_deadline == date(2026, 12, 31)
    assert result.recommended_arrival_date == date(2026, 12, 30)
    # 29., 28., then 25. and 26. are holidays: Thursday 24.12.
    assert result.recommended_send_date == date(2026, 12, 24)


def test_a_sunday_deadline_whose_last_business_day_is_christmas_eve_aims_for_the_23rd() -> None:
    # 4 days to 31.12.2026: receipt by Sunday 27.12.; last business day Thursday 24.12.
    terms = renewing(date(2025, 1, 1), Period(4, Unit.DAYS))
    result = compute_deadline(terms, date(2026, 12, 1), subdivision="NW")
    assert result.receipt_deadline == date(2026, 12, 27)
    assert result.last_business_day_for_receipt == date(2026, 12, 24)
    assert result.recommended_arrival_date == date(2026, 12, 23)


def test_a_year_end_deadline_on_a_weekend_changes_nothing() -> None:
    # 3 months to 31.03.2029: receipt by Sunday 31.12.2028; last business day Fri 29.12.
    terms = renewing(date(2027, 4, 1), Period(3, Unit.MONTHS))
    result = compute_deadline(terms, date(2028, 12, 1), subdivision="NW")
    assert result.receipt_deadline == date(2028, 12, 31)
    assert result.recommended_arrival_date == date(2028, 12, 29)
    assert StepCode.YEAR_END_RECEIPT not in result.explanation.codes


def test_the_derivation_says_why_and_cites_the_bgh() -> None:
    result = compute_deadline(CHRISTMAS, date(2026, 12, 1), subdivision="NW")
    step = next(s for s in result.explanation.steps if s.code is StepCode.YEAR_END_RECEIPT)
    assert step.rules == (Rule.BGH_YEAR_END,)
    assert (
        "24.12.2026 is Christmas Eve: a letter delivered to a business on that afternoon is"
        " often only treated as received on the next business day. To be safe, make sure it"
        " arrives by 23.12.2026, the business day before; the legal deadline stays 24.12.2026."
        " (BGH, 05.12.2007, XII ZR 148/05)"
    ) in result.explanation.render()


def test_the_summary_says_why_in_german() -> None:
    result = compute_deadline(NEW_YEAR, date(2026, 12, 1), subdivision="NW")
    arrive = result.explanation.render_summary(german)[1]
    assert arrive.startswith("Die Kündigung muss ankommen bis: 30.12.2026 – nicht erst an")
    assert "Silvester (31.12.2026)" in arrive
    assert "(gesetzliche Frist: 31.12.2026)" in arrive


def test_on_christmas_eve_itself_it_is_too_late_for_the_post_but_not_missed() -> None:
    result = compute_deadline(CHRISTMAS, date(2026, 12, 24), subdivision="NW")
    assert result.status is Status.TOO_LATE_FOR_POST
    assert result.next_possible_end == date(2026, 12, 31)
