from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.costs import budget_statuses, monthly_costs, yearly_budget_total
from vendorwatch.contracts.models import Budget, HoursQuota
from vendorwatch.contracts.templatetags.contracts_tags import eur
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice, make_service

pytestmark = pytest.mark.django_db


def test_money_is_shown_in_german_style() -> None:
    assert eur(Decimal("1234.5")) == "1.234,50\xa0€"


def test_monthly_costs_sum_the_lines_by_invoice_month() -> None:
    contract = make_contract()
    service = make_service(contract, "45.00")
    add_line(make_invoice(contract, invoice_date=date(2026, 3, 3)), service, "45.00", qty="2")
    add_line(make_invoice(contract, number="RE-2", invoice_date=date(2026, 3, 20)), None, "10")
    assert monthly_costs(2026)[2] == Decimal("100.00")
    assert sum(monthly_costs(2025)) == 0


def test_a_budget_overrun_is_detected() -> None:
    contract = make_contract()
    Budget.objects.create(year=2026, contract=contract, amount=Decimal("50"))
    add_line(make_invoice(contract), None, "80")
    [status] = budget_statuses(2026)
    assert status.over and status.remaining == Decimal("-30.00")


def test_contract_budgets_do_not_count_twice_under_a_provider_budget() -> None:
    contract = make_contract()
    Budget.objects.create(year=2026, provider=contract.provider, amount=Decimal("1000"))
    Budget.objects.create(year=2026, contract=contract, amount=Decimal("800"))
    assert yearly_budget_total(2026) == Decimal("1000")


def test_the_costs_page_shows_the_chart(client: Client, viewer) -> None:
    contract = make_contract()
    add_line(make_invoice(contract), None, "80")
    client.force_login(viewer)
    text = client.get(reverse("contracts-costs") + "?year=2026").text
    assert "<svg" in text and "<title" in text
    assert " style=" not in text


def test_a_budget_needs_either_provider_or_contract(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("contracts-budget-add"), {"year": "2026", "amount": "100"})
    assert not Budget.objects.exists()


def test_an_editor_records_prepaid_hours(client: Client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    data = {
        "name": "Kontingent",
        "hours_bought": "40",
        "hours_used": "12,5",
        "bought_on": "15.01.2026",
        "expires_on": "31.12.2026",
    }
    client.post(reverse("contracts-quota-add", args=[contract.pk]), data)
    assert HoursQuota.objects.get().hours_remaining == Decimal("27.5")
