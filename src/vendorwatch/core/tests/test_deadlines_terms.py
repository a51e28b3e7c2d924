"""Contract terms are validated with a field and a translatable message."""

from datetime import date

import pytest

from vendorwatch.core.deadlines import (
    AfterMinimumTerm,
    ContractTerms,
    NoticeAnchor,
    Period,
    TermsError,
    Unit,
    WorkingDayClause,
)

START = date(2025, 1, 1)
YEAR = Period(12, Unit.MONTHS)
MONTH = Period(1, Unit.MONTHS)


def field_of(**kwargs: object) -> str:
    with pytest.raises(TermsError) as error:
        ContractTerms(start=START, **kwargs)  # type: ignore[arg-type]
    return error.value.field


def test_renewing_contract_needs_minimum_term() -> None:
    assert field_of(after_minimum_term=AfterMinimumTerm.RENEWS, renewal_term=YEAR) == (
        "minimum_term"
    )


def test_renewing_contract_needs_renewal_term() -> None:
    kwargs = {"minimum_term": YEAR, "after_minimum_term": AfterMinimumTerm.RENEWS}
    assert field_of(**kwargs, notice_period=MONTH) == "renewal_term"


def test_renewing_contract_needs_notice_period() -> None:
    kwargs = {"minimum_term": YEAR, "after_minimum_term": AfterMinimumTerm.RENEWS}
    assert field_of(**kwargs, renewal_term=YEAR) == "notice_period"


def test_renewing_contract_can_only_end_at_term_end() -> None:
    assert (
        field_of(
            minimum_term=YEAR,
            after_minimum_term=AfterMinimumTerm.RENEWS,
            renewal_term=YEAR,
            notice_period=MONTH,
            notice_anchor=NoticeAnchor.MONTH_END,
        )
        == "notice_anchor"
    )


def test_open_ended_without_minimum_cannot_run_to_term_end() -> None:
    assert field_of(notice_period=MONTH, notice_anchor=NoticeAnchor.TERM_END) == "notice_anchor"


def test_open_ended_continuation_needs_its_own_rule() -> None:
    assert (
        field_of(minimum_term=YEAR, notice_period=MONTH, notice_anchor=NoticeAnchor.TERM_END)
        == "continuation_notice_period"
    )


def test_continuation_cannot_run_to_term_end() -> None:
    assert (
        field_of(
            minimum_term=YEAR,
            notice_period=MONTH,
            continuation_notice_period=MONTH,
            continuation_notice_anchor=NoticeAnchor.TERM_END,
        )
        == "continuation_notice_anchor"
    )


def test_service_contract_without_period_needs_pay_period() -> None:
    assert field_of(service_contract=True) == "pay_period"


def test_open_ended_contract_needs_some_notice_rule() -> None:
    assert field_of() == "notice_period"


def test_working_day_clause_bounds() -> None:
    assert field_of(working_day_clause=WorkingDayClause(0, 2)) == "working_day_clause"
    assert field_of(working_day_clause=WorkingDayClause(3, 25)) == "working_day_clause"


def test_fixed_term_needs_no_notice() -> None:
    terms = ContractTerms(start=START, minimum_term=YEAR, after_minimum_term=AfterMinimumTerm.ENDS)
    assert terms.notice_period is None


def test_terms_error_message_is_a_msgid() -> None:
    with pytest.raises(TermsError) as error:
        ContractTerms(start=START, service_contract=True)
    assert "§ 621 BGB" in error.value.message


def test_empty_terms_are_rejected() -> None:
    assert field_of(minimum_term=Period(0, Unit.MONTHS), notice_period=MONTH) == "minimum_term"
