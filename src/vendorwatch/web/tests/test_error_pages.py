"""The 400 page is a calm page in the product's layout and the user's language."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_bad_host_header_gets_the_400_page_in_the_layout(client: Client) -> None:
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "<h1>Die Anfrage konnte nicht verarbeitet werden</h1>" in response.text
    assert 'class="topbar"' in response.text
    assert 'href="/static/vendorwatch/app.css"' in response.text


def test_the_400_page_speaks_the_chosen_language(client: Client) -> None:
    client.cookies["vendorwatch_language"] = "en"
    response = client.get("/", HTTP_HOST="evil.example")
    assert "<h1>The request could not be processed</h1>" in response.text
    assert '<html lang="en">' in response.text


def test_a_suspicious_request_gets_the_400_page(client: Client, settings) -> None:
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    fields = {f"f{number}": "x" for number in range(20)}
    response = client.post(reverse("accounts-login"), fields)
    assert response.status_code == 400
    assert "<h1>Die Anfrage konnte nicht verarbeitet werden</h1>" in response.text


def test_a_logged_in_user_keeps_the_navigation_on_the_400_page(client: Client, viewer) -> None:
    client.force_login(viewer)
    fields = {f"f{number}": "x" for number in range(2000)}
    response = client.post(reverse("web-language"), fields)
    assert response.status_code == 400
    assert 'class="sidebar"' in response.text
