"""Step 1 in a real browser: provider and contacts, requirements, services, RACI, PDF."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from vendorwatch.expectations.models import Party, Task
from vendorwatch.providers.models import Provider
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_a_provider_with_two_contacts(page: CheckedPage, editor) -> None:
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/providers/new/")
    page.get_by_label("Name").fill("Brandl IT-Systemhaus GmbH")
    page.get_by_role("button", name="Speichern").click()
    page.check()
    page.get_by_role("link", name="Brandl IT-Systemhaus GmbH").click()
    page.check()
    for name, level in (("Servicedesk", "1"), ("Petra Lang", "2")):
        page.get_by_role("button", name="Ansprechpartner hinzufügen").click()
        page.check()
        page.get_by_label("Name").fill(name)
        page.get_by_label("Eskalationsstufe").fill(level)
        page.get_by_role("button", name="Speichern").click()
        page.check()
    expect(page.get_by_role("cell", name="Petra Lang", exact=True)).to_be_visible()
    assert Provider.objects.get().contacts.count() == 2


def test_add_requirements_from_the_starter_set(page: CheckedPage, editor) -> None:
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/requirements/starter/")
    page.get_by_label("Wiederherstellung regelmäßig getestet").check()
    page.get_by_label("Fester Ansprechpartner").check()
    page.get_by_role("button", name="Ausgewählte hinzufügen").click()
    page.check()
    expect(page.get_by_text("2 Anforderungen wurden hinzugefügt.")).to_be_visible()
    expect(page.get_by_text("Fester Ansprechpartner", exact=True)).to_be_visible()


def test_a_needed_service_without_contract_shows_as_a_gap(page: CheckedPage, editor) -> None:
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/services/new/")
    page.get_by_label("Name").fill("Sicherheitsschulung")
    page.get_by_label("Benötigt").check()
    page.get_by_role("button", name="Speichern").click()
    page.check()
    expect(page.get_by_text("Lücke: benötigt, nicht vertraglich vereinbart")).to_be_visible()


def test_a_raci_cell_updates_the_check_without_reloading(page: CheckedPage, editor) -> None:
    task = Task.objects.create(title="Datensicherung prüfen")
    Party.objects.create(name="Büroleitung", side="internal")
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/responsibilities/")
    checks = page.locator("#raci-checks")
    expect(checks).to_contain_text("braucht genau ein A")
    page.evaluate("window.notReloaded = true")
    page.get_by_label(f"{task.title} – Büroleitung").select_option("A")
    expect(checks).not_to_contain_text("braucht genau ein A")
    expect(checks).to_contain_text("niemanden mit R")
    assert page.evaluate("window.notReloaded") is True
    page.check()


def test_download_the_expectations_pdf_with_the_requirement_titles(
    page: CheckedPage, editor
) -> None:
    make_organisation(name="Müller Metallbau GmbH")
    Provider.objects.create(name="Brandl IT-Systemhaus GmbH")
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/requirements/starter/")
    page.get_by_label("Vertrag zur Auftragsverarbeitung (AVV)").check()
    page.get_by_label("Tägliche Datensicherung aller Server und Cloud-Daten").check()
    page.get_by_role("button", name="Ausgewählte hinzufügen").click()
    page.check()
    page.goto("/expectations/document/")
    page.get_by_role("link", name="Dokument für Brandl IT-Systemhaus GmbH").click()
    page.check()
    page.get_by_role("button", name="PDF erstellen").click()
    page.check()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Version 1").click()
    pdf = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    # A line may break after the hyphen of "Cloud-Daten"; the hyphen is the word's own.
    text = text.replace("-\n", "-").replace("\n", " ")
    assert "Vertrag zur Auftragsverarbeitung (AVV)" in text
    assert "Tägliche Datensicherung aller Server und Cloud-Daten" in text
    assert "Für Brandl IT-Systemhaus GmbH" in text
