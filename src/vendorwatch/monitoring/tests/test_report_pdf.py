"""The report as PDF: the compliance figures are real text in it, the chart is embedded."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from django.test import Client

from vendorwatch.contracts.models import Contract
from vendorwatch.monitoring import report_pdf
from vendorwatch.monitoring.tests.report_factory import make_setup, make_ticket

pytestmark = pytest.mark.django_db

MET = {"response_met": True, "resolved": "2026-11-20 10:00", "resolution_met": True}


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("-\n", "").split())


@pytest.fixture
def provider() -> Any:
    provider, policy, job = make_setup()
    Contract.objects.create(
        provider=provider,
        title="IT-Betreuung",
        start_date=date(2026, 1, 1),
        fee=Decimal("1200"),
        sla_policy=policy,
    )
    make_ticket(job, "2026-11-02 09:00", 1, ticket_id="A-1", **MET)
    make_ticket(job, "2026-11-03 09:00", 1, ticket_id="A-2", **MET)
    make_ticket(job, "2026-11-04 09:00", 2, ticket_id="A-3", **(MET | {"response_met": False}))
    return provider


def download(user: Any, provider: Any, query: str = "?from=01.11.2026&to=30.11.2026") -> bytes:
    client = Client()
    client.force_login(user)
    response = client.get(f"/reports/{provider.pk}/pdf/{query}")
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_pdf_holds_the_compliance_figures_as_text(provider: Any, viewer: Any) -> None:
    text = pdf_text(download(viewer, provider))
    assert "66,67 %" in text  # response: 2 of 3
    assert "100,00 %" in text  # resolution: 3 of 3
    assert "P1 Kritisch" in text and "A-3" in text


def test_the_pdf_shows_the_credit_computation(provider: Any, viewer: Any) -> None:
    text = pdf_text(download(viewer, provider))
    assert "1.200,00 €" in text and "60,00 €" in text


def test_the_pdf_embeds_the_chart(provider: Any, viewer: Any) -> None:
    reader = pypdf.PdfReader(io.BytesIO(download(viewer, provider)))
    assert any("/XObject" in page["/Resources"] for page in reader.pages)


def test_the_pdf_lists_a_capped_number_of_tickets_and_counts_the_rest(
    provider: Any, viewer: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(report_pdf.figures, "PDF_ROWS", 2)
    job = provider.ticket_imports.get()
    for day in (5, 6, 7):
        make_ticket(job, f"2026-11-0{day} 09:00", response_met=False)
    text = pdf_text(download(viewer, provider))
    assert "… und 2 weitere Tickets" in text


def test_a_huge_title_and_the_year_9999_do_not_break_the_pdf(provider: Any, viewer: Any) -> None:
    job = provider.ticket_imports.get()
    far = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    make_ticket(
        job,
        "2026-11-10 09:00",
        title="X" * 300,
        response_met=False,
        resolved=far,
        resolution_due=far,
        resolution_met=False,
        provider_met=True,
        disagrees=True,
    )
    assert "31.12.9999 23:59 UTC" in pdf_text(download(viewer, provider))
