"""The "report a problem" form in a real browser: the priority shows before saving, a time
typed the German way comes back the same way, files go along, and a phone shows it whole.

Selectors use ids; the texts checked are the German ones the page starts with.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from vendorwatch.problems.models import Problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_report_a_problem_with_priority_preview_and_a_file(
    page: CheckedPage, editor, media
) -> None:
    policy = make_policy(name="SLA Brandl", provider=make_provider(name="Brandl IT"))
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/problems/new/")
    preview = page.locator("#priority-preview")
    expect(preview).to_contain_text("Wählen Sie, wie viele betroffen sind")
    page.locator("#id_title").fill("Drucker in der Buchhaltung druckt nicht")
    page.locator("#id_what_happened").fill("Fehlermeldung „Offline“, Aufträge bleiben hängen.")
    page.locator("#id_since").fill("03.12.2026 14:30")
    page.locator("#id_impact").select_option("high")
    expect(preview).to_contain_text("Wählen Sie")
    page.locator("#id_urgency").select_option("medium")
    expect(preview).to_contain_text("Priorität: P2 – Hoch")
    expect(preview).to_contain_text("reagieren")
    page.locator("#id_urgency").select_option("high")
    expect(preview).to_contain_text("Priorität: P1 – Kritisch")
    page.locator("#id_channel").select_option("phone")
    page.locator("#id_attachments").set_input_files(
        [
            {
                "name": "fehlermeldung.png",
                "mimeType": "image/png",
                "buffer": b"\x89PNG\r\n\x1a\n data",
            }
        ]
    )
    page.check()
    page.submit(page.locator("#section-files ~ .actions button[type=submit]"))

    problem = Problem.objects.get()
    assert page.url.endswith(f"/problems/{problem.pk}/")
    assert (problem.sla_policy, problem.priority.code) == (policy, "P1")
    since = page.locator("dt", has_text="Seit wann").locator("xpath=following-sibling::dd[1]")
    expect(since).to_have_text("03.12.2026 14:30")
    expect(page.locator("#attachments-heading ~ ul")).to_contain_text("fehlermeldung.png")
    assert [a.filename for a in problem.attachments.all()] == ["fehlermeldung.png"]


def test_a_changed_provider_updates_the_priority_preview(page: CheckedPage, editor) -> None:
    make_policy(name="SLA Brandl", provider=make_provider(name="Brandl IT"))
    huber = make_provider(name="Huber EDV")  # no SLA agreed with Huber
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/problems/new/")
    page.locator("#id_impact").select_option("low")
    page.locator("#id_urgency").select_option("low")
    preview = page.locator("#priority-preview")
    expect(preview).to_contain_text("Priorität: P4 – Niedrig")
    page.locator("#id_provider").select_option(str(huber.pk))
    expect(preview).to_contain_text("Ohne SLA bekommt das Problem keine Priorität")
    page.check()


def test_the_form_fits_a_phone_also_with_errors(page: CheckedPage, editor) -> None:
    make_policy(name="SLA Brandl", provider=make_provider(name="Brandl IT-Systemhaus GmbH"))
    login_in_browser(page, editor.username, PASSWORD)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/problems/new/")
    for summary in page.locator("details.form-section > summary").all():
        summary.click()
    page.check()
    page.submit(page.locator("#section-files ~ .actions button[type=submit]"))
    expect(page.locator("#id_title ~ .errorlist, .errorlist").first).to_be_visible()
    page.check()
