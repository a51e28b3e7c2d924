"""Reminders say the truth and come in time: the days really left, an urgent reminder while
receipt is still possible after the send date, and a new contract's reminder at the next
round of run-jobs."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vendorwatch.contracts.jobs import REMINDER_JOB, queue_notice_reminders
from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.contracts.tests.test_terms import form_data
from vendorwatch.jobs.models import JobRun, OutboxMessage

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def at(day: date, hour: int = 7, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def run_day(day: date) -> None:
    with time_machine.travel(at(day), tick=False):
        queue_notice_reminders(timezone.now())


# The first public example: 24 months from 01.01.2025, renews by 12, 3 months to the end of a
# term: receipt by Wednesday 30.09.2026, send by Friday 25.09.2026.


def test_the_reminder_states_the_days_really_left(editor) -> None:
    nrw()
    make_contract(reminder_days="30")  # its day was 26.08.; the job runs again on 31.08.
    run_day(date(2026, 8, 31))
    message = OutboxMessage.objects.get()
    assert message.key.endswith(":30")
    assert "noch 25 Tage" in message.body  # 31.08. to 25.09.
    assert "noch 30 Tage" not in message.body


def test_on_the_send_date_the_reminder_says_today(editor) -> None:
    nrw()
    make_contract(reminder_days="7")
    run_day(date(2026, 9, 25))
    assert "Der empfohlene Absendetermin einer Kündigung ist heute." in (
        OutboxMessage.objects.get().body
    )


def test_an_urgent_reminder_comes_on_the_last_day_of_receipt(editor) -> None:
    nrw()
    make_contract()
    run_day(date(2026, 9, 30))
    message = OutboxMessage.objects.get()
    assert message.key.endswith(":20260930:urgent")
    assert message.subject == (
        "Dringend: Kündigung für „Managed Services“ heute per Bote oder Kurier zustellen"
        " (Zugang bis 30.09.2026)"
    )
    assert "heute per Bote oder Kurier zu, mit Zustellnachweis" in message.body
    assert "muss bis zum 30.09.2026 zugehen" in message.body


def test_the_urgent_reminder_is_sent_once_per_deadline(editor) -> None:
    nrw()
    make_contract()
    for day in (date(2026, 9, 28), date(2026, 9, 29), date(2026, 9, 30)):
        run_day(day)
        run_day(day)
    assert OutboxMessage.objects.filter(key__endswith=":urgent").count() == 1


def test_after_the_deadline_no_urgent_reminder_is_sent(editor) -> None:
    nrw()
    make_contract()
    run_day(date(2026, 10, 1))  # 31.12.2026 missed: the next send date is 27.09.2027
    assert not OutboxMessage.objects.exists()


def test_without_reminder_days_no_urgent_reminder_either(editor) -> None:
    nrw()
    make_contract(reminder_days="")
    run_day(date(2026, 9, 30))
    assert not OutboxMessage.objects.exists()


def test_a_contract_entered_gets_its_reminder_at_the_next_run(
    client: Client, editor, django_capture_on_commit_callbacks
) -> None:
    nrw()
    day = date(2026, 9, 11)  # 14 days before the send date 25.09.2026
    with time_machine.travel(at(day, 7, 0), tick=False):
        call_command("run-jobs")  # the reminder job ran: next due at 08:00
    assert JobRun.objects.get(name=REMINDER_JOB).next_run_at == at(day, 8, 0)
    with time_machine.travel(at(day, 7, 10), tick=False):
        client.force_login(editor)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("contracts-add"), form_data(reminder_days="14"))
        assert Contract.objects.exists()
    with time_machine.travel(at(day, 7, 11), tick=False):
        call_command("run-jobs")
    assert OutboxMessage.objects.filter(key__endswith=":20260930:14").exists()


def test_a_contract_changed_gets_its_reminder_at_the_next_run(
    client: Client, editor, django_capture_on_commit_callbacks
) -> None:
    nrw()
    day = date(2026, 9, 11)
    contract = make_contract(reminder_days="90")
    with time_machine.travel(at(day, 7, 0), tick=False):
        call_command("run-jobs")
    assert not OutboxMessage.objects.filter(key__endswith=":14").exists()
    with time_machine.travel(at(day, 7, 10), tick=False):
        client.force_login(editor)
        data = form_data(provider=contract.provider.pk, reminder_days="90, 14")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("contracts-edit", args=[contract.pk]), data)
    with time_machine.travel(at(day, 7, 11), tick=False):
        call_command("run-jobs")
    assert OutboxMessage.objects.filter(key__endswith=":20260930:14").exists()


def test_saving_a_contract_never_delays_the_reminder_job(
    django_capture_on_commit_callbacks,
) -> None:
    now = timezone.now()
    JobRun.objects.create(name=REMINDER_JOB, next_run_at=now - timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        make_contract()
    assert JobRun.objects.get(name=REMINDER_JOB).next_run_at == now - timedelta(minutes=5)
