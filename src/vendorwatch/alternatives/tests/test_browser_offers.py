"""Step 5 in a real browser, in German: write a request for offers and download it as PDF
and DOCX, add a candidate, and enter its offer with prices and answers. Every page is
checked with axe-core (CheckedPage)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import docx
import pypdf
import pytest
from playwright.sync_api import expect

from vendorwatch.alternatives.models import Offer, OfferAnswer, OfferPrice, OfferRequest
from vendorwatch.alternatives.tests.factory import make_needed_service, make_requirement
from vendorwatch.providers.models import Provider
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def follow(page: CheckedPage, target: Any) -> None:
    with page.expect_navigation():
        target.click()
    page.check()


def test_request_download_candidate_and_offer_with_prices_and_answers(
    page: CheckedPage, editor
) -> None:
    backup = make_requirement(
        title="Datensicherung", acceptance_criterion="Wiederherstellung vierteljährlich getestet"
    )
    service = make_needed_service(name="Arbeitsplatzbetreuung", quantity=Decimal("28"))

    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/alternatives/")
    follow(page, page.get_by_role("button", name="Neue Angebotsanfrage"))
    page.locator("#id_title").fill("IT-Betreuung ab 2027")
    page.locator("#id_deadline").fill("15.01.2027")
    page.locator("#id_contact_email").fill("huber@example.com")
    page.submit(page.get_by_role("button", name="Speichern"))
    offer_request = OfferRequest.objects.get()
    assert page.url.endswith(f"/alternatives/requests/{offer_request.pk}/")

    with page.expect_download() as pdf:
        page.get_by_role("button", name="Als PDF herunterladen").click()
    reader = pypdf.PdfReader(io.BytesIO(pdf.value.path().read_bytes()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Wiederherstellung vierteljährlich getestet" in text
    assert "15.01.2027" in text

    with page.expect_download() as word:
        page.get_by_role("button", name="Als Word-Datei (DOCX) herunterladen").click()
    document = docx.Document(io.BytesIO(word.value.path().read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Arbeitsplatzbetreuung" in cells

    page.goto("/alternatives/candidates/")
    follow(page, page.get_by_role("button", name="Ersten möglichen Dienstleister anlegen"))
    page.locator("#id_name").fill("Kaiser IT")
    page.locator("#id_notes").fill("Erstgespräch war gut.")
    page.submit(page.get_by_role("button", name="Speichern"))
    candidate = Provider.objects.get(name="Kaiser IT")
    assert candidate.status == Provider.Status.CANDIDATE

    follow(page, page.locator(f'a[href="/alternatives/offers/new/?provider={candidate.pk}"]'))
    page.locator("#id_request").select_option(str(offer_request.pk))
    page.locator("#id_title").fill("Angebot 2026-114")
    page.locator("#id_minimum_term_months").fill("500")
    page.submit(page.get_by_role("button", name="Speichern"))
    expect(page.locator("#id_minimum_term_months_error")).to_contain_text("120 Monaten")
    page.locator("#id_minimum_term_months").fill("24")
    page.submit(page.get_by_role("button", name="Speichern"))
    offer = Offer.objects.get()
    assert page.url.endswith(f"/alternatives/offers/{offer.pk}/prices/")

    page.locator(f"#id_monthly_{service.pk}").fill("-5")
    page.submit(page.get_by_role("button", name="Speichern"))
    expect(page.locator(f"#id_monthly_{service.pk}_error")).to_contain_text("nicht negativ")
    page.locator(f"#id_one_off_{service.pk}").fill("1.200,00")
    page.locator(f"#id_monthly_{service.pk}").fill("1.234,50")
    page.submit(page.get_by_role("button", name="Speichern"))
    assert OfferPrice.objects.get().monthly == Decimal("1234.50")
    expect(page.locator("main")).to_contain_text("1.234,50 €")

    follow(page, page.get_by_role("button", name="Antworten auf die Anforderungen erfassen"))
    expect(page.locator("main")).to_contain_text("Muss-Anforderung")
    page.locator(f"#id_answer_{backup.pk}").select_option("partly")
    page.locator(f"#id_note_{backup.pk}").fill("nur wöchentlich")
    page.submit(page.get_by_role("button", name="Speichern"))
    answer = OfferAnswer.objects.get()
    assert (answer.answer, answer.note) == ("partly", "nur wöchentlich")

    page.set_viewport_size({"width": 375, "height": 740})
    for path in (
        "/alternatives/",
        "/alternatives/candidates/",
        f"/alternatives/offers/{offer.pk}/",
    ):
        page.goto(path)
