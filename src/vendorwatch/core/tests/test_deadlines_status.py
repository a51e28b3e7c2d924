"""The status never alarms without cause: "missed" only where a passed deadline bound the
business for another term; every result opens with a three-line summary."""

from datetime import date

from vendorwatch.core.deadlines import (
    AfterMinimumTerm,
    ContractTerms,
    NoticeAnchor,
    Period,
    Status,
    StepCode,
    Unit,
    compute_deadline,
)

from .test_deadlines_i18n import german

MONTHS = Unit.MONTHS


def renewing(start: date = date(2025, 1, 1)) -> ContractTerms:
    """24 months, then renews by 12, notice 3 months to the end of a term."""
    return ContractTerms(
        start=start,
        minimum_term=Period(24, MONTHS),
        after_minimum_term=AfterMinimumTerm.RENEWS,
        renewal_term=Period(12, MONTHS),
        notice_period=Period(3, MONTHS),
    )


def monthly_open_ended() -> ContractTerms:
    """Unbefristet, 1 month to the end of a month."""
    return ContractTerms(
        start=date(2024, 1, 1),
        notice_period=Period(1, MONTHS),
        notice_anchor=NoticeAnchor.MONTH_END,
    )


def minimum_then_monthly() -> ContractTerms:
    """12 months minimum (3 months to its end), then 1 month to any month's end."""
    return ContractTerms(
        start=date(2025, 1, 1),
        minimum_term=Period(12, MONTHS),
        after_minimum_term=AfterMinimumTerm.OPEN_ENDED,
        notice_period=Period(3, MONTHS),
        notice_anchor=NoticeAnchor.TERM_END,
        continuation_notice_period=Period(1, MONTHS),
        continuation_notice_anchor=NoticeAnchor.MONTH_END,
    )


# --- "missed" only where a term was lost ---------------------------------------------------


def test_open_ended_contract_is_on_time_for_the_next_month_end() -> None:
    # 15.06.2026: 30.06. needed receipt by 31.05.; the next chance is 31.07. by 30.06.
    result = compute_deadline(monthly_open_ended(), date(2026, 6, 15), subdivision="NW")
    assert result.status is Status.ON_TIME
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2026, 7, 31),
        date(2026, 6, 30),
    )
    assert result.missed_end is None
    assert StepCode.MISSED not in result.explanation.codes


def test_no_step_says_missed_for_an_open_ended_contract() -> None:
    result = compute_deadline(monthly_open_ended(), date(2026, 6, 15), subdivision="NW")
    text = " ".join(result.explanation.render() + result.explanation.render_summary())
    assert "passed" not in text and "missed" not in text


def test_after_the_minimum_term_the_monthly_ends_are_never_missed() -> None:
    result = compute_deadline(minimum_then_monthly(), date(2026, 6, 15), subdivision="NW")
    assert result.status is Status.ON_TIME
    assert result.next_possible_end == date(2026, 7, 31)


def test_a_renewing_contract_past_its_deadline_is_missed_and_names_the_new_end() -> None:
    result = compute_deadline(renewing(), date(2026, 10, 1), subdivision="NW")
    assert result.status is Status.MISSED_ROLLED_OVER
    assert (result.missed_end, result.missed_deadline) == (date(2026, 12, 31), date(2026, 9, 30))
    assert result.next_possible_end == date(2027, 12, 31)
    assert (
        "Notice to 31.12.2026 had to be received by 30.09.2026. That day has passed: the"
        " contract renews by 12 months, so its earliest end is now 31.12.2027."
        " (§ 130(1) BGB)"
    ) in result.explanation.render()


def test_the_missed_renewal_is_explained_in_german() -> None:
    result = compute_deadline(renewing(), date(2026, 10, 1), subdivision="NW")
    text = "\n".join(result.explanation.render(german))
    assert "Der Vertrag verlängert sich um 12 Monate; frühestes Vertragsende ist jetzt" in text


def test_once_the_missed_end_has_passed_the_contract_is_on_time_again() -> None:
    result = compute_deadline(renewing(), date(2027, 1, 4), subdivision="NW")
    assert result.status is Status.ON_TIME
    assert result.missed_end is None
    assert result.receipt_deadline == date(2027, 9, 30)


def test_a_missed_notice_to_the_end_of_the_minimum_term_is_missed() -> None:
    # 3 months to 31.12.2025 needed receipt by 30.09.2025; then 1 month to a month's end.
    result = compute_deadline(minimum_then_monthly(), date(2025, 10, 15), subdivision="NW")
    assert result.status is Status.MISSED_ROLLED_OVER
    assert result.missed_end == date(2025, 12, 31)
    assert result.next_possible_end == date(2026, 1, 31)
    assert StepCode.MISSED_MINIMUM_TERM in result.explanation.codes


def test_a_year_end_anchor_of_an_open_ended_contract_is_not_missed() -> None:
    terms = ContractTerms(
        start=date(2020, 1, 1),
        notice_period=Period(3, MONTHS),
        notice_anchor=NoticeAnchor.YEAR_END,
    )
    result = compute_deadline(terms, date(2026, 10, 1), subdivision="NW")
    assert result.status is Status.ON_TIME
    assert result.receipt_deadline == date(2027, 9, 30)


# --- the three-line summary ------------------------------------------------------------------


def test_the_summary_answers_end_arrive_by_and_send_by() -> None:
    result = compute_deadline(renewing(), date(2026, 6, 15), subdivision="NW")
    assert result.explanation.render_summary() == [
        "Earliest end of the contract: 31.12.2026",
        "Notice must arrive by: 30.09.2026",
        "Send by: 25.09.2026",
    ]


def test_the_summary_in_german() -> None:
    result = compute_deadline(renewing(), date(2026, 6, 15), subdivision="NW")
    assert result.explanation.render_summary(german) == [
        "Frühestes Vertragsende: 31.12.2026",
        "Die Kündigung muss ankommen bis: 30.09.2026",
        "Spätestens absenden am: 25.09.2026",
    ]


def test_the_summary_aims_for_the_business_day_before_a_weekend_deadline() -> None:
    # 30.09.2028 is a Saturday: arrive by Friday 29.09.2028.
    terms = ContractTerms(
        start=date(2020, 1, 1),
        notice_period=Period(3, MONTHS),
        notice_anchor=NoticeAnchor.YEAR_END,
    )
    result = compute_deadline(terms, date(2028, 6, 1), subdivision="NW")
    assert result.explanation.render_summary()[1] == (
        "Notice must arrive by: 29.09.2028, the last business day before the deadline (30.09.2028)"
    )


def test_the_summary_says_too_late_for_the_post() -> None:
    # send by Friday 25.09.2026 has passed on Monday 28.09.; receipt possible until 30.09.
    result = compute_deadline(renewing(), date(2026, 9, 28), subdivision="NW")
    assert result.status is Status.TOO_LATE_FOR_POST
    assert result.explanation.render_summary()[2] == (
        "Send by: 25.09.2026 has passed – too late for the post; deliver by hand or courier today"
    )


def test_a_fixed_term_summary_says_it_ends_by_itself() -> None:
    terms = ContractTerms(
        start=date(2025, 1, 1),
        minimum_term=Period(12, MONTHS),
        after_minimum_term=AfterMinimumTerm.ENDS,
    )
    result = compute_deadline(terms, date(2025, 6, 1))
    assert result.explanation.render_summary() == [
        "The contract has a fixed term: it ends on 31.12.2025 without notice."
    ]
