"""The shell in a real browser: log in, German dashboard, English, log out, lockout."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_logs_in_and_shows_the_german_dashboard(page: CheckedPage, admin_user) -> None:
    make_organisation(name="Müller Metallbau GmbH")
    login_in_browser(page, admin_user.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_text("Müller Metallbau GmbH").first).to_be_visible()


def test_it_switches_to_english_and_back(page: CheckedPage, admin_user) -> None:
    login_in_browser(page, admin_user.username, PASSWORD)
    page.get_by_role("button", name="English").click()
    page.check()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Deutsch").click()
    page.check()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")


def test_every_section_in_the_navigation_opens(page: CheckedPage, admin_user) -> None:
    login_in_browser(page, admin_user.username, PASSWORD)
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    links = navigation.get_by_role("link")
    expect(links).to_have_count(10)
    for index in range(10):
        links.nth(index).click()
        page.check()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(navigation.locator("a[aria-current=page]")).to_have_count(1)


def test_it_logs_out(page: CheckedPage, admin_user) -> None:
    login_in_browser(page, admin_user.username, PASSWORD)
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Abmelden").click()
    page.check()
    expect(page.page).to_have_url(re.compile(r"/login/$"))
    page.goto("/")
    expect(page.page).to_have_url(re.compile(r"/login/\?next=/$"))


def test_it_locks_the_login_after_five_wrong_passwords(page: CheckedPage, admin_user) -> None:
    for _attempt in range(5):
        login_in_browser(page, admin_user.username, "wrong password")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung gesperrt")
    # Even the right password does not help while the lock holds.
    login_in_browser(page, admin_user.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung gesperrt")


def test_the_menu_works_on_a_phone(page: CheckedPage, admin_user) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    login_in_browser(page, admin_user.username, PASSWORD)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_text("Menü").click()
    page.get_by_role("navigation", name="Hauptmenü").get_by_role("link", name="Probleme").click()
    page.check()
    expect(page.get_by_role("heading", level=1)).to_have_text("Probleme")
