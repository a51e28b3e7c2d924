from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import ContractReview, FollowUp
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice, make_service

pytestmark = pytest.mark.django_db


def review_data(service_pk: int, **overrides: str) -> dict[str, str]:
    data = {
        "period_start": "01.01.2026",
        "period_end": "31.03.2026",
        "reviewed_on": "02.04.2026",
        "rating": "4",
        "outcome": "renegotiate",
        f"service-{service_pk}-delivered": "partly",
        f"service-{service_pk}-evidence": "",
    }
    data.update(overrides)
    return data


def test_the_form_prefills_cost_deviations_as_evidence(client: Client, editor) -> None:
    contract = make_contract(start_date=date(2020, 1, 1))
    service = make_service(contract, "45.00")
    add_line(make_invoice(contract, invoice_date=date.today()), service, "50.00")
    client.force_login(editor)
    text = client.get(reverse("contracts-review-add", args=[contract.pk])).text
    assert "RE-1" in text


def test_the_review_shows_what_the_problem_log_says(client: Client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    client.cookies["vendorwatch_language"] = "en"
    text = client.get(reverse("contracts-review-add", args=[contract.pk])).text
    assert "Problems in the period" in text
    assert "SLA breaches" in text


def test_a_renegotiate_outcome_creates_follow_ups(client: Client, editor) -> None:
    contract = make_contract()
    service = make_service(contract)
    client.force_login(editor)
    client.post(reverse("contracts-review-add", args=[contract.pk]), review_data(service.pk))
    review = ContractReview.objects.get()
    assert review.findings.get().delivered == "partly"
    assert FollowUp.objects.filter(review=review).count() >= 2


def test_a_follow_up_can_be_marked_done(client: Client, editor) -> None:
    contract = make_contract()
    item = FollowUp.objects.create(contract=contract, text="Termin")
    client.force_login(editor)
    client.post(reverse("contracts-followup-toggle", args=[item.pk]))
    item.refresh_from_db()
    assert item.done


def test_a_viewer_cannot_record_a_review(client: Client, viewer) -> None:
    contract = make_contract()
    service = make_service(contract)
    client.force_login(viewer)
    url = reverse("contracts-review-add", args=[contract.pk])
    assert client.post(url, review_data(service.pk)).status_code == 403
    assert not ContractReview.objects.exists()
