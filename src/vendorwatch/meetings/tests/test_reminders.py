"""Reminders for action items: three days before the due date and the day after it, each once,
whatever number of job runners run the job."""

import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.jobs.registry import run_due_jobs
from vendorwatch.meetings.jobs import queue_action_reminders
from vendorwatch.meetings.models import ActionItem
from vendorwatch.meetings.tests.factory import make_action

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def morning(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 7, 0, tzinfo=BERLIN)


def run_day(day: date) -> None:
    with time_machine.travel(morning(day), tick=False):
        queue_action_reminders(timezone.now())
        outbox_send_due()


def test_the_reminder_comes_three_days_before_and_the_notice_the_day_after(
    smtp_server, editor
) -> None:
    make_action(title="Firewall prüfen", owner=editor, due_date=date(2026, 3, 31))
    arrived: dict[date, list[str]] = {}
    day = date(2026, 3, 20)
    while day <= date(2026, 4, 10):
        before = len(smtp_server.inbox.messages)
        run_day(day)
        run_day(day)
        # A subject that starts with "Ü" is folded onto its own header line.
        new = [subject.strip() for subject in smtp_server.inbox.subjects[before:]]
        if new:
            arrived[day] = new
        day += timedelta(days=1)
    assert arrived == {
        date(2026, 3, 28): ["Fällig am 31.03.2026: Firewall prüfen"],
        date(2026, 4, 1): ["Überfällig seit 31.03.2026: Firewall prüfen"],
    }
    assert smtp_server.inbox.messages[0]["To"] == editor.email


def test_a_closed_item_is_not_reminded(editor) -> None:
    make_action(owner=editor, due_date=date(2026, 3, 31), status=ActionItem.Status.DONE)
    with time_machine.travel(morning(date(2026, 3, 29)), tick=False):
        assert queue_action_reminders(timezone.now()) == 0


def test_a_new_due_date_reminds_again(editor) -> None:
    item = make_action(owner=editor, due_date=date(2026, 3, 31))
    with time_machine.travel(morning(date(2026, 3, 29)), tick=False):
        queue_action_reminders(timezone.now())
    item.due_date = date(2026, 4, 14)
    item.save()
    with time_machine.travel(morning(date(2026, 4, 12)), tick=False):
        assert queue_action_reminders(timezone.now()) == 1
    assert sorted(OutboxMessage.objects.values_list("key", flat=True)) == [
        f"action-{item.pk}-reminder-2026-03-31",
        f"action-{item.pk}-reminder-2026-04-14",
    ]


def test_a_late_run_sends_only_the_overdue_notice(editor) -> None:
    item = make_action(owner=editor, due_date=date(2026, 3, 31))
    with time_machine.travel(morning(date(2026, 4, 5)), tick=False):
        queue_action_reminders(timezone.now())
    assert list(OutboxMessage.objects.values_list("key", flat=True)) == [
        f"action-{item.pk}-overdue-2026-03-31"
    ]


def test_an_item_the_provider_owes_reminds_our_side_to_ask(editor, viewer) -> None:
    make_action(side=ActionItem.Side.PROVIDER, created_by=viewer, due_date=date(2026, 3, 31))
    with time_machine.travel(morning(date(2026, 3, 29)), tick=False):
        queue_action_reminders(timezone.now())
    message = OutboxMessage.objects.get()
    assert message.to == [viewer.email]
    assert "Bitte fragen Sie nach" in message.body


def test_without_owner_or_creator_the_editors_are_reminded(editor) -> None:
    make_action(due_date=date(2026, 3, 31))
    with time_machine.travel(morning(date(2026, 3, 29)), tick=False):
        queue_action_reminders(timezone.now())
    assert OutboxMessage.objects.get().to == [editor.email]


def runner(now: datetime, barrier: threading.Barrier, errors: list[BaseException]) -> None:
    """One job runner: the reminder job directly (as when both took a turn), then a normal
    round of due jobs and the outbox."""
    try:
        barrier.wait()
        queue_action_reminders(now)
        run_due_jobs(now=now)
        outbox_send_due(now=now)
    except BaseException as error:  # reported to the test
        errors.append(error)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_two_runners_send_each_reminder_and_notice_once(smtp_server) -> None:
    from vendorwatch.accounts.roles import Role
    from vendorwatch.testing.factory import make_user

    owner = make_user(Role.EDITOR, username="olga.owner")
    make_action(title="Bald fällig", owner=owner, due_date=date(2026, 3, 31))
    make_action(title="Schon fällig", owner=owner, due_date=date(2026, 3, 27))
    now = morning(date(2026, 3, 29))
    for _round in range(2):  # the same day, twice
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []
        threads = [threading.Thread(target=runner, args=(now, barrier, errors)) for _ in "ab"]
        with time_machine.travel(now, tick=False):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert errors == []
        now += timedelta(hours=2)
    assert smtp_server.inbox.duplicates() == {}
    assert sorted(subject.strip() for subject in smtp_server.inbox.subjects) == [
        "Fällig am 31.03.2026: Bald fällig",
        "Überfällig seit 27.03.2026: Schon fällig",
    ]
