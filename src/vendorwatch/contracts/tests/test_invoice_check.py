from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.costs import invoice_checks
from vendorwatch.contracts.models import Invoice, InvoiceLine
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice, make_service
from vendorwatch.expectations.models import Service

pytestmark = pytest.mark.django_db


def test_a_line_at_the_contracted_price_is_as_agreed() -> None:
    contract = make_contract()
    invoice = make_invoice(contract)
    add_line(invoice, make_service(contract, "45.00"), "45.00", qty="28")
    [check] = invoice_checks(invoice)
    assert check.check == InvoiceLine.Check.AS_AGREED
    assert not check.flagged


def test_a_higher_price_is_a_deviation_with_its_difference() -> None:
    contract = make_contract()
    invoice = make_invoice(contract)
    add_line(invoice, make_service(contract, "45.00"), "50.00", qty="28")
    [check] = invoice_checks(invoice)
    assert check.check == InvoiceLine.Check.DEVIATION
    assert check.difference == Decimal("140.00")


def test_a_line_without_a_service_is_unexpected() -> None:
    contract = make_contract()
    invoice = make_invoice(contract)
    add_line(invoice, None, "95.00")
    assert invoice_checks(invoice)[0].check == InvoiceLine.Check.UNEXPECTED


def test_a_service_not_in_this_contract_is_unexpected() -> None:
    contract = make_contract()
    other = Service.objects.create(name="Backup", price=Decimal("10"), contracted=True)
    invoice = make_invoice(contract)
    add_line(invoice, other, "10.00")
    assert invoice_checks(invoice)[0].check == InvoiceLine.Check.UNEXPECTED


def test_a_service_without_price_cannot_be_compared() -> None:
    contract = make_contract()
    service = make_service(contract)
    Service.objects.filter(pk=service.pk).update(price=None)
    invoice = make_invoice(contract)
    add_line(invoice, Service.objects.get(pk=service.pk), "10.00")
    assert invoice_checks(invoice)[0].check == InvoiceLine.Check.NO_PRICE


def test_an_invoice_entered_with_a_deviating_price_is_flagged(client: Client, editor) -> None:
    contract = make_contract()
    service = make_service(contract, "45.00")
    client.force_login(editor)
    data = {
        "number": "RE-7",
        "invoice_date": "03.03.2026",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-service": str(service.pk),
        "lines-0-quantity": "28",
        "lines-0-unit_price": "49,00",
    }
    response = client.post(reverse("contracts-invoice-add", args=[contract.pk]), data)
    invoice = Invoice.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("contracts-invoice-detail", args=[invoice.pk])).text
    assert "1.372,00\xa0€" in page
    assert 'class="flagged"' in page


def test_an_invoice_number_is_unique_per_contract(client: Client, editor) -> None:
    contract = make_contract()
    make_invoice(contract, number="RE-1")
    client.force_login(editor)
    data = {
        "number": "RE-1",
        "invoice_date": "03.03.2026",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-description": "Sonderleistung",
        "lines-0-quantity": "1",
        "lines-0-unit_price": "10",
    }
    response = client.post(reverse("contracts-invoice-add", args=[contract.pk]), data)
    assert response.status_code == 200
    assert Invoice.objects.count() == 1


def test_a_posted_count_of_a_million_lines_builds_no_more_than_the_limit(
    client: Client, editor
) -> None:
    contract = make_contract()
    client.force_login(editor)
    data = {
        "number": "RE-9",
        "invoice_date": "03.03.2026",
        "lines-TOTAL_FORMS": "1000000",
        "lines-INITIAL_FORMS": "0",
        "lines-0-description": "Sonderleistung",
        "lines-0-quantity": "1",
        "lines-0-unit_price": "10",
    }
    response = client.post(reverse("contracts-invoice-add", args=[contract.pk]), data)
    assert response.status_code == 200
    assert response.text.count('name="lines-') < 20 * 101
    assert Invoice.objects.count() == 0
