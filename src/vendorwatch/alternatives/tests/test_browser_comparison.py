"""The weighted comparison in Chromium, in German: two offers and one that fails a must
requirement; a change of the weights re-ranks the offers and redraws the chart in place,
without loading the page; the PDF for the managing director names the new winner and the
total costs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect
from pypdf import PdfReader

from vendorwatch.alternatives.tests.factory import add_answer, make_offer
from vendorwatch.alternatives.tests.test_comparison_scores import two_offers
from vendorwatch.expectations.models import Requirement
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())


def test_a_changed_weight_reranks_in_place_and_the_pdf_names_the_new_winner(
    page: CheckedPage, editor
) -> None:
    with translation.override("de"):
        comparison, _alpha, _beta = two_offers()
    gamma = make_offer(make_provider(name="Gamma GmbH", status="candidate"), title="Angebot Gamma")
    add_answer(gamma, Requirement.objects.get(title="Datensicherung täglich"), "no")
    comparison.offers.add(gamma)
    login_in_browser(page, editor.username, PASSWORD)

    page.goto(f"/alternatives/comparisons/{comparison.pk}/")
    recommendation = page.locator("#recommendation")
    expect(recommendation).to_have_text("Empfehlung: Beta Systemhaus: Angebot Beta (89 von 100)")
    expect(page.locator("#excluded")).to_contain_text(
        "Gamma GmbH: Angebot Gamma: Erfüllt die Muss-Anforderung „Datensicherung täglich“ nicht."
    )
    chart = page.locator("#comparison-result figure img")
    first_chart = chart.get_attribute("src")
    address, loads = page.url, len(page.watch.visited)

    # Lower the price to 5 %: 75 % in all, refused, the ranking stays.
    price = page.get_by_label("Preis (Gesamtkosten)", exact=True)
    price.fill("5")
    price.press("Tab")
    expect(page.locator("#comparison-result")).to_contain_text(
        "Die Gewichte ergeben zusammen 75 %, sie müssen 100 % ergeben."
    )
    expect(recommendation).to_have_text("Empfehlung: Beta Systemhaus: Angebot Beta (89 von 100)")

    # Security up to 35 %: 100 % again, saved, and Alpha wins.
    security = page.get_by_label("Sicherheit und Datenschutz", exact=True)
    security.fill("35")
    security.press("Tab")
    expect(recommendation).to_have_text("Empfehlung: Alpha IT: Angebot Alpha (85,3 von 100)")
    expect(page.locator("#weights-status")).to_contain_text("Die Gewichtung wurde gespeichert.")
    expect(chart).not_to_have_attribute("src", first_chart or "")
    expect(chart).to_have_js_property("complete", True)
    assert chart.evaluate("image => image.naturalWidth") > 0
    assert (page.url, len(page.watch.visited)) == (address, loads), "the page was loaded again"
    expect(page.locator("#ranking tbody tr").first).to_contain_text("Alpha IT")
    expect(page.locator("#ranking")).to_contain_text("ausgeschlossen")
    page.check()
    assert comparison.criteria.get(kind="security").weight == 35

    # The PDF for the managing director.
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF für die Entscheidung").click()
    text = pdf_text(Path(download.value.path()))
    assert "Empfehlung: Alpha IT: Angebot Alpha (85,3 von 100)" in text
    assert "39.100,00 €" in text and "28.800,00 €" in text
    assert "Gesamtkosten über 3 Jahre" in text
