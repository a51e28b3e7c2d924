"""The wizard's pages in Chromium, each checked with axe-core and for width: from the overview
to the start page with its dates, start, the termination with its answer, its facts, the
withdrawal, and the dashboard panel; a termination for cause with the longest texts."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.termination.models import Termination
from vendorwatch.termination.tests.factory import make_termination
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, longest_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_ordinary_termination_from_the_overview_to_withdrawal(
    page: CheckedPage, editor, time_machine
) -> None:
    time_machine.move_to("2026-09-01 10:00 +0200")
    nrw()
    contract = make_contract(title="Managed Services", number="MS-2025-17")
    login_in_browser(page, editor.username, PASSWORD)

    page.goto("/exit/")
    with page.expect_navigation():
        page.get_by_role("link", name="Kündigung vorbereiten").click()
    page.check()
    expect(page.locator("main")).to_contain_text(
        "Ihr Vertrag endet am 31.12.2026, wenn die Kündigung bis zum 30.09.2026 beim"
        " Dienstleister eingeht. Geben Sie sie spätestens am Samstag, 26.09.2026 zur Post."
    )
    page.locator("details.explanation-details summary").click()
    expect(page.locator("ol.explanation")).to_be_visible()
    page.submit(page.get_by_role("button", name="Kündigung beginnen"))
    termination = Termination.objects.get(contract=contract)
    assert page.url.endswith(f"/exit/{termination.pk}/")
    expect(page.locator("main")).to_contain_text("Geben Sie sie spätestens am Samstag, 26.09.2026")

    page.goto(f"/exit/{termination.pk}/edit/")
    page.locator("#id_notes").fill("Neuer Anbieter ab Januar.")
    page.submit(page.get_by_role("button", name="Speichern"))
    expect(page.locator("main")).to_contain_text("Neuer Anbieter ab Januar.")

    page.goto("/")
    expect(page.locator("#termination-panel-heading")).to_be_visible()

    page.goto(f"/exit/{termination.pk}/withdraw/")
    page.submit(page.get_by_role("button", name="Kündigung zurücknehmen"))
    termination.refresh_from_db()
    assert termination.status == Termination.Status.WITHDRAWN
    page.goto("/exit/")


def test_a_termination_for_cause_with_the_longest_texts(
    page: CheckedPage, editor, time_machine
) -> None:
    time_machine.move_to("2026-11-10 10:00 +0100")
    contract = make_contract(title=longest_text(Contract, "title", 200), service_contract=True)
    long = "Sicherung fehlt " * 312
    termination = make_termination(
        contract,
        kind=Termination.Kind.FOR_CAUSE,
        reason=long[:5_000],
        learned_on=date(2026, 11, 2),
        warning_dispensable=True,
        dispensable_reason="x" * 5_000,
    )
    login_in_browser(page, editor.username, PASSWORD)
    page.goto(f"/exit/{termination.pk}/")
    expect(page.locator('[data-condition="timeliness"]')).to_contain_text("16.11.2026")
    page.goto(f"/exit/{termination.pk}/edit/")
    page.goto("/exit/")
    page.goto(f"/exit/start/{make_contract(title='Zweiter Vertrag').pk}/")
