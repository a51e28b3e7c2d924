"""The job runner reminds once a local day while the notice was sent and its receipt is not
proven, and stops once it is proven or the termination is withdrawn."""

import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from vendorwatch.accounts.roles import Role
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.jobs.registry import run_due_jobs
from vendorwatch.termination.models import Dispatch, Termination
from vendorwatch.termination.receipt_jobs import queue_receipt_reminders
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination
from vendorwatch.testing.factory import make_organisation, make_user

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
SUBJECT = "Zugang der Kündigung noch nicht nachgewiesen: Managed Services"


def morning(day: date, hour: int = 7) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=BERLIN)


def run(day: date, hour: int = 7) -> int:
    with time_machine.travel(morning(day, hour), tick=False):
        return queue_receipt_reminders(timezone.now())


def started(by=None, **contract_fields) -> Termination:
    """Started on 01.09.2026: the notice must reach the provider by 30.09.2026."""
    with time_machine.travel(morning(date(2026, 9, 1)), tick=False):
        return make_termination(make_contract(**contract_fields), created_by=by)


def sent(termination: Termination, **fields) -> Dispatch:
    return make_dispatch(make_letter(termination), sent_on=date(2026, 9, 22), **fields)


def test_a_notice_not_sent_is_not_reminded_here(editor) -> None:
    started(editor)
    assert run(date(2026, 9, 25)) == 0


def test_a_sent_notice_is_reminded_with_the_days_left(editor) -> None:
    sent(started(editor))
    assert run(date(2026, 9, 25)) == 1
    message = OutboxMessage.objects.get()
    assert message.to == [editor.email]
    assert message.subject == SUBJECT
    assert "Bis zur Frist am 30.09.2026 bleiben 5 Tage" in message.body
    assert "Bitten Sie den Dienstleister, schriftlich zu bestätigen" in message.body
    assert "Laden Sie den Zustellnachweis hoch" in message.body
    assert "/exit/" in message.body


def test_a_passed_deadline_is_said(editor) -> None:
    sent(started(editor))
    run(date(2026, 10, 3))
    body = OutboxMessage.objects.get().body
    assert "Die Frist am 30.09.2026 ist seit 3 Tagen abgelaufen." in body
    assert "geht sie erst jetzt ein, läuft der Vertrag bis 31.12.2027" in body


def test_the_last_day_is_said(editor) -> None:
    sent(started(editor))
    run(date(2026, 9, 30))
    assert "Heute, am 30.09.2026, endet die Frist" in OutboxMessage.objects.get().body


def test_it_comes_in_english_when_the_documents_are(editor) -> None:
    make_organisation(document_language="en")
    sent(started(editor))
    run(date(2026, 9, 25))
    message = OutboxMessage.objects.get()
    assert message.subject == "Receipt of the notice not yet proven: Managed Services"
    assert "5 days are left until the deadline on 30.09.2026" in message.body


def test_once_a_day_then_again_the_next_day(editor) -> None:
    termination = sent(started(editor)).letter.termination
    assert run(date(2026, 9, 25)) == 1
    assert run(date(2026, 9, 25), hour=15) == 0
    assert run(date(2026, 9, 26)) == 1
    assert sorted(OutboxMessage.objects.values_list("key", flat=True)) == [
        f"termination-{termination.pk}-receipt-2026-09-25",
        f"termination-{termination.pk}-receipt-2026-09-26",
    ]


def test_no_reminder_once_receipt_is_proven(editor) -> None:
    dispatch = sent(started(editor))
    run(date(2026, 9, 25))
    dispatch.received_on = date(2026, 9, 25)
    dispatch.save()
    assert run(date(2026, 9, 26)) == 0


def test_no_reminder_for_a_withdrawn_termination(editor) -> None:
    termination = sent(started(editor)).letter.termination
    termination.status = Termination.Status.WITHDRAWN
    termination.save()
    assert run(date(2026, 9, 25)) == 0


def test_a_sent_warning_letter_alone_is_not_a_sent_notice(editor) -> None:
    make_dispatch(make_letter(started(editor), kind="warning"), sent_on=date(2026, 9, 22))
    assert run(date(2026, 9, 25)) == 0


def test_without_a_starter_the_contracts_recipients_hear_of_it(editor) -> None:
    sent(started(reminder_recipients="buero@example.com\nchefin@example.com"))
    run(date(2026, 9, 25))
    assert OutboxMessage.objects.get().to == ["buero@example.com", "chefin@example.com"]


def test_without_a_starter_or_recipients_the_editors_hear_of_it(editor) -> None:
    sent(started())
    run(date(2026, 9, 25))
    assert OutboxMessage.objects.get().to == [editor.email]


def test_a_starter_who_left_is_replaced_by_the_editors(editor) -> None:
    gone = make_user(Role.EDITOR, username="gitta.gone", is_active=False)
    sent(started(gone))
    run(date(2026, 9, 25))
    assert OutboxMessage.objects.get().to == [editor.email]


def runner(now: datetime, barrier: threading.Barrier, errors: list[BaseException]) -> None:
    """One job runner: the reminder job directly (as when both took a turn), then a normal
    round of due jobs and the outbox."""
    try:
        barrier.wait()
        queue_receipt_reminders(now)
        run_due_jobs(now=now)
        outbox_send_due(now=now)
    except BaseException as error:  # reported to the test
        errors.append(error)
    finally:
        connection.close()


def two_runners(now: datetime) -> None:
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    threads = [threading.Thread(target=runner, args=(now, barrier, errors)) for _ in "ab"]
    with time_machine.travel(now, tick=False):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []


def receipt_mails(smtp_server) -> list[str]:
    """The receipt reminders delivered (the round of due jobs sends others too)."""
    subjects = [subject.strip() for subject in smtp_server.inbox.subjects]
    return [subject for subject in subjects if subject == SUBJECT]


@pytest.mark.django_db(transaction=True)
def test_two_runners_deliver_one_reminder_a_day_until_proven(smtp_server) -> None:
    starter = make_user(Role.EDITOR, username="sina.starter")
    dispatch = sent(started(starter))
    for hour in (7, 9):  # two rounds of two runners on the same day
        two_runners(morning(date(2026, 9, 25), hour))
    assert receipt_mails(smtp_server) == [SUBJECT]
    mail = next(m for m in smtp_server.inbox.messages if m["Subject"].strip() == SUBJECT)
    assert mail["To"] == starter.email
    two_runners(morning(date(2026, 9, 26)))
    assert len(receipt_mails(smtp_server)) == 2
    dispatch.received_on = date(2026, 9, 26)
    dispatch.save()
    two_runners(morning(date(2026, 9, 27)))
    assert len(receipt_mails(smtp_server)) == 2
