"""Candidates: providers with the status "candidate", their contacts and notes."""

from __future__ import annotations

import pytest
from django.test import Client

from vendorwatch.alternatives.tests.factory import make_candidate, make_offer
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import make_contact, make_provider

pytestmark = pytest.mark.django_db


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_adding_a_candidate_creates_a_provider_with_the_status_candidate(editor) -> None:
    response = logged_in(editor).post(
        "/alternatives/candidates/new/",
        {"name": "Kaiser IT", "city": "Augsburg", "notes": "Erstgespräch am 03.12.2026"},
    )
    assert response.status_code == 302
    provider = Provider.objects.get(name="Kaiser IT")
    assert provider.status == Provider.Status.CANDIDATE
    assert provider.notes == "Erstgespräch am 03.12.2026"


def test_notes_of_10000_characters_are_refused_with_a_message(editor) -> None:
    response = logged_in(editor).post(
        "/alternatives/candidates/new/", {"name": "Kaiser IT", "notes": "x" * 10_000}
    )
    assert response.status_code == 200
    assert not Provider.objects.filter(name="Kaiser IT").exists()
    assert "5000" in response.content.decode().replace(".", "")


def test_the_list_shows_candidates_with_contacts_and_offers_but_not_active_providers(
    editor,
) -> None:
    candidate = make_candidate(name="Kaiser IT", notes="Sehr freundlich")
    make_contact(candidate, name="Frau Kaiser", email="kaiser@example.com")
    make_offer(candidate, title="Angebot 2026-114")
    make_provider(name="Brandl IT")
    page = logged_in(editor).get("/alternatives/candidates/").content.decode()
    assert "Kaiser IT" in page
    assert "Frau Kaiser" in page
    assert "Sehr freundlich" in page
    assert "Angebot 2026-114" in page
    assert "Brandl IT" not in page


def test_a_viewer_sees_the_list_without_the_add_button_and_cannot_add(viewer) -> None:
    make_candidate(name="Kaiser IT")
    client = logged_in(viewer)
    page = client.get("/alternatives/candidates/").content.decode()
    assert "Kaiser IT" in page
    assert "/alternatives/candidates/new/" not in page
    assert client.post("/alternatives/candidates/new/", {"name": "X"}).status_code == 403
