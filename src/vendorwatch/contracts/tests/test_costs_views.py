from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorwatch.contracts.costs import (
    budget_statuses,
    monthly_costs,
    over_budget,
    yearly_budget_total,
)
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


def test_over_budget_gives_the_furthest_over_first_and_counts_them_all() -> None:
    overruns = {"A": "30", "B": "70", "C": "10", "D": "-5"}  # D stays within its budget
    for n, (title, over) in enumerate(overruns.items()):
        contract = make_contract(title=title)
        Budget.objects.create(year=2026, contract=contract, amount=Decimal("100"))
        add_line(make_invoice(contract, number=f"RE-{n}"), None, str(100 + Decimal(over)))
    shown, count = over_budget(2026, shown=2)
    assert [(s.budget.contract.title, s.remaining) for s in shown] == [
        ("B", Decimal("-70.00")),
        ("A", Decimal("-30.00")),
    ]
    assert count == 3


def test_contract_budgets_do_not_count_twice_under_a_provider_budget() -> None:
    contract = make_contract()
    Budget.objects.create(year=2026, provider=contract.provider, amount=Decimal("1000"))
    Budget.objects.create(year=2026, contract=contract, amount=Decimal("800"))
    assert yearly_budget_total(2026) == Decimal("1000")


def test_the_costs_page_shows_the_chart_as_an_image_with_a_text_alternative(
    client: Client, viewer
) -> None:
    contract = make_contract()
    add_line(make_invoice(contract, invoice_date=date(2026, 3, 3)), None, "80")
    client.force_login(viewer)
    text = client.get(reverse("contracts-costs") + "?year=2026").text
    assert f'src="{reverse("contracts-costs-chart")}?year=2026"' in text
    assert 'alt="Pro Monat berechnet in 2026, insgesamt 80,00\xa0€' in text
    assert " style=" not in text


def test_the_costs_page_lists_the_figures_as_a_table(client: Client, viewer) -> None:
    contract = make_contract()
    add_line(make_invoice(contract, invoice_date=date(2026, 3, 3)), None, "1234.5")
    client.force_login(viewer)
    text = client.get(reverse("contracts-costs") + "?year=2026").text
    assert "<td>Mär</td><td>1.234,50\xa0€</td>" in text


def test_the_chart_address_answers_an_svg_of_the_year(client: Client, viewer) -> None:
    contract = make_contract()
    add_line(make_invoice(contract, invoice_date=date(2025, 3, 3)), None, "1234.5")
    client.force_login(viewer)
    response = client.get(reverse("contracts-costs-chart") + "?year=2025")
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "<title>Monatliche Kosten 2025 im Vergleich zum Budget</title>" in response.text
    assert "1.234,50\xa0€" in response.text


def test_the_chart_gets_a_policy_that_lets_its_own_styles_work(client: Client, viewer) -> None:
    client.force_login(viewer)
    response = client.get(reverse("contracts-costs-chart"))
    policy = response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy and "default-src 'none'" in policy
    assert response["Cache-Control"] == "no-store"


def test_the_chart_needs_a_log_in(client: Client) -> None:
    response = client.get(reverse("contracts-costs-chart"))
    assert response.status_code == 302


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


def test_sums_round_each_line_to_the_cent_like_the_invoice() -> None:
    contract = make_contract()
    invoice = make_invoice(contract, invoice_date=date(2026, 5, 8))
    add_line(invoice, None, "10.10", qty="0.25")  # 2.525 -> 2.52 (half to even)
    add_line(invoice, None, "0.33", qty="1.5")  # 0.495 -> 0.50
    add_line(invoice, None, "0.05", qty="0.5")  # 0.025 -> 0.02
    add_line(invoice, None, "-10.05", qty="2")  # a credit: -20.10
    add_line(invoice, None, "45.00")
    Budget.objects.create(year=2026, contract=contract, amount=Decimal("20"))
    expected = Decimal("27.94")  # 2.52 + 0.50 + 0.02 - 20.10 + 45.00
    assert invoice.total == expected
    assert monthly_costs(2026)[4] == expected
    assert str(monthly_costs(2026)[4]) == "27.94"
    [status] = budget_statuses(2026)
    assert status.spent == expected and status.remaining == Decimal("-7.94")


@given(
    quantity=st.decimals(min_value=0, max_value=10_000, places=2),
    price=st.decimals(min_value=-100_000, max_value=100_000, places=2),
)
@settings(max_examples=60, deadline=None)
def test_the_stored_amount_of_a_line_is_its_amount_in_cents(quantity, price) -> None:
    line = add_line(make_invoice(make_contract()), None, str(price), qty=str(quantity))
    line.refresh_from_db()
    assert line.cents == int(line.amount * 100)


def test_a_line_beyond_any_real_invoice_has_no_stored_amount_and_sums_go_on() -> None:
    contract = make_contract()
    invoice = make_invoice(contract, invoice_date=date(2026, 5, 8))
    huge = add_line(invoice, None, "9999999999.99", qty="99999999.99")  # around the form
    add_line(invoice, None, "45.00")
    huge.refresh_from_db()
    assert (huge.cents, monthly_costs(2026)[4]) == (None, Decimal("45.00"))


def test_the_stored_amount_follows_a_changed_line() -> None:
    line = add_line(make_invoice(make_contract()), None, "10.00", qty="2")
    line.unit_price = Decimal("0.05")
    line.quantity = Decimal("0.5")
    line.save()
    line.refresh_from_db()
    assert line.cents == 2  # 0.025 -> 0.02 (half to even)


def test_the_costs_page_lists_budgets_over_budget_first_and_in_pages(
    client: Client, viewer
) -> None:
    from vendorwatch.contracts.views.costs import BUDGETS_SHOWN

    contracts = [make_contract(title=f"Vertrag {n:03d}") for n in range(BUDGETS_SHOWN + 1)]
    for contract in contracts:
        Budget.objects.create(year=2026, contract=contract, amount=Decimal("100"))
    last = contracts[-1]
    add_line(make_invoice(last, invoice_date=date(2026, 3, 3)), None, "180")
    client.force_login(viewer)
    first = client.get(reverse("contracts-costs") + "?year=2026").text
    assert first.index("Vertrag 050") < first.index("Vertrag 000")  # over budget: at the top
    assert 'href="?year=2026&amp;page=2"' in first
    second = client.get(reverse("contracts-costs") + "?year=2026&page=2").text
    assert "Seite 2 von 2" in second
