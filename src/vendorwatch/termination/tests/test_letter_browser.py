"""A warning letter in Chromium: written from the draft, saved, read as e-mail text, downloaded
as PDF with the deadline, the contract number and the provider's address in it; every page
passes the accessibility check, in German and in English."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination.letters import day_text
from vendorwatch.termination.models import Letter, Termination
from vendorwatch.termination.tests.factory import make_termination
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_organisation, make_provider

from .test_letter_pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_warning_letter_is_written_saved_and_downloaded(page: CheckedPage, editor) -> None:
    make_organisation(name="Müller Metallbau GmbH", street="Industriestraße 12", city="Augsburg")
    provider = make_provider(
        name="Brandl IT GmbH", street="Hauptstraße 1", postcode="80331", city="München"
    )
    contract = make_contract(provider=provider, number="V-2024-17", title="Managed Services")
    termination = make_termination(
        contract,
        kind=Termination.Kind.FOR_CAUSE,
        reason="Der Server fällt seit dem 03.08. jede Woche aus.",
        learned_on=date(2026, 8, 3),
    )
    deadline = day_text(timezone.localdate() + timedelta(days=14))
    login_in_browser(page, editor.username, PASSWORD)

    page.goto(f"/exit/{termination.pk}/letters/new/warning/")
    expect(page.locator("#id_body")).to_contain_text(f"bis spätestens zum {deadline}")
    expect(page.locator("#id_remedy_deadline")).to_have_value(deadline)
    page.submit(page.get_by_role("button", name="Speichern"))
    letter = Letter.objects.get()
    expect(page.locator("#letter-text")).to_contain_text("Mit freundlichen Grüßen")
    expect(page.get_by_text("Eine E-Mail oder ein Fax genügt nicht.")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="PDF herunterladen").click()
    text = pdf_text(download.value.path().read_bytes())
    for part in (deadline, "V-2024-17", "Hauptstraße 1", "80331 München", "Abmahnung"):
        assert part in text

    # The same pages in English: the letter itself stays in the document language.
    page.submit(page.get_by_role("button", name="English"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Warning letter (Abmahnung)")
    page.goto(f"/exit/letters/{letter.pk}/edit/")
    expect(page.locator("#id_body")).to_contain_text("hiermit mahnen wir Sie")
    page.goto(f"/exit/letters/{letter.pk}/delete/")
