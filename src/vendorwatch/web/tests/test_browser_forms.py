"""The page script's helps in a real browser: the calendar beside a date field, and the hint
that a wide table scrolls sideways."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from vendorwatch.contracts.models import Contract
from vendorwatch.testing.browser import CheckedPage, login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings: Any, tmp_path: Any) -> str:
    settings.DATA_DIR = tmp_path
    call_command("demo")
    return (tmp_path / "demo-credentials.txt").read_text(encoding="utf-8").strip()


def test_a_day_chosen_in_the_calendar_is_written_the_german_way(
    page: CheckedPage, demo: str
) -> None:
    login_in_browser(page, "admin", demo)
    page.goto(f"/contracts/{Contract.objects.first().pk}/invoices/new/")
    field = page.locator("input[data-picker=date]:visible").first
    wrap = field.locator("xpath=..")
    wrap.get_by_role("button", name="Kalender öffnen").click()
    wrap.locator(".picker-proxy").evaluate(
        "proxy => { proxy.value = '2026-12-03';"
        " proxy.dispatchEvent(new Event('change', {bubbles: true})); }"
    )
    expect(field).to_have_value("03.12.2026")


def test_a_typed_day_is_kept_when_the_calendar_opens(page: CheckedPage, demo: str) -> None:
    login_in_browser(page, "admin", demo)
    page.goto(f"/contracts/{Contract.objects.first().pk}/invoices/new/")
    field = page.locator("input[data-picker=date]:visible").first
    field.fill("24.12.2026")
    wrap = field.locator("xpath=..")
    wrap.get_by_role("button", name="Kalender öffnen").click()
    expect(wrap.locator(".picker-proxy")).to_have_value("2026-12-24")
    expect(field).to_have_value("24.12.2026")


def test_a_table_wider_than_a_phone_says_it_scrolls(page: CheckedPage, demo: str) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    login_in_browser(page, "admin", demo)
    page.goto("/problems/")
    expect(page.locator(".scroll-hint").first).to_be_visible()
    wrap = page.locator(".table-wrap").first
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")


def test_a_table_that_fits_shows_no_hint(page: CheckedPage, demo: str) -> None:
    login_in_browser(page, "admin", demo)
    page.goto("/contracts/invoices/")
    expect(page.locator(".table-wrap").first).to_be_visible()
    expect(page.locator(".scroll-hint").first).to_be_hidden()


def test_a_field_needed_by_one_type_only_is_marked_for_it(page: CheckedPage, demo: str) -> None:
    login_in_browser(page, "admin", demo)
    page.goto("/contracts/new/")
    mark = page.locator("label[for=id_minimum_term_amount] .required-mark")
    page.select_option("#id_clause_type", "renews")
    expect(mark).to_be_visible()
    expect(page.locator("#id_minimum_term_amount")).to_have_attribute("aria-required", "true")
    page.select_option("#id_clause_type", "statutory")
    expect(mark).to_be_hidden()


def test_a_table_that_fits_is_no_keyboard_stop(page: CheckedPage, demo: str) -> None:
    login_in_browser(page, "admin", demo)
    page.goto("/contracts/invoices/")
    expect(page.locator(".table-wrap").first).not_to_have_attribute("tabindex", "0")
