"""Reminders before the send date: each lead time once, on its day, through the real outbox
and a real SMTP server."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from vendorwatch.contracts.jobs import queue_notice_reminders
from vendorwatch.contracts.reminders import due_lead
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_send_due

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def run_day(day: date) -> None:
    with time_machine.travel(datetime(day.year, day.month, day.day, 7, 0, tzinfo=BERLIN)):
        queue_notice_reminders(timezone.now())
        outbox_send_due()


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def test_each_reminder_is_sent_once_on_its_day(smtp_server, editor) -> None:
    nrw()
    make_contract(title="Betreuung")  # send by 25.09.2026
    sent_on: dict[date, int] = {}
    for day in days(date(2026, 6, 1), date(2026, 10, 5)):
        before = len(smtp_server.inbox.messages)
        run_day(day)
        run_day(day)  # a second run the same day changes nothing
        if len(smtp_server.inbox.messages) > before:
            sent_on[day] = len(smtp_server.inbox.messages) - before
    assert sent_on == {
        date(2026, 6, 27): 1,
        date(2026, 7, 27): 1,
        date(2026, 8, 26): 1,
        date(2026, 9, 11): 1,
        date(2026, 9, 18): 1,
        date(2026, 9, 26): 1,  # the send date has passed: deliver by hand or courier
    }
    message = smtp_server.inbox.messages[0]
    assert message["To"] == editor.email
    assert "25.09.2026" in str(message["Subject"])
    assert "30.09.2026" in message.get_content()


def test_a_late_run_sends_only_the_most_recent_reminder(smtp_server, editor) -> None:
    nrw()
    make_contract()
    run_day(date(2026, 9, 1))
    assert len(smtp_server.inbox.messages) == 1
    assert OutboxMessage.objects.get().key.endswith(":30")


def test_the_contract_recipients_replace_the_default(smtp_server, editor) -> None:
    nrw()
    make_contract(reminder_recipients="chef@example.com\nbuero@example.com")
    run_day(date(2026, 6, 27))
    assert smtp_server.inbox.messages[0]["To"] == "chef@example.com, buero@example.com"


def test_after_the_first_term_reminders_follow_the_next_term(smtp_server, editor) -> None:
    nrw()
    make_contract(reminder_days="90")
    run_day(date(2027, 7, 1))  # send by 27.09.2027 for the end 31.12.2027
    assert OutboxMessage.objects.get().key.endswith(":20270930:90")


def test_the_lead_is_the_smallest_whose_day_has_come() -> None:
    send = date(2026, 9, 25)
    assert due_lead([90, 60, 30], send, date(2026, 6, 26)) is None
    assert due_lead([90, 60, 30], send, date(2026, 6, 27)) == 90
    assert due_lead([90, 60, 30], send, date(2026, 9, 1)) == 30
    assert due_lead([90, 60, 30], send, date(2026, 9, 26)) is None
