import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = pytest.mark.django_db
URL = reverse("web-dashboard")


def test_it_is_german_by_default(client: Client, viewer) -> None:
    client.force_login(viewer)
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "<h1>Übersicht</h1>" in response.text


def test_it_shows_the_company_name(client: Client, viewer) -> None:
    make_organisation(name="Müller Metallbau GmbH")
    client.force_login(viewer)
    assert "Müller Metallbau GmbH" in client.get(URL).text


def test_it_lists_active_providers(client: Client, viewer) -> None:
    make_provider(name="Brandl IT-Systemhaus GmbH")
    client.force_login(viewer)
    assert "Brandl IT-Systemhaus GmbH" in client.get(URL).text


def test_without_providers_it_says_so(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert "Es ist noch kein Dienstleister erfasst." in client.get(URL).text


def test_it_shows_the_six_steps_in_order(client: Client, viewer) -> None:
    client.force_login(viewer)
    text = client.get(URL).text.split("Sechs Schritte")[1]
    positions = [text.index(word) for word in ("Erwartungen", "Kommunikation", "Probleme")]
    assert positions == sorted(positions)
