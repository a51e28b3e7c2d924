"""The problem log in a real browser: report, record events, watch the clock, send an escalation.

The service hours run round the clock, so that the clock states do not depend on the hour the
test runs at. Selectors use ids and data attributes, not texts, which change with translation.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.problems.escalation import escalations_run
from vendorwatch.problems.models import Escalation, EscalationRule, EventKind, Problem
from vendorwatch.problems.tests.factory import make_problem, make_rule
from vendorwatch.sla.tests.factory import make_calendar, make_policy, terms
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_contact, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def round_the_clock_policy():
    provider = make_provider(name="Brandl IT-Systemhaus GmbH")
    make_contact(provider, name="Servicedesk", email="support@brandl.example", escalation_level=1)
    calendar = make_calendar(name="Rund um die Uhr", weekly=[["00:00-24:00"]] * 7)
    calendar.holiday_region = ""
    calendar.save()
    return make_policy(name="SLA Brandl", provider=provider, terms=terms(calendar))


def submit(page: CheckedPage, field_id: str) -> None:
    """Click the submit button of the form that holds the field."""
    form = page.locator("form", has=page.locator(f"#{field_id}"))
    form.locator("button[type=submit]").first.click()


def submit_page(page: CheckedPage, field_id: str) -> None:
    """Submit a form that answers with a new page; wait for that page and check it."""
    form = page.locator("form", has=page.locator(f"#{field_id}"))
    page.submit(form.locator("button[type=submit]").first)


def record_event(page: CheckedPage, kind: str) -> None:
    page.locator("#event-form #id_kind").select_option(kind)
    submit(page, "id_kind")


def test_report_a_problem_and_watch_its_clock(page: CheckedPage, editor) -> None:
    round_the_clock_policy()
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/problems/new/")
    page.locator("#id_title").fill("Drucker in der Buchhaltung druckt nicht")
    page.locator("#id_what_happened").fill("Fehlermeldung „Offline“, Aufträge bleiben hängen.")
    page.locator("#id_impact").select_option("high")
    page.locator("#id_urgency").select_option("high")
    page.locator("#id_channel").select_option("phone")
    # The ticket number is folded away with the other optional details.
    page.locator("details", has=page.locator("#id_provider_ticket_number")).locator(
        "summary"
    ).click()
    page.locator("#id_provider_ticket_number").fill("BR-4711")
    submit_page(page, "id_title")
    problem = Problem.objects.get()
    assert problem.priority.code == "P1" and problem.state == "on_track"
    clock = page.locator("#clock-heading [data-state]")
    expect(clock).to_have_attribute("data-state", "on_track")

    page.evaluate("window.notReloaded = true")
    record_event(page, EventKind.FIRST_RESPONSE)
    expect(page.locator("#clock [data-clock=response]")).to_have_attribute(
        "data-state", "met", timeout=5_000
    )
    page.check()
    record_event(page, EventKind.WAITING_ON_US)
    expect(clock).to_have_attribute("data-state", "paused")
    page.check()
    assert page.evaluate("window.notReloaded") is True
    problem.refresh_from_db()
    assert problem.state == "paused" and problem.events.count() == 3


def test_the_sla_follows_the_chosen_provider(page: CheckedPage, editor) -> None:
    policy = round_the_clock_policy()
    huber = make_provider(name="Huber EDV")  # no SLA agreed with Huber
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/problems/new/")
    sla = page.locator("#id_sla_policy")
    expect(sla).to_have_value(str(policy.pk))
    page.locator("#id_provider").select_option(str(huber.pk))
    expect(sla).to_have_value("")
    expect(sla.locator("option")).to_have_count(1)
    page.check()
    page.locator("#id_provider").select_option(str(policy.provider_id))
    expect(sla).to_have_value(str(policy.pk))
    page.locator("#id_provider").select_option(str(huber.pk))
    # Brandl's field has one option too: wait for Huber's to arrive before saving.
    expect(sla).to_have_value("")
    expect(sla.locator("option")).to_have_count(1)
    page.locator("#id_title").fill("Drucker im Lager")
    page.locator("#id_what_happened").fill("Druckt leere Seiten.")
    page.locator("#id_impact").select_option("medium")
    page.locator("#id_urgency").select_option("medium")
    page.locator("#id_channel").select_option("phone")
    submit_page(page, "id_title")
    problem = Problem.objects.get()
    assert (problem.provider, problem.sla_policy, problem.state) == (huber, None, "no_sla")
    expect(page.locator("#clock-heading [data-state]")).to_have_attribute("data-state", "no_sla")


def test_confirm_an_escalation_draft(page: CheckedPage, editor) -> None:
    policy = round_the_clock_policy()
    problem = make_problem(
        timezone.now() - timedelta(days=2), sla_policy=policy, provider_ticket_number="BR-815"
    )
    make_rule(
        policy,
        target=EscalationRule.Target.RESOLUTION,
        action=EscalationRule.Action.DRAFT_PROVIDER,
        contact_level=1,
    )
    assert escalations_run(now=timezone.now()) == 1
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/problems/escalations/")
    draft = Escalation.objects.get()
    page.locator(f"a[href='/problems/escalations/{draft.pk}/send/']").click()
    page.check()
    expect(page.locator("#id_recipient")).to_have_value("support@brandl.example")
    expect(page.locator("pre")).to_contain_text("BR-815")
    submit_page(page, "id_recipient")
    assert page.url.endswith(f"/problems/{problem.pk}/")
    draft.refresh_from_db()
    assert draft.status == Escalation.Status.SENT
    assert OutboxMessage.objects.get().to == ["support@brandl.example"]
    expect(page.locator("#timeline")).to_contain_text("support@brandl.example")


def test_the_filtered_list_is_downloaded_as_an_excel_file(page: CheckedPage, editor) -> None:
    policy = round_the_clock_policy()
    make_problem(timezone.now() - timedelta(hours=3), sla_policy=policy, title="Drucker offline")
    make_problem(timezone.now() - timedelta(hours=2), sla_policy=policy, title="VPN bricht ab")
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/problems/?q=VPN")
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True).active
    rows = list(sheet.values)
    assert download.value.suggested_filename.endswith(".xlsx")
    assert (len(rows), rows[1][1], rows[1][2]) == (2, "VPN bricht ab", "Brandl IT-Systemhaus GmbH")


def test_every_problems_page_passes_the_accessibility_check(page: CheckedPage, admin_user) -> None:
    login_in_browser(page, admin_user.username, PASSWORD)
    page.goto("/problems/")  # the empty list
    policy = round_the_clock_policy()
    problem = make_problem(timezone.now() - timedelta(days=1), sla_policy=policy, owner=admin_user)
    make_problem(timezone.now() - timedelta(minutes=10), sla_policy=policy, title="VPN bricht ab")
    rule = make_rule(policy, target=EscalationRule.Target.RESOLUTION, percent=75)
    make_rule(policy, action=EscalationRule.Action.DRAFT_PROVIDER, hours_after_breach=4)
    escalations_run(now=timezone.now())
    event = problem.events.get()
    draft = Escalation.objects.filter(status=Escalation.Status.DRAFTED).first()
    paths = [
        "/",
        "/problems/",
        "/problems/?state=breached&sort=priority&breached=yes&open=yes",
        "/problems/?q=nichts-passt",
        "/problems/new/",
        f"/problems/{problem.pk}/",
        f"/problems/{problem.pk}/edit/",
        f"/problems/{problem.pk}/explain/",
        f"/problems/{problem.pk}/report/",
        f"/problems/{problem.pk}/events/new/",
        f"/problems/{problem.pk}/events/{event.pk}/edit/",
        f"/problems/{problem.pk}/attachments/new/",
        "/problems/escalations/",
        "/problems/rules/",
        f"/problems/rules/new/?policy={policy.pk}",
        f"/problems/rules/{rule.pk}/edit/",
        f"/problems/rules/{rule.pk}/delete/",
    ]
    if draft is not None:
        paths.append(f"/problems/escalations/{draft.pk}/send/")
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
    # Errors next to the fields must pass as well.
    page.goto(f"/problems/rules/new/?policy={policy.pk}")
    page.locator("#id_percent").fill("50")
    page.locator("#id_hours_after_breach").fill("4")
    submit(page, "id_percent")
    page.check()
    expect(page.locator(".field", has=page.locator("#id_hours_after_breach"))).to_contain_text(
        "100 %"
    )


def test_the_problem_pages_fit_a_phone(page: CheckedPage, editor) -> None:
    policy = round_the_clock_policy()
    problem = make_problem(timezone.now() - timedelta(hours=3), sla_policy=policy)
    page.set_viewport_size({"width": 375, "height": 740})
    login_in_browser(page, editor.username, PASSWORD)
    for path in ("/problems/", f"/problems/{problem.pk}/", "/problems/new/", "/problems/rules/"):
        page.goto(path)
