"""Issue acceptance in Chromium, in German, on the demo data: start a termination for the demo
contract, see the right dates, download the letter PDF and find the dates, the contract number
and the provider's address in its text, record the dispatch and the provider's confirmation,
see the exit checklist with due dates. Every page passes the axe-core check (CheckedPage).

Hand-worked dates, seen on Tuesday 01.09.2026 (the company is in Bavaria): the demo contract
started on 01.01.2024 for three years and renews by one year, notice three months to the end
of the term → it can end on 31.12.2026 if the notice is *received* by Wednesday 30.09.2026.
Three postal days before that (the post delivers Monday to Saturday): Tue 29. (1), Mon 28. (2),
Sat 26.09.2026 (3) — the last day to post it. The checklist's knowledge transfer is due 45 days
before the end: 16.11.2026; the handover of admin access 30 days before: 01.12.2026.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from vendorwatch.demo import load_demo
from vendorwatch.termination.models import Dispatch, Termination
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD

from .test_letter_pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_CONTRACT = "IT-Betreuungsvertrag (Managed Services)"


def submit(page: CheckedPage, name: str = "Speichern") -> None:
    page.submit(page.get_by_role("button", name=name))


def test_terminate_the_demo_contract_from_start_to_exit_checklist(
    page: CheckedPage, editor, settings, tmp_path: Any, time_machine
) -> None:
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to("2026-09-01 10:00 +0200")
    load_demo()
    login_in_browser(page, editor.username, PASSWORD)

    # Start from the overview: the demo contract has no termination yet.
    page.goto("/exit/")
    row = page.locator("tr", has_text=DEMO_CONTRACT)
    with page.expect_navigation():
        row.get_by_role("link", name="Kündigung vorbereiten").click()
    page.check()
    main = page.locator("main")
    expect(main).to_contain_text("Ihr Vertrag endet am 31.12.2026")
    expect(main).to_contain_text("bis zum 30.09.2026 beim Dienstleister eingeht")
    expect(main).to_contain_text("Samstag, 26.09.2026")
    expect(main).to_contain_text("Schriftform")
    submit(page, "Kündigung beginnen")
    termination = Termination.objects.get(contract__title=DEMO_CONTRACT)
    assert page.url.endswith(f"/exit/{termination.pk}/")

    # The notice: drafted, saved, downloaded as PDF.
    with page.expect_navigation():
        page.get_by_role("button", name="Kündigung schreiben").click()
    page.check()
    submit(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF herunterladen").click()
    text = pdf_text(download.value.path().read_bytes())
    for part in (
        "31.12.2026",  # the end the notice aims at
        "BR-2023-0815",  # the contract number
        "Brandl IT-Systemhaus GmbH",
        "Am Technologiepark 3",
        "86159 Augsburg",
        "Müller Metallbau GmbH",  # the letterhead
    ):
        assert part in text, part

    # Dispatch: e-mail is refused under written form, the registered letter is recorded.
    with page.expect_navigation():
        page.get_by_role("button", name="Versand erfassen").first.click()
    page.check()
    page.get_by_label("E-Mail – kein Nachweis").check()
    submit(page)
    expect(main).to_contain_text("Ihr Vertrag verlangt die Schriftform")
    assert not Dispatch.objects.filter(letter__termination=termination).exists()
    page.get_by_label("Einwurf-Einschreiben – mit Zustellnachweis").check()
    page.get_by_label("Versandt am").fill("01.09.2026")
    page.get_by_label("Sendungsnummer").fill("RT 1234 5678 9DE")
    submit(page)
    expect(main).to_contain_text("Zugang noch nicht nachgewiesen")

    # Four days later, the provider's confirmation, with the day of receipt.
    time_machine.move_to("2026-09-05 10:00 +0200")
    dispatch = Dispatch.objects.get(letter__termination=termination)
    page.goto(f"/exit/dispatches/{dispatch.pk}/edit/")
    page.get_by_label("Eingegangen am").fill("03.09.2026")
    page.get_by_label("Vom Dienstleister bestätigt am").fill("04.09.2026")
    page.get_by_label("Bestätigung des Dienstleisters").set_input_files(
        {"name": "bestaetigung.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF"}
    )
    submit(page)
    expect(main).to_contain_text("Kündigung eingegangen am 03.09.2026")
    expect(main).to_contain_text("rechtzeitig")
    termination.refresh_from_db()
    assert termination.status == Termination.Status.RECEIVED

    # The contract page says the same.
    page.goto(f"/contracts/{termination.contract_id}/")
    expect(page.locator("#termination-box-heading")).to_be_visible()
    expect(main).to_contain_text("eingegangen am 03.09.2026")

    # The exit checklist, with due dates tied to the end of the contract.
    page.goto(f"/exit/{termination.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Exit-Checkliste öffnen").click()
    page.check()
    expect(main).to_contain_text("31.12.2026")
    expect(main).to_contain_text("16.11.2026")
    expect(main).to_contain_text("01.12.2026")
