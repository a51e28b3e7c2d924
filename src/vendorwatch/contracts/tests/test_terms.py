"""The contract row as the deadline engine sees it, with the public examples of issue 6."""

from datetime import date

import pytest
from django.utils import translation

from vendorwatch.contracts.contract_form import ContractForm
from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.core.deadlines import AfterMinimumTerm, NoticeAnchor, Period, Status, Unit
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


def test_the_row_becomes_engine_terms() -> None:
    terms = make_contract().to_terms()
    assert terms.minimum_term == Period(24, Unit.MONTHS)
    assert terms.after_minimum_term is AfterMinimumTerm.RENEWS
    assert terms.renewal_term == Period(12, Unit.MONTHS)
    assert terms.notice_period == Period(3, Unit.MONTHS)
    assert terms.notice_anchor is NoticeAnchor.TERM_END


def test_on_time_the_contract_ends_at_the_end_of_the_minimum_term() -> None:
    nrw()
    result = make_contract().deadline(date(2026, 6, 15))
    assert result is not None
    assert result.status is Status.ON_TIME
    assert result.next_possible_end == date(2026, 12, 31)
    assert result.receipt_deadline == date(2026, 9, 30)
    assert result.recommended_send_date == date(2026, 9, 25)


def test_a_missed_deadline_rolls_over_to_the_next_term() -> None:
    nrw()
    result = make_contract().deadline(date(2026, 10, 1))
    assert result is not None
    assert result.status is Status.MISSED_ROLLED_OVER
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2027, 12, 31),
        date(2027, 9, 30),
    )


def test_the_month_end_cap_of_188_iii_bgb() -> None:
    result = make_contract(start_date=date(2025, 3, 1)).deadline(date(2026, 6, 1))
    assert result is not None
    assert result.next_possible_end == date(2027, 2, 28)
    assert result.receipt_deadline == date(2026, 11, 30)


def test_open_ended_six_weeks_to_quarter_end() -> None:
    contract = make_contract(
        start_date=date(2020, 1, 1),
        minimum_term_amount=None,
        after_minimum_term=Contract.AfterMinimum.OPEN_ENDED,
        notice_amount=6,
        notice_unit="weeks",
        notice_anchor=Contract.Anchor.QUARTER_END,
    )
    result = contract.deadline(date(2027, 2, 1))
    assert result is not None
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2027, 3, 31),
        date(2027, 2, 17),
    )


def test_a_sunday_deadline_stays_and_the_last_business_day_is_friday() -> None:
    nrw()
    contract = make_contract(start_date=date(2028, 1, 1))
    result = contract.deadline(date(2029, 9, 1))
    assert result is not None
    assert result.receipt_deadline == date(2029, 9, 30)
    assert result.last_business_day_for_receipt == date(2029, 9, 28)


def test_minimum_term_then_monthly_with_a_month_to_month_end() -> None:
    contract = make_contract(
        start_date=date(2024, 7, 1),
        after_minimum_term=Contract.AfterMinimum.OPEN_ENDED,
        continuation_notice_amount=1,
        continuation_notice_unit="months",
        continuation_notice_anchor="month_end",
    )
    result = contract.deadline(date(2026, 9, 10))
    assert result is not None
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2026, 10, 31),
        date(2026, 9, 30),
    )


def test_a_working_day_clause_becomes_the_engine_clause() -> None:
    contract = make_contract(
        notice_anchor=Contract.Anchor.WORKING_DAY, working_day_nth=3, working_day_months_after=2
    )
    clause = contract.to_terms().working_day_clause
    assert clause is not None
    assert (clause.nth, clause.months_after) == (3, 2)


def test_a_service_contract_without_notice_uses_621_bgb() -> None:
    contract = make_contract(
        minimum_term_amount=None,
        after_minimum_term=Contract.AfterMinimum.OPEN_ENDED,
        notice_amount=None,
        service_contract=True,
        pay_period=Contract.PayPeriod.MONTHLY,
    )
    result = contract.deadline(date(2026, 3, 10))
    assert result is not None
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2026, 3, 31),
        date(2026, 3, 15),
    )


def test_incomplete_terms_give_no_deadline() -> None:
    contract = make_contract(renewal_term_amount=None)
    assert contract.deadline(date(2026, 1, 1)) is None


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "provider": make_provider().pk,
        "title": "Wartung",
        "kind": "maintenance",
        "start_date": "01.01.2025",
        "minimum_term_amount": "24",
        "minimum_term_unit": "months",
        "clause_type": "renews",
        "renewal_term_amount": "12",
        "renewal_term_unit": "months",
        "notice_amount": "3",
        "notice_unit": "months",
        "notice_anchor": "term_end",
        "continuation_notice_unit": "months",
        "required_form": "written",
        "fee_period": "month",
        "postal_days": "3",
        "reminder_days": "7, 90,30",
        "review_interval_months": "3",
    }
    data.update(overrides)
    return data


def test_the_form_puts_the_engine_error_next_to_the_field() -> None:
    form = ContractForm(form_data(renewal_term_amount=""))
    with translation.override("de"):  # another test's request may have left English active
        assert not form.is_valid()
    assert form.errors["renewal_term_amount"] == [
        "Ein Vertrag, der sich verlängert, braucht einen Verlängerungszeitraum."
    ]


def test_a_renewing_contract_is_terminated_to_the_end_of_its_term() -> None:
    # "Notice can be given to" belongs to open-ended contracts: hidden here, it is ignored.
    form = ContractForm(form_data(notice_anchor="month_end"))
    assert form.is_valid(), form.errors
    assert form.save().notice_anchor == Contract.Anchor.TERM_END


def test_the_form_normalises_the_reminder_days() -> None:
    form = ContractForm(form_data())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reminder_days"] == "90, 30, 7"


def test_the_form_refuses_unreadable_reminder_days() -> None:
    assert "reminder_days" in ContractForm(form_data(reminder_days="soon")).errors


def test_a_changed_notice_period_changes_the_deadline_on_the_same_day() -> None:
    nrw()
    contract = make_contract()
    before = contract.deadline(date(2026, 6, 15))
    contract.notice_amount = 1
    contract.save()
    after = Contract.objects.get(pk=contract.pk).deadline(date(2026, 6, 15))
    assert before is not None and after is not None
    assert (before.receipt_deadline, after.receipt_deadline) == (
        date(2026, 9, 30),
        date(2026, 11, 30),
    )


def test_the_same_terms_on_the_same_day_give_the_same_deadline() -> None:
    nrw()
    first = make_contract().deadline(date(2026, 6, 15))
    second = make_contract(title="Zweitvertrag").deadline(date(2026, 6, 15))
    assert first == second
