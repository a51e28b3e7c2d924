"""Requests for offers: create, change, delete; viewers only look."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from vendorwatch.alternatives.models import OfferRequest
from vendorwatch.alternatives.tests.factory import make_requirement

pytestmark = pytest.mark.django_db


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def make_request(**fields: object) -> OfferRequest:
    fields.setdefault("title", "IT-Betreuung ab 2027")
    fields.setdefault("deadline", date(2027, 1, 15))
    return OfferRequest.objects.create(**fields)


def test_a_request_is_created_with_its_deadline_and_author(editor) -> None:
    response = logged_in(editor).post(
        "/alternatives/requests/new/",
        {"title": "IT-Betreuung ab 2027", "deadline": "15.01.2027", "contact_name": "Frau Huber"},
    )
    offer_request = OfferRequest.objects.get()
    assert response["Location"] == f"/alternatives/requests/{offer_request.pk}/"
    assert offer_request.deadline == date(2027, 1, 15)
    assert offer_request.created_by == editor


def test_a_deadline_in_the_year_9999_is_refused_next_to_the_field(editor) -> None:
    response = logged_in(editor).post(
        "/alternatives/requests/new/", {"title": "X", "deadline": "31.12.9999"}
    )
    assert response.status_code == 200
    assert 'id="id_deadline_error"' in response.content.decode()
    assert not OfferRequest.objects.exists()


def test_an_introduction_of_10000_characters_is_refused(editor) -> None:
    response = logged_in(editor).post(
        "/alternatives/requests/new/",
        {"title": "X", "deadline": "15.01.2027", "introduction": "x" * 10_000},
    )
    assert response.status_code == 200
    assert 'id="id_introduction_error"' in response.content.decode()


def test_the_detail_page_previews_the_document(editor) -> None:
    offer_request = make_request()
    make_requirement(title="Datensicherung", acceptance_criterion="Wiederherstellung getestet")
    page = logged_in(editor).get(f"/alternatives/requests/{offer_request.pk}/").content.decode()
    assert "Wiederherstellung getestet" in page
    assert f"/alternatives/requests/{offer_request.pk}/request-for-offers.pdf" in page


def test_a_request_is_changed_and_deleted(editor) -> None:
    offer_request = make_request()
    client = logged_in(editor)
    client.post(
        f"/alternatives/requests/{offer_request.pk}/edit/",
        {"title": "Neuer Titel", "deadline": "01.02.2027"},
    )
    offer_request.refresh_from_db()
    assert offer_request.title == "Neuer Titel"
    client.post(f"/alternatives/requests/{offer_request.pk}/delete/")
    assert not OfferRequest.objects.exists()


def test_a_viewer_sees_the_request_without_change_buttons_and_gets_403_on_post(viewer) -> None:
    offer_request = make_request()
    client = logged_in(viewer)
    page = client.get(f"/alternatives/requests/{offer_request.pk}/").content.decode()
    assert f"/alternatives/requests/{offer_request.pk}/edit/" not in page
    response = client.post(
        f"/alternatives/requests/{offer_request.pk}/edit/", {"title": "X", "deadline": "01.02.2027"}
    )
    assert response.status_code == 403


def test_the_start_page_lists_open_requests_with_their_deadline(editor) -> None:
    make_request(title="IT-Betreuung ab 2099", deadline=date(2099, 1, 15))
    page = logged_in(editor).get("/alternatives/").content.decode()
    assert "IT-Betreuung ab 2099" in page
    assert "15.01.2099" in page


def test_the_start_page_shows_the_next_steps_when_empty(editor) -> None:
    page = logged_in(editor).get("/alternatives/").content.decode()
    assert "/alternatives/requests/new/" in page
    assert "/alternatives/candidates/new/" in page


def test_the_start_page_leads_with_the_current_providers_scorecard(editor) -> None:
    from vendorwatch.testing.factory import make_provider

    provider = make_provider(name="Brandl IT")
    page = logged_in(editor).get("/alternatives/").content.decode()
    assert f'href="/alternatives/scorecard/{provider.pk}/"' in page
