"""The SLA report in the browser: the answer first, another period, the PDF, the recipients;
every page checked with axe-core and at 375 px width.

Last full month, three tickets of "Brandl IT GmbH" (P1 twice kept, P2 answered late):
response 2 of 3 = 66,67 %, resolution 3 of 3 = 100,00 %.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from vendorwatch.monitoring.models import ReportRecipient
from vendorwatch.monitoring.tests.report_factory import make_setup, make_ticket
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def last_month_day(day: int) -> str:
    first = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    return f"{first + timedelta(days=day - 1):%Y-%m-%d}"


@pytest.fixture
def provider() -> Any:
    provider, _policy, job = make_setup()
    kept = {"response_met": True, "resolution_met": True}
    make_ticket(job, f"{last_month_day(2)} 09:00", 1, resolved=f"{last_month_day(2)} 11:00", **kept)
    make_ticket(job, f"{last_month_day(3)} 09:00", 1, resolved=f"{last_month_day(3)} 11:00", **kept)
    make_ticket(
        job,
        f"{last_month_day(4)} 09:00",
        2,
        ticket_id="4712",
        title="VPN bricht ab " + "sehr lang " * 25,
        resolved=f"{last_month_day(4)} 15:00",
        response_met=False,
        resolution_met=True,
        provider_met=True,
        provider_verdict="Ja",
        disagrees=True,
    )
    return provider


def test_a_viewer_reads_the_answer_and_downloads_the_pdf(
    page: CheckedPage, viewer: Any, provider: Any
) -> None:
    login_in_browser(page, viewer.username, PASSWORD)
    page.goto("/reports/")
    expect(page.locator(".answer")).to_contain_text("66,67")
    page.get_by_role("link", name="Brandl IT GmbH").click()
    page.check()
    expect(page.locator("h1")).to_contain_text("Brandl IT GmbH")
    expect(page.locator(".report-figures tfoot")).to_contain_text("66,67 %")
    with page.expect_download() as download:
        page.locator("main a[href*='/pdf/']").click()
    reader = pypdf.PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "66,67 %" in text and "100,00 %" in text and "4712" in text


def test_another_period_is_chosen_with_german_dates(
    page: CheckedPage, viewer: Any, provider: Any
) -> None:
    login_in_browser(page, viewer.username, PASSWORD)
    page.goto(f"/reports/{provider.pk}/")
    day = last_month_day(2)
    page.locator("input[name=from]").fill(f"{day[8:10]}.{day[5:7]}.{day[:4]}")
    page.locator("input[name=to]").fill(f"{day[8:10]}.{day[5:7]}.{day[:4]}")
    page.locator("main form.period-picker button[type=submit]").click()
    page.check()
    expect(page.locator(".report-figures tfoot")).to_contain_text("100,00 %")


def test_the_pages_are_usable_at_375_pixels(page: CheckedPage, editor: Any, provider: Any) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    login_in_browser(page, editor.username, PASSWORD)
    # Each page is checked for axe-core violations and for being wider than the window.
    for path in ("/reports/", f"/reports/{provider.pk}/", f"/reports/{provider.pk}/recipients/"):
        page.goto(path)
    expect(page.locator("main button[type=submit]")).to_be_in_viewport()


def test_the_chart_is_shown_as_an_image(page: CheckedPage, viewer: Any, provider: Any) -> None:
    login_in_browser(page, viewer.username, PASSWORD)
    page.goto(f"/reports/{provider.pk}/")
    image = page.locator(".report-chart img")
    expect(image).to_have_attribute("alt", re.compile(r"\w+"))
    assert page.evaluate("document.querySelector('.report-chart img').naturalWidth") > 0


def test_an_editor_chooses_who_gets_the_monthly_email(
    page: CheckedPage, editor: Any, provider: Any
) -> None:
    login_in_browser(page, editor.username, PASSWORD)
    page.goto(f"/reports/{provider.pk}/recipients/")
    page.get_by_label(editor.email, exact=False).check()
    page.locator("main button[type=submit]").click()
    page.check()
    expect(page.locator(".message-success")).to_be_visible()
    assert list(ReportRecipient.objects.values_list("user", flat=True)) == [editor.pk]
