"""One turn of the meeting cycle in Chromium, in German: create a series, open the next meeting
and find a missed deadline and an overdue action item on its agenda, write minutes with a
decision and a new action item, approve and send them through a real SMTP server, and find the
new action item on the agenda of the meeting after."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.meetings.models import ActionItem, Meeting, MeetingSeries
from vendorwatch.meetings.tests.factory import make_action
from vendorwatch.problems.models import Problem
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_contact, make_organisation, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def follow(page: CheckedPage, link: Any) -> None:
    with page.expect_navigation():
        link.click()
    page.check()


def pdf_text(part: Any) -> str:
    reader = PdfReader(io.BytesIO(part.get_content()))
    return " ".join(page.extract_text() for page in reader.pages)


def test_minutes_of_one_meeting_carry_a_new_action_item_to_the_next_agenda(
    page: CheckedPage, editor, smtp_server, time_machine
) -> None:
    make_organisation(name="Müller Metallbau GmbH")
    provider = make_provider(name="Brandl IT")
    make_contact(provider, name="Herr Brandl", email="brandl@brandl.example")
    policy = make_policy(provider=provider)
    make_problem(
        timezone.now() - timedelta(days=10), sla_policy=policy, title="Server startet nicht neu"
    )
    assert Problem.objects.get().breached
    make_action(
        provider, title="Sicherung prüfen", due_date=timezone.localdate() - timedelta(days=5)
    )
    first = timezone.localdate() + timedelta(days=1)
    login_in_browser(page, editor.username, PASSWORD)

    # Create a weekly series through the form.
    page.goto("/meetings/series/new/")
    page.locator("#id_provider").select_option(str(provider.pk))
    page.locator("#id_title").fill("Jour fixe Brandl")
    page.locator("#id_preset").select_option("weekly")
    page.locator("#id_first_date").fill(first.strftime("%d.%m.%Y"))
    page.locator("#id_start_time").fill("10:00")
    page.get_by_label("Herr Brandl").check()
    page.submit(page.get_by_role("button", name="Speichern"))
    series = MeetingSeries.objects.get()
    assert series.rule.startswith("FREQ=WEEKLY")

    # Open the next meeting; its agenda is generated from what is open.
    page.goto("/meetings/")
    follow(page, page.locator(".next-meeting a"))
    page.submit(page.get_by_role("button", name="Diese Besprechung vorbereiten"))
    meeting = Meeting.objects.get()
    agenda = page.locator("#agenda .agenda")
    expect(agenda).to_contain_text("Server startet nicht neu")
    expect(agenda).to_contain_text("Sicherung prüfen")

    # After the meeting, the minutes: a decision and a new action item on the missed deadline
    # (minutes are approved only once the meeting has taken place).
    time_machine.move_to(meeting.ends_at + timedelta(minutes=5))
    breach = meeting.agenda_items.get(problem__title="Server startet nicht neu")
    page.goto(f"/meetings/{meeting.pk}/minutes/")
    page.locator(f"#item-{breach.pk} summary", has_text="Beschluss hinzufügen").click()
    page.fill(f"textarea[name=decision-{breach.pk}-text]", "Brandl tauscht das Netzteil")
    page.submit(page.locator(f"#item-{breach.pk} button", has_text="Beschluss hinzufügen"))
    page.locator(f"#item-{breach.pk} summary", has_text="Aufgabe oder offene Frage").click()
    page.fill(f"input[name=action-{breach.pk}-title]", "Überwachung des Servers einrichten")
    due = first + timedelta(days=20)
    page.fill(f"input[name=action-{breach.pk}-due_date]", due.strftime("%d.%m.%Y"))
    page.submit(page.locator(f"#item-{breach.pk} details.minutes-add-action button[type=submit]"))
    new_action = ActionItem.objects.get(title="Überwachung des Servers einrichten")
    assert new_action.meeting == meeting

    # Approve, then send; the job runner's outbox delivers over SMTP.
    page.submit(page.get_by_role("button", name="Protokoll freigeben und sperren"))
    page.submit(page.get_by_role("button", name="An die Teilnehmenden senden"))
    outbox_send_due()
    smtp_server.wait_for(1)
    mail = next(m for m in smtp_server.inbox.messages if "brandl@brandl.example" in m["To"])
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Brandl tauscht das Netzteil" in body
    assert "Überwachung des Servers einrichten" in body
    (pdf,) = [
        part for part in mail.iter_attachments() if part.get_content_type() == "application/pdf"
    ]
    assert "Brandl tauscht das Netzteil" in pdf_text(pdf)

    # The meeting after (now the next one): the new action item is on its agenda.
    page.goto(f"/meetings/series/{series.pk}/")
    follow(page, page.locator("#dates-heading + .dates a").nth(0))
    page.submit(page.get_by_role("button", name="Diese Besprechung vorbereiten"))
    expect(page.locator("#agenda .agenda")).to_contain_text("Überwachung des Servers einrichten")
