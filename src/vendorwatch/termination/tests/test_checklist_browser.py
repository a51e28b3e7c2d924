"""The exit checklist in Chromium, in German: every page passes the accessibility check; an
item is marked done with a note and a file, one is added and changed, one deleted, the PDF
holds the due dates."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from vendorwatch.contracts.tests.factory import make_contract, make_service
from vendorwatch.termination.models import ExitTask
from vendorwatch.termination.services import termination_plan, termination_start
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_checklist_is_worked_through_in_the_browser(
    page: CheckedPage, editor, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    make_organisation(name="Müller Metallbau GmbH")
    contract = make_contract(title="IT-Betreuung", number="V-2025-17", avv_present=True)
    make_service(contract, name="E-Mail-Hosting")
    termination = termination_start(contract=contract, kind="ordinary", user=editor)
    end = termination_plan(termination).contract_end
    assert end is not None
    login_in_browser(page, editor.username, PASSWORD)

    page.goto(f"/exit/{termination.pk}/checklist/")
    expect(page.locator("main")).to_contain_text("0 von 13 Punkten erledigt")
    expect(page.locator("main")).to_contain_text(f"Vertragsende am {end:%d.%m.%Y}")
    expect(page.locator("main")).to_contain_text("„E-Mail-Hosting“ übergeben")

    # Mark the credentials handed over, with a note and the handover record.
    task = ExitTask.objects.get(source_key="credentials-handover")
    page.locator(f"#task-{task.pk}").get_by_role("link", name="Als erledigt markieren").click()
    page.check()
    page.get_by_label("Nachweis (Notiz)").fill("Im Passwortmanager, Ordner Brandl")
    page.get_by_label("Datei als Nachweis").set_input_files(
        files=[{"name": "protokoll.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    page.submit(page.get_by_role("button", name="Als erledigt markieren"))
    row = page.locator(f"#task-{task.pk}")
    expect(row).to_contain_text("Erledigt am")
    expect(row).to_contain_text("protokoll.pdf")
    expect(page.locator("main")).to_contain_text("1 von 13 Punkten erledigt")

    # Add an item of our own, then change it.
    page.get_by_role("button", name="Punkt hinzufügen").click()
    page.check()
    page.get_by_label("Was ist zu tun?").fill("Schlüssel des Serverraums zurückholen")
    page.get_by_label("Bereich").select_option("hardware")
    page.submit(page.get_by_role("button", name="Speichern"))
    added = ExitTask.objects.get(title="Schlüssel des Serverraums zurückholen")
    expect(page.locator(f"#task-{added.pk}")).to_contain_text(f"{end:%d.%m.%Y}")
    page.locator(f"#task-{added.pk}").get_by_role("link", name="Bearbeiten").click()
    page.check()
    page.get_by_label("Was ist zu tun?").fill("Schlüssel zurückholen")
    page.submit(page.get_by_role("button", name="Speichern"))
    expect(page.locator(f"#task-{added.pk}")).to_contain_text("Schlüssel zurückholen")

    # Delete it again, after confirming.
    page.locator(f"#task-{added.pk}").get_by_role("link", name="Löschen").click()
    page.check()
    page.submit(page.get_by_role("button", name="Löschen"))
    assert not ExitTask.objects.filter(pk=added.pk).exists()

    # Reopen the done item.
    page.submit(page.locator(f"#task-{task.pk}").get_by_role("button", name="Wieder öffnen"))
    expect(page.locator("main")).to_contain_text("0 von 13 Punkten erledigt")

    # The PDF holds the items with their due dates.
    with page.expect_download() as download:
        page.get_by_role("button", name="Als PDF herunterladen").click()
    reader = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Test-Wiederherstellung" in text
    assert f"{task.due_date(end):%d.%m.%Y}" in text
