"""In Chromium at 1280 px: an administrator changes a provider, opens its history and sees the
city before and after; then the full list, filtered. Every page passes the axe-core check."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_change_shows_in_the_history_and_in_the_filtered_list(
    page: CheckedPage, admin_user
) -> None:
    provider = make_provider(name="Brandl IT", city="Augsburg")
    make_provider(name="Huber Systemhaus")
    login_in_browser(page, admin_user.username, PASSWORD)
    page.goto(f"/providers/{provider.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Bearbeiten").click()
    page.check()
    page.get_by_label("Ort").fill("München")
    page.submit(page.get_by_role("button", name="Speichern"))

    with page.expect_navigation():
        page.get_by_role("link", name="Verlauf").click()
    page.check()
    newest = page.locator("tbody tr").first
    expect(newest).to_contain_text("anna.admin")
    expect(newest).to_contain_text(re.compile(r"Ort:\s*Augsburg\s*→.*München"))
    expect(page.get_by_role("link", name="← Brandl IT")).to_be_visible()

    page.goto("/settings/")
    with page.expect_navigation():
        page.get_by_role("link", name="Alle Änderungen anzeigen").click()
    page.check()
    page.get_by_label("Art des Eintrags").select_option(label="Dienstleister")
    page.get_by_label("Name des Eintrags").fill("Brandl")
    page.submit(page.get_by_role("button", name="Filtern"))
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)  # created, then changed
    expect(page.locator("main")).not_to_contain_text("Huber Systemhaus")
    expect(rows.first).to_contain_text("München")
