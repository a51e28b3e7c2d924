"""A viewer's API token in Chromium on a phone (375 px): created from the settings, shown once,
gone after a reload, revoked after a confirmation. Every page passes the axe-core check."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from vendorwatch.api.models import ApiToken, token_hash
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def test_a_viewer_creates_sees_once_and_revokes_a_token(page: CheckedPage, viewer) -> None:
    page.set_viewport_size(PHONE)
    login_in_browser(page, viewer.username, PASSWORD)
    page.goto("/settings/")
    with page.expect_navigation():
        page.get_by_role("link", name="API-Zugänge").click()
    page.check()
    expect(page.locator("main")).to_contain_text("Sie haben noch keine API-Tokens.")

    with page.expect_navigation():
        page.get_by_role("button", name="Token erstellen").click()
    page.check()
    page.get_by_label("Name").fill("Monatszahlen Excel")
    page.submit(page.get_by_role("button", name="Token erstellen"))
    expect(page.get_by_text("Es wird nicht noch einmal angezeigt.")).to_be_visible()
    token = page.get_by_label("Token", exact=True).input_value()
    assert ApiToken.objects.get().digest == token_hash(token)
    expect(page.locator("pre")).to_have_text(f"Authorization: Bearer {token}")

    page.reload()
    page.check()
    print(
        "DEBUG",
        page.url,
        page.locator("h1").all_inner_texts(),
        page.locator(".errorlist").all_inner_texts(),
        ApiToken.objects.count(),
    )
    assert token not in page.content()
    page.goto("/account/api-tokens/")
    assert token not in page.content()
    expect(page.locator("main")).to_contain_text(token[:9])

    with page.expect_navigation():
        page.get_by_role("link", name="Monatszahlen Excel widerrufen").click()
    page.check()
    page.submit(page.get_by_role("button", name="Widerrufen"))
    expect(page.get_by_text("wurde widerrufen und funktioniert nicht mehr")).to_be_visible()
    response = Client().get("/api/v1/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
