"""Offers: terms with clear messages for absurd values, prices per service, answers per
requirement, and stored offers with absurd values that still render."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from vendorwatch.alternatives.models import Offer, OfferAnswer, OfferPrice
from vendorwatch.alternatives.tests.factory import (
    add_answer,
    add_price,
    make_candidate,
    make_needed_service,
    make_offer,
    make_requirement,
)
from vendorwatch.testing.factory import longest_text

pytestmark = pytest.mark.django_db


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def offer_data(provider_pk: int, **changes: Any) -> dict[str, Any]:
    data = {
        "provider": provider_pk,
        "title": "Angebot 2026-114",
        "received_on": "20.11.2026",
        "minimum_term_months": "24",
        "notice_months": "3",
        "data_location": "de",
        "migration_cost": "2.500,00",
        "parallel_run_months": "1",
        "internal_effort_hours": "10",
        "reference_count": "3",
    }
    data.update(changes)
    return data


def error_of(response: Any, field: str) -> str:
    page = response.content.decode()
    start = page.index(f'id="id_{field}_error"')
    return page[start : page.index("</ul>", start)]


def test_an_offer_is_created_for_a_candidate_and_goes_on_to_its_prices(editor) -> None:
    candidate = make_candidate()
    response = logged_in(editor).post("/alternatives/offers/new/", offer_data(candidate.pk))
    offer = Offer.objects.get()
    assert response["Location"] == f"/alternatives/offers/{offer.pk}/prices/"
    assert offer.migration_cost == Decimal("2500.00")
    assert offer.provider == candidate


def test_the_address_chooses_the_provider_of_a_new_offer(editor) -> None:
    candidate = make_candidate()
    page = logged_in(editor).get(f"/alternatives/offers/new/?provider={candidate.pk}")
    assert f'<option value="{candidate.pk}" selected>' in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("minimum_term_months", "0", "between 1 and 120 months"),
        ("minimum_term_months", "121", "between 1 and 120 months"),
        ("notice_months", "37", "between 0 and 36 months"),
        ("migration_cost", "-1", "cannot be negative"),
        ("internal_effort_hours", "-5", "cannot be negative"),
        ("response_hours", "-1", "cannot be negative"),
        ("availability_percent", "100,5", "between 0 and 100"),
        ("received_on", "01.01.9999", "between"),
        ("references", "x" * 10_000, "5000"),
    ],
)
def test_absurd_offer_values_get_a_clear_message_next_to_the_field(
    editor, field: str, value: str, expected: str
) -> None:
    client = Client()
    client.force_login(editor)
    client.cookies["vendorwatch_language"] = "en"
    candidate = make_candidate()
    response = client.post("/alternatives/offers/new/", offer_data(candidate.pk, **{field: value}))
    assert response.status_code == 200
    assert expected in error_of(response, field).replace(",", "").replace(".", "")
    assert not Offer.objects.exists()


def test_an_offer_is_changed(editor) -> None:
    offer = make_offer()
    logged_in(editor).post(
        f"/alternatives/offers/{offer.pk}/edit/",
        offer_data(offer.provider_id, minimum_term_months="36"),
    )
    offer.refresh_from_db()
    assert offer.minimum_term_months == 36


def test_editing_with_a_term_of_500_months_keeps_the_stored_term(editor) -> None:
    offer = make_offer()
    response = logged_in(editor).post(
        f"/alternatives/offers/{offer.pk}/edit/",
        offer_data(offer.provider_id, minimum_term_months="500"),
    )
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.minimum_term_months == 24


def test_prices_are_saved_per_needed_service(editor) -> None:
    offer = make_offer()
    service = make_needed_service(name="Arbeitsplatzbetreuung")
    logged_in(editor).post(
        f"/alternatives/offers/{offer.pk}/prices/",
        {f"one_off_{service.pk}": "1.200,00", f"monthly_{service.pk}": "1.234,50"},
    )
    price = OfferPrice.objects.get()
    assert (price.one_off, price.monthly) == (Decimal("1200.00"), Decimal("1234.50"))


def test_a_negative_price_is_refused_with_a_message(editor) -> None:
    offer = make_offer()
    service = make_needed_service()
    response = logged_in(editor).post(
        f"/alternatives/offers/{offer.pk}/prices/",
        {f"one_off_{service.pk}": "0", f"monthly_{service.pk}": "-10,00"},
    )
    assert response.status_code == 200
    assert f'id="id_monthly_{service.pk}_error"' in response.content.decode()
    assert not OfferPrice.objects.exists()


def test_emptying_both_prices_removes_the_service_from_the_offer(editor) -> None:
    offer = make_offer()
    service = make_needed_service()
    add_price(offer, service, monthly="10")
    logged_in(editor).post(
        f"/alternatives/offers/{offer.pk}/prices/",
        {f"one_off_{service.pk}": "", f"monthly_{service.pk}": ""},
    )
    assert not OfferPrice.objects.exists()


def test_answers_are_saved_per_requirement(editor) -> None:
    offer = make_offer()
    backup = make_requirement(title="Datensicherung")
    hotline = make_requirement(title="Hotline", priority="should")
    logged_in(editor).post(
        f"/alternatives/offers/{offer.pk}/answers/",
        {
            f"answer_{backup.pk}": "partly",
            f"note_{backup.pk}": "nur wöchentlich",
            f"answer_{hotline.pk}": "",
            f"note_{hotline.pk}": "",
        },
    )
    answer = OfferAnswer.objects.get()
    assert (answer.requirement, answer.answer, answer.note) == (backup, "partly", "nur wöchentlich")


def test_the_answers_page_marks_must_requirements(editor) -> None:
    offer = make_offer()
    make_requirement(title="Datensicherung", priority="must")
    page = logged_in(editor).get(f"/alternatives/offers/{offer.pk}/answers/").content.decode()
    assert "Muss-Anforderung" in page


def test_the_detail_page_counts_the_fulfilled_must_requirements(editor) -> None:
    offer = make_offer()
    add_answer(offer, make_requirement(), "yes")
    add_answer(offer, make_requirement(), "no")
    client = logged_in(editor)
    client.cookies["vendorwatch_language"] = "en"
    page = client.get(f"/alternatives/offers/{offer.pk}/").content.decode()
    assert "1 of 2 must-requirements fulfilled." in page


def test_a_stored_offer_with_absurd_values_renders_on_the_list_and_detail(editor) -> None:
    candidate = make_candidate(name="Kaiser IT")
    offer = make_offer(
        candidate,
        title=longest_text(Offer, "title"),
        received_on=date(9999, 12, 31),
        valid_until=date(9999, 12, 31),
        references=longest_text(Offer, "references"),
        certificates=longest_text(Offer, "certificates"),
        notes=longest_text(Offer, "notes"),
        migration_cost=Decimal("9999999999.99"),
    )
    add_price(offer, make_needed_service(), monthly="9999999999.99")
    answer = add_answer(offer, make_requirement(), "no")
    OfferAnswer.objects.filter(pk=answer.pk).update(note=longest_text(OfferAnswer, "note"))
    client = logged_in(editor)
    assert client.get("/alternatives/candidates/").status_code == 200
    assert client.get("/alternatives/").status_code == 200
    detail = client.get(f"/alternatives/offers/{offer.pk}/")
    assert detail.status_code == 200
    assert "31.12.9999" in detail.content.decode()
    if connection.vendor == "sqlite":
        assert "x" * 10_000 not in detail.content.decode()


def test_a_viewer_sees_an_offer_without_change_buttons_and_gets_403_on_post(viewer) -> None:
    offer = make_offer()
    client = logged_in(viewer)
    page = client.get(f"/alternatives/offers/{offer.pk}/").content.decode()
    assert f"/alternatives/offers/{offer.pk}/edit/" not in page
    assert f"/alternatives/offers/{offer.pk}/prices/" not in page
    assert client.post(f"/alternatives/offers/{offer.pk}/prices/", {}).status_code == 403
    assert client.post(f"/alternatives/offers/{offer.pk}/delete/").status_code == 403
    assert Offer.objects.exists()
