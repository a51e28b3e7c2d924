"""The API's documentation page: for logged-in users and token holders, written from the
schema, accessible and within the Content-Security-Policy."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from vendorwatch.testing.browser import login_in_browser
from vendorwatch.testing.factory import PASSWORD


def test_anonymous_visitors_are_sent_to_the_login_page(db) -> None:
    response = APIClient().get("/api/v1/docs/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/api/v1/docs/"


def test_a_token_that_is_not_valid_is_sent_to_the_login_page(db) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer vw_nothing")
    assert client.get("/api/v1/docs/").status_code == 302


def test_a_token_holder_reads_the_docs(reader) -> None:
    response = reader.get("/api/v1/docs/")
    assert response.status_code == 200
    assert b"/api/v1/problems/{problem_pk}/events/" in response.content


def test_the_docs_list_every_resource_with_its_values(client, viewer) -> None:
    client.force_login(viewer)
    page = client.get("/api/v1/docs/").content.decode()
    for address in ("/api/v1/providers/", "/api/v1/invoices/{id}/pdf/", "sla-report"):
        assert address in page
    # The fields of an invoice's lines, and which ones are only given in answers.
    assert "<code>unit_price</code>" in page and "InvoiceLine" in page
    assert 'href="/api/v1/schema/?format=json"' in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 375])
def test_the_docs_page_passes_the_accessibility_check(page, viewer, width) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    login_in_browser(page, viewer.username, PASSWORD)
    page.goto("/api/v1/docs/")  # checked: axe-core, no sideways scrolling, no CSP violation
    page.locator("summary", has_text="/api/v1/problems/").first.click()
    page.check()
    assert page.get_by_role("cell", name="reported_after").is_visible()
