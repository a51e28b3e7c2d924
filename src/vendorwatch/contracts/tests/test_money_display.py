"""Money and quantities are typed as Germans write them (1.234,50) and shown back the same way,
on every contracts page and in every edit form."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.contract_form import ContractForm
from vendorwatch.contracts.forms import BudgetForm, QuotaForm
from vendorwatch.contracts.invoice_forms import InvoiceLineForm
from vendorwatch.contracts.models import Budget, Contract, HoursQuota
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice, make_service
from vendorwatch.contracts.tests.test_terms import form_data
from vendorwatch.web.parsing import StrictDecimalField

pytestmark = pytest.mark.django_db

MONEY_AND_QUANTITIES = [
    (ContractForm, "fee"),
    (BudgetForm, "amount"),
    (QuotaForm, "hours_bought"),
    (QuotaForm, "hours_used"),
    (QuotaForm, "price"),
    (InvoiceLineForm, "quantity"),
    (InvoiceLineForm, "unit_price"),
]


@pytest.mark.parametrize(("form_class", "name"), MONEY_AND_QUANTITIES)
def test_every_amount_takes_german_grouping(form_class: type[forms.BaseForm], name: str) -> None:
    field = form_class().fields[name]
    assert isinstance(field, StrictDecimalField)
    assert field.clean("1.234,50") == Decimal("1234.50")


def test_a_fee_typed_with_grouping_is_shown_grouped(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("contracts-add"), form_data(fee="1.234,50"))
    contract = Contract.objects.get()
    assert contract.fee == Decimal("1234.50")
    detail = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "1.234,50\u00a0€ pro Monat, insgesamt" in detail
    edit = client.get(reverse("contracts-edit", args=[contract.pk])).text
    assert 'name="fee" value="1.234,50"' in edit


def test_the_quota_shows_its_total_and_the_price_per_hour(client: Client, viewer) -> None:
    contract = make_contract()
    HoursQuota.objects.create(
        contract=contract,
        name="Kontingent",
        hours_bought=Decimal("20"),
        hours_used=Decimal("2"),
        bought_on=date(2026, 1, 1),
        price=Decimal("1900"),
    )
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "Gesamtpreis" in text
    assert "1.900,00\u00a0€" in text and "95,00\u00a0€ je Std." in text


def test_the_quota_form_shows_its_values_grouped(client: Client, editor) -> None:
    contract = make_contract()
    quota = HoursQuota.objects.create(
        contract=contract,
        name="Kontingent",
        hours_bought=Decimal("1200"),
        hours_used=Decimal("7.5"),
        bought_on=date(2026, 1, 1),
        price=Decimal("114000"),
    )
    client.force_login(editor)
    text = client.get(reverse("contracts-quota-edit", args=[quota.pk])).text
    assert 'value="1.200,00"' in text and 'value="7,50"' in text
    assert 'value="114.000,00"' in text


def test_the_budget_form_shows_its_amount_grouped(client: Client, editor) -> None:
    budget = Budget.objects.create(year=2026, contract=make_contract(), amount=Decimal("30000"))
    client.force_login(editor)
    text = client.get(reverse("contracts-budget-edit", args=[budget.pk])).text
    assert 'value="30.000,00"' in text


def test_an_invoice_says_which_price_is_per_unit(client: Client, viewer) -> None:
    contract = make_contract()
    service = make_service(contract, "45.00", unit="Arbeitsplätze", quantity=Decimal("25"))
    invoice = make_invoice(contract)
    add_line(invoice, service, "1234.50", qty="1500")
    client.force_login(viewer)
    text = client.get(reverse("contracts-invoice-detail", args=[invoice.pk])).text
    assert "Preis je Einheit" in text and "Positionsbetrag" in text
    assert "<td>1.500</td>" in text
    assert "1.234,50\u00a0€" in text and "1.851.750,00\u00a0€" in text
    detail = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "45,00\u00a0€ je Einheit, pro Monat (25\xa0Arbeitsplätze)" in detail
