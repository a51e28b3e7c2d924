"""The comparison as a PDF for the managing director: the recommendation, the total costs
and the decision, as text that can be found in the document."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from vendorwatch.alternatives.tests.test_comparison_scores import two_offers

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())


def download(user: Any, pk: int) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(reverse("alternatives-comparison-pdf", args=[pk]))


def test_the_pdf_names_the_winner_and_the_total_costs(viewer: Any) -> None:
    comparison, _a, _b = two_offers()
    response = download(viewer, comparison.pk)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response.content)
    assert "Empfehlung: Beta Systemhaus: Angebot Beta (89 von 100)" in text
    assert "28.800,00 €" in text and "39.100,00 €" in text
    assert "Wechselkosten" in text and "Restkosten des laufenden Vertrags" in text


def test_the_pdf_carries_the_decision_and_the_excluded_offer_with_its_reason(
    editor: Any,
) -> None:
    comparison, a, b = two_offers()
    a.answers.filter(requirement__priority="must").update(answer="no")
    comparison.decided_offer = b
    comparison.decision_reason = "Günstiger und erfüllt alle Anforderungen"
    comparison.decided_by = editor
    comparison.save()
    text = pdf_text(download(editor, comparison.pk).content)
    assert "Erfüllt die Muss-Anforderung „Datensicherung täglich“ nicht." in text
    assert "Günstiger und erfüllt alle Anforderungen" in text
