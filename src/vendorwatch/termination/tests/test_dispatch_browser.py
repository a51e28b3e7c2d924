"""Recording the dispatch and the proof of receipt in Chromium, in German: an e-mail notice is
refused under written form, a registered letter is recorded, the delivery record is uploaded
with the day of receipt, and the termination shows the notice as received. Every page passes
the axe-core check, also with the longest texts."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from vendorwatch.termination.models import Dispatch, Termination, TerminationFile
from vendorwatch.termination.tests.factory import make_letter, make_termination
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page: CheckedPage, name: str = "Speichern") -> None:
    page.submit(page.get_by_role("button", name=name))


def test_record_the_dispatch_and_the_proof_of_receipt(
    page: CheckedPage, editor, settings, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    make_organisation()
    termination = make_termination(created_by=editor)
    letter = make_letter(termination)
    today = timezone.localdate().strftime("%d.%m.%Y")
    login_in_browser(page, editor.username, PASSWORD)

    page.goto(f"/exit/letters/{letter.pk}/dispatch/new/")
    page.get_by_label("E-Mail – kein Nachweis").check()
    submit(page)
    assert "Ihr Vertrag verlangt die Schriftform" in page.content()
    assert not Dispatch.objects.exists()

    page.get_by_label("Einwurf-Einschreiben – mit Zustellnachweis").check()
    page.get_by_label("Versandt am").fill(today)
    page.get_by_label("Sendungsnummer").fill("RR 1234 5678 9DE")
    submit(page)
    assert page.url.endswith(f"/exit/{termination.pk}/")
    assert "Zugang noch nicht nachgewiesen" in page.content()
    dispatch = Dispatch.objects.get()
    assert Termination.objects.get().status == Termination.Status.SENT

    page.goto(f"/exit/dispatches/{dispatch.pk}/edit/")
    page.get_by_label("Eingegangen am").fill(today)
    page.get_by_label("Zustellnachweis").set_input_files(
        {"name": "sendungsverfolgung.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}
    )
    submit(page)
    assert f"Kündigung eingegangen am {today}" in page.content()
    assert Termination.objects.get().status == Termination.Status.RECEIVED
    record = TerminationFile.objects.get()
    assert page.locator(f'a[href="/exit/files/{record.pk}/"]').count() >= 1

    page.goto(f"/exit/files/{record.pk}/delete/")
    page.goto(f"/exit/dispatches/{dispatch.pk}/delete/")


def test_the_pages_keep_their_width_with_the_longest_texts(page: CheckedPage, editor) -> None:
    make_organisation()
    termination = make_termination()
    letter = make_letter(termination, subject="B" * 300)
    dispatch = Dispatch.objects.create(
        letter=letter,
        channel="registered",
        sent_on=timezone.localdate(),
        tracking_number="T" * 100,
        notes="N" * 5_000,
    )
    login_in_browser(page, editor.username, PASSWORD)
    page.goto(f"/exit/letters/{letter.pk}/dispatch/new/")
    page.goto(f"/exit/dispatches/{dispatch.pk}/edit/")
    page.goto(f"/exit/dispatches/{dispatch.pk}/delete/")
    page.goto(f"/exit/{termination.pk}/")
    page.goto(f"/contracts/{termination.contract_id}/")
