"""Report a problem in the browser and download its report PDF: the deadlines are in it.

Service hours Mo–Fr 08–17 without public holidays. The problems are reported on last week's
Wednesday at 09:00 (impact and urgency medium: P3). "SLA Premium" promises P3 a response
within 2 business hours (Wednesday 11:00) and a resolution within 1 business day of 9 hours
(Wednesday 09–17 is 8, plus 1: Thursday 09:00).
"""

from __future__ import annotations

import fcntl
import io
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from vendorwatch.problems.models import Problem
from vendorwatch.sla.services import PrioritySpec
from vendorwatch.sla.tests.factory import make_calendar, make_policy, priorities, terms
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_organisation, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def last_weeks_wednesday() -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday() - 2 + 7)


def premium_priorities() -> list[PrioritySpec]:
    standard = {spec.code: spec for spec in priorities()}
    standard["P3"] = PrioritySpec("P3", "Mittel", (2, "hours", "business"), (1, "days", "business"))
    return list(standard.values())


def providers() -> None:
    make_organisation(name="Beispiel GmbH", document_language="de")
    make_provider(name="Ohne SLA GmbH")
    brandl = make_provider(name="Brandl IT GmbH")
    calendar = make_calendar(name="Mo–Fr 8–17 Uhr", holiday_region="")
    make_policy(name="SLA Basis", provider=brandl, terms=terms(calendar))
    make_policy(
        name="SLA Premium",
        provider=brandl,
        terms=terms(calendar),
        priorities=premium_priorities(),
    )


def report(page: CheckedPage, *, provider: str, sla: str | None, title: str) -> Problem:
    page.goto("/problems/new/")
    chosen = page.locator("#id_provider option:checked").text_content()
    if chosen != provider:
        # The SLA field is fetched for the provider (htmx): choose the SLA once it arrived.
        with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
            page.locator("#id_provider").select_option(label=provider)
    if sla is None:
        expect(page.locator("#id_sla_policy option")).to_have_count(1)
        expect(page.locator("#id_sla_policy")).to_have_value("")
    else:
        expect(page.locator("#id_sla_policy option", has_text=sla)).to_have_count(1)
        page.locator("#id_sla_policy").select_option(label=sla)
    reported = f"{last_weeks_wednesday():%Y-%m-%d}T09:00"
    page.locator("#id_title").fill(title)
    page.locator("#id_what_happened").fill("Fehlermeldung „Offline“, Aufträge bleiben hängen.")
    page.locator("#id_since").fill(reported)
    page.locator("#id_reported_to_provider_at").fill(reported)
    page.locator("#id_impact").select_option("medium")
    page.locator("#id_urgency").select_option("medium")
    page.locator("#id_channel").select_option("phone")
    if sla is not None:
        expect(page.locator("#id_sla_policy option:checked")).to_have_text(sla)
    page.submit(page.locator("form", has=page.locator("#id_title")).locator("button[type=submit]"))
    problem = Problem.objects.get(title=title)
    assert page.url.endswith(f"/problems/{problem.pk}/")
    return problem


def report_pdf_text(page: CheckedPage, problem: Problem) -> str:
    page.locator(f"a[href='/problems/{problem.pk}/report/']").click()
    page.check()
    with page.expect_download() as download:
        page.locator(f"a[href='/problems/{problem.pk}/report.pdf']").click()
    content = download.value.path().read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "".join(p.extract_text() for p in reader.pages)


def test_the_report_pdf_states_the_deadlines_of_the_chosen_sla(page: CheckedPage, editor) -> None:
    providers()
    login_in_browser(page, editor.username, PASSWORD)
    problem = report(page, provider="Brandl IT GmbH", sla="SLA Premium", title="VPN bricht ab")
    text = report_pdf_text(page, problem)
    wednesday = last_weeks_wednesday()
    thursday = wednesday + timedelta(days=1)
    assert "SLA Premium, Fassung 1, Priorität P3 Mittel" in text
    assert f"Reaktion fällig {wednesday:%d.%m.%Y} 11:00" in text
    assert f"Lösung fällig {thursday:%d.%m.%Y} 09:00" in text


def test_the_report_pdf_of_a_provider_without_sla_says_so(page: CheckedPage, editor) -> None:
    providers()
    login_in_browser(page, editor.username, PASSWORD)
    problem = report(page, provider="Ohne SLA GmbH", sla=None, title="Drucker druckt nicht")
    text = report_pdf_text(page, problem)
    assert "kein SLA vereinbart" in text
    assert "fällig" not in text


def test_when_too_many_pdfs_are_made_at_once_the_download_shows_a_calm_page(
    page: CheckedPage, editor, settings
) -> None:
    settings.PDF_SLOTS, settings.PDF_WAIT = 1, 0
    providers()
    login_in_browser(page, editor.username, PASSWORD)
    problem = report(page, provider="Brandl IT GmbH", sla="SLA Basis", title="Server langsam")
    page.locator(f"a[href='/problems/{problem.pk}/report/']").click()
    page.check()
    slot = Path(settings.DATA_DIR) / "pdf-slots" / "slot-0.lock"
    slot.parent.mkdir(parents=True, exist_ok=True)
    with open(slot, "ab") as other_worker:
        fcntl.flock(other_worker.fileno(), fcntl.LOCK_EX)
        page.locator(f"a[href='/problems/{problem.pk}/report.pdf']").click()
        expect(page.locator("h1")).to_have_text("Das PDF ist gerade nicht fertig")
    page.check()
    expect(page.locator("main")).to_contain_text("in einer Minute noch einmal")
    page.locator(f"main a[href='/problems/{problem.pk}/report/']").click()
    page.check()
    assert page.url.endswith(f"/problems/{problem.pk}/report/")
