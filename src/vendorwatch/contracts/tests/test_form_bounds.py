"""Every number and date a contracts form or query string takes is read strictly, and terms
and periods stay within what a contract can have: a clear message next to the field, never
a 500."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vendorwatch.contracts.contract_form import ContractForm
from vendorwatch.contracts.forms import BudgetForm, CertificateForm, QuotaForm
from vendorwatch.contracts.invoice_forms import InvoiceForm, InvoiceLineForm
from vendorwatch.contracts.models import Contract, HoursQuota
from vendorwatch.contracts.review_forms import ReviewForm
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.contracts.tests.test_terms import form_data

pytestmark = pytest.mark.django_db

DATE_RANGE = "Bitte ein Datum zwischen 01.01.1900 und 31.12.2199 eingeben."


def errors(**overrides: object) -> dict[str, list[str]]:
    form = ContractForm(form_data(**overrides))
    assert not form.is_valid()
    return dict(form.errors)


def test_a_start_in_the_year_9999_is_refused() -> None:
    assert errors(start_date="01.01.9999")["start_date"] == [DATE_RANGE]


def test_a_start_in_the_year_1_is_refused() -> None:
    assert errors(start_date="01.01.0001")["start_date"] == [DATE_RANGE]


def test_a_notice_period_of_9999_years_is_refused_with_the_limit() -> None:
    assert errors(notice_amount="9999", notice_unit="years")["notice_amount"] == [
        "Höchstens 5 Jahre."
    ]


def test_a_notice_period_is_limited_in_its_own_unit() -> None:
    assert errors(notice_amount="61", notice_unit="months")["notice_amount"] == [
        "Höchstens 5 Jahre, also 60 Monate."
    ]


def test_a_minimum_term_of_400_months_is_refused() -> None:
    assert errors(minimum_term_amount="400")["minimum_term_amount"] == [
        "Höchstens 30 Jahre, also 360 Monate."
    ]


def test_a_minimum_term_of_99999999_months_is_refused() -> None:
    assert "minimum_term_amount" in errors(minimum_term_amount="99999999")


def test_a_renewal_term_of_31_years_is_refused() -> None:
    found = errors(renewal_term_amount="31", renewal_term_unit="years")
    assert found["renewal_term_amount"] == ["Höchstens 30 Jahre."]


def test_the_longest_allowed_terms_are_accepted_and_computed() -> None:
    form = ContractForm(
        form_data(
            minimum_term_amount="30",
            minimum_term_unit="years",
            renewal_term_amount="360",
            notice_amount="5",
            notice_unit="years",
        )
    )
    assert form.is_valid(), form.errors
    contract = form.save()
    assert contract.deadline(date(2026, 6, 15)) is not None


@pytest.mark.parametrize("value", ["²", "9²", "٣٠", "30, ²", "0", "731"])
def test_reminder_days_take_ascii_whole_numbers_only(value: str) -> None:
    assert errors(reminder_days=value)["reminder_days"] == [
        "Bitte ganze Tage zwischen 1 und 730 angeben."
    ]


@pytest.mark.parametrize("value", ["²", "1²"])
def test_unicode_digits_in_a_number_field_are_refused(value: str) -> None:
    assert "postal_days" in errors(postal_days=value)


@pytest.mark.parametrize("value", ["sNaN", "NaN", "Infinity", "1e3"])
def test_a_fee_that_is_not_a_plain_number_is_refused(value: str) -> None:
    assert "fee" in errors(fee=value)


def test_invoice_dates_and_amounts_are_read_strictly() -> None:
    contract = make_contract()
    form = InvoiceForm({"number": "RE-1", "invoice_date": "01.01.0001"})
    assert form.errors["invoice_date"] == [DATE_RANGE]
    line = InvoiceLineForm(
        {"description": "x", "quantity": "sNaN", "unit_price": "1²"}, contract=contract
    )
    assert set(line.errors) == {"quantity", "unit_price"}


def test_an_invoice_line_of_more_than_a_billion_euros_is_refused() -> None:
    line = InvoiceLineForm(
        {"description": "x", "quantity": "99999999,99", "unit_price": "9999999999,99"},
        contract=make_contract(),
    )
    assert "1.000.000.000" in line.errors["unit_price"][0]


def test_the_limit_of_an_invoice_line_is_written_as_numbers_are_in_english() -> None:
    with translation.override("en"):
        line = InvoiceLineForm(
            {"description": "x", "quantity": "2", "unit_price": "999999999.99"},
            contract=make_contract(),
        )
        assert "1,000,000,000 EUR" in line.errors["unit_price"][0]


def test_an_invoice_line_of_a_billion_euros_is_accepted() -> None:
    line = InvoiceLineForm(
        {"description": "x", "quantity": "1000", "unit_price": "1000000,00"},
        contract=make_contract(),
    )
    assert line.is_valid()


def test_review_dates_are_read_strictly() -> None:
    form = ReviewForm(
        {
            "period_start": "01.01.0001",
            "period_end": "31.12.9999",
            "reviewed_on": "²1.01.2026",
            "rating": "²",
            "outcome": "continue",
        }
    )
    assert set(form.errors) >= {"period_start", "period_end", "reviewed_on", "rating"}


def test_a_certificate_valid_until_the_year_9999_is_refused() -> None:
    form = CertificateForm({"name": "ISO 27001", "valid_until": "31.12.9999"})
    assert form.errors["valid_until"] == [DATE_RANGE]


@pytest.mark.parametrize("value", ["²⁰²⁶", "1999", "2101"])
def test_a_budget_is_for_a_year_the_costs_page_can_show(value: str) -> None:
    contract = make_contract()
    form = BudgetForm({"year": value, "contract": contract.pk, "amount": "100"})
    assert "year" in form.errors


def test_prepaid_hours_cannot_expire_before_they_were_bought() -> None:
    form = QuotaForm(
        {
            "name": "Kontingent",
            "hours_bought": "20",
            "hours_used": "0",
            "bought_on": "01.03.2026",
            "expires_on": "28.02.2026",
        },
        instance=HoursQuota(contract=make_contract()),
    )
    assert form.errors == {"expires_on": ["Das Ablaufdatum kann nicht vor dem Kaufdatum liegen."]}


def test_the_database_refuses_hours_that_expire_before_they_were_bought() -> None:
    contract = make_contract()
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursQuota.objects.create(
            contract=contract,
            name="Kontingent",
            hours_bought=Decimal("20"),
            bought_on=date(2026, 3, 1),
            expires_on=date(2026, 2, 28),
        )


@pytest.mark.parametrize("year", ["²", "²⁰²⁶", "sNaN", "99999999999999999999", "-1"])
def test_a_year_in_the_query_string_never_gives_a_500(client: Client, viewer, year: str) -> None:
    client.force_login(viewer)
    response = client.get(reverse("contracts-costs"), {"year": year})
    assert response.status_code == 200


def test_an_editor_posting_a_unicode_digit_sees_the_form_again(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("contracts-add"), form_data(reminder_days="²"))
    assert response.status_code == 200
    assert "Bitte ganze Tage zwischen 1 und 730 angeben." in response.text
    assert not Contract.objects.exists()


def test_a_service_no_record_can_have_is_refused_not_a_crash() -> None:
    assert "services" in errors(services=["99999999999999999999"])
