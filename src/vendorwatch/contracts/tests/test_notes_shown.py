"""Notes typed into a form appear on the record's page, with their line breaks, and a long
word wraps instead of widening the page."""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import ContractReview
from vendorwatch.contracts.tests.factory import make_contract, make_invoice

pytestmark = pytest.mark.django_db

NOTES = "Sonderkündigungsrecht bei Umzug\nAnsprechpartner: Herr Brandl"


def test_contract_notes_are_shown_with_their_line_breaks(client: Client, viewer) -> None:
    contract = make_contract(notes=NOTES)
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert (
        '<p class="notes">Sonderkündigungsrecht bei Umzug<br>Ansprechpartner: Herr Brandl</p>'
        in text
    )


def test_a_contract_without_notes_has_no_empty_notes_section(client: Client, viewer) -> None:
    contract = make_contract()
    client.force_login(viewer)
    assert (
        'id="notes-heading"' not in client.get(reverse("contracts-detail", args=[contract.pk])).text
    )


def test_notes_are_escaped(client: Client, viewer) -> None:
    contract = make_contract(notes="<script>alert(1)</script>")
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_invoice_notes_are_shown(client: Client, viewer) -> None:
    invoice = make_invoice(make_contract(), notes="Gutschrift angefragt\nam 05.03.2026")
    client.force_login(viewer)
    text = client.get(reverse("contracts-invoice-detail", args=[invoice.pk])).text
    assert '<p class="notes">Gutschrift angefragt<br>am 05.03.2026</p>' in text


def test_the_review_summary_is_shown_under_its_heading(client: Client, viewer) -> None:
    review = ContractReview.objects.create(
        contract=make_contract(),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        reviewed_on=date(2026, 4, 2),
        rating=3,
        outcome="continue",
        summary="Reaktionszeiten besser\nBackup-Test fehlt",
    )
    client.force_login(viewer)
    text = client.get(reverse("contracts-review-detail", args=[review.pk])).text
    assert "Zusammenfassung und Notizen" in text
    assert '<p class="notes">Reaktionszeiten besser<br>Backup-Test fehlt</p>' in text


def test_long_words_in_notes_wrap() -> None:
    path = finders.find("contracts/contracts.css")
    assert isinstance(path, str)
    assert ".notes { overflow-wrap: anywhere; }" in Path(path).read_text()
