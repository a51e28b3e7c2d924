"""The request for offers as PDF and DOCX: the same content, in the document language."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import docx
import pypdf
import pytest
from django.test import Client

from vendorwatch.alternatives.models import OfferRequest
from vendorwatch.alternatives.tests.factory import make_needed_service, make_requirement
from vendorwatch.organisation.models import Organisation
from vendorwatch.sla.tests.factory import make_calendar, make_policy
from vendorwatch.testing.factory import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer_request() -> OfferRequest:
    make_requirement(
        title="Datensicherung",
        priority="must",
        acceptance_criterion="Wiederherstellung vierteljährlich getestet",
    )
    make_requirement(title="Schulungen", priority="could", acceptance_criterion="Termin im Jahr")
    make_needed_service(
        name="Arbeitsplatzbetreuung",
        quantity=Decimal("28"),
        unit="Arbeitsplätze",
        calendar=make_calendar(name="Bürozeiten"),
        availability_target=Decimal("99.5"),
    )
    return OfferRequest.objects.create(
        title="IT-Betreuung ab 2027",
        deadline=date(2027, 1, 15),
        contact_email="huber@example.com",
        sla_policy=make_policy(name="Wunsch-SLA"),
    )


def download(user: object, offer_request: OfferRequest, extension: str) -> bytes:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    response = client.get(
        f"/alternatives/requests/{offer_request.pk}/request-for-offers.{extension}"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def test_the_pdf_holds_a_must_criterion_a_service_with_quantity_and_the_deadline(
    viewer, offer_request: OfferRequest
) -> None:
    content = download(viewer, offer_request, "pdf")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Wiederherstellung vierteljährlich getestet" in text
    assert "Muss" in text
    assert "Arbeitsplatzbetreuung" in text
    assert "28 Arbeitsplätze" in text
    assert "15.01.2027" in text


def test_the_docx_holds_the_same(viewer, offer_request: OfferRequest) -> None:
    text = docx_text(download(viewer, offer_request, "docx"))
    assert "Wiederherstellung vierteljährlich getestet" in text
    assert "Muss" in text
    assert "28 Arbeitsplätze" in text
    assert "Bürozeiten" in text
    assert "15.01.2027" in text
    assert "huber@example.com" in text


def test_the_docx_lists_the_response_times_wanted(viewer, offer_request: OfferRequest) -> None:
    text = docx_text(download(viewer, offer_request, "docx"))
    assert "P1 Kritisch" in text


def test_the_document_is_in_english_when_the_document_language_is_english(
    viewer, offer_request: OfferRequest
) -> None:
    organisation = Organisation.load() or make_organisation()
    Organisation.objects.filter(pk=organisation.pk).update(document_language="en")
    text = docx_text(download(viewer, offer_request, "docx"))
    assert "Request for offers" in text
    assert "Must (mandatory)" in text
    assert "Angebotsanfrage" not in text
    assert "Request for offers" in pdf_text(download(viewer, offer_request, "pdf"))


def test_the_document_is_in_german_by_default(viewer, offer_request: OfferRequest) -> None:
    text = docx_text(download(viewer, offer_request, "docx"))
    assert "Angebotsanfrage" in text
