"""A user enters a contract, reads its deadlines, subscribes to the calendar and checks an
invoice — in Chromium, every page checked by axe-core."""

import icalendar
import pytest

from vendorwatch.contracts.models import Contract, Invoice
from vendorwatch.contracts.tests.factory import (
    make_service,
    nrw,
)
from vendorwatch.testing.browser import login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_contract(page, provider_id: int) -> None:
    page.select_option("select[name=provider]", str(provider_id))
    page.fill("input[name=title]", "IT-Betreuung")
    page.fill("input[name=start_date]", "01.01.2025")
    page.select_option("select[name=clause_type]", "renews")
    page.fill("input[name=minimum_term_amount]", "24")
    page.fill("input[name=renewal_term_amount]", "12")
    page.fill("input[name=notice_amount]", "3")


def test_contract_deadlines_calendar_and_invoice_check(page, editor) -> None:
    nrw()
    provider = make_provider(name="Brandl IT-Systemhaus GmbH")
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/contracts/new/")
    fill_contract(page, provider.pk)
    page.submit(page.locator("form button[type=submit]").last)
    contract = Contract.objects.get()
    assert page.url.endswith(f"/contracts/{contract.pk}/")
    # The answer first; the legal derivation is folded below it until opened.
    assert (
        page.locator(".deadline-summary li")
        .first.inner_text()
        .startswith("Frühestes Vertragsende:")
    )
    assert page.locator(".deadline-facts").is_visible()
    assert not page.get_by_text("Vertragsbeginn: 01.01.2025").is_visible()
    page.locator(".explanation-details summary").click()
    assert page.get_by_text("Vertragsbeginn: 01.01.2025").is_visible()

    page.goto("/contracts/calendar/")
    page.locator("form[action$='/calendar/new/'] button").click()
    page.check()
    url = page.locator(".feed-url code").inner_text()
    response = page.request.get(url)
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.body())
    assert len(list(calendar.walk("VEVENT"))) == 3

    service = make_service(contract, "45.00", name="Arbeitsplatzbetreuung")
    page.goto(f"/contracts/{contract.pk}/invoices/new/")
    page.fill("input[name=number]", "RE-2026-03")
    page.fill("input[name=invoice_date]", "03.03.2026")
    page.select_option("select[name=lines-0-service]", str(service.pk))
    page.fill("input[name=lines-0-quantity]", "28")
    page.fill("input[name=lines-0-unit_price]", "49,00")
    page.submit(page.locator("form button[type=submit]").last)
    invoice = Invoice.objects.get()
    assert page.url.endswith(f"/contracts/invoices/{invoice.pk}/")
    assert page.locator("tr.flagged").count() == 1
    assert page.locator(".flag").first.is_visible()
