"""Reminders for the exit checklist: a week before an open item's due date and the day after
it, each once per item and due date, whatever number of job runners run the job."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.jobs.registry import run_due_jobs
from vendorwatch.termination.checklist_jobs import queue_task_reminders
from vendorwatch.termination.models import Dispatch, Termination
from vendorwatch.termination.tests.factory import (
    make_dispatch,
    make_letter,
    make_task,
    make_termination,
)

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def morning(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 7, 0, tzinfo=BERLIN)


def started(*, received_on: date | None = date(2026, 9, 3), **fields) -> Termination:
    """An ordinary termination started on 01.03.2026 whose notice was received on
    ``received_on`` (in time by default: the contract ends on 31.12.2026)."""
    with time_machine.travel(morning(date(2026, 3, 1)), tick=False):
        termination = make_termination(**fields)
    if received_on is not None:
        make_dispatch(make_letter(termination), sent_on=date(2026, 9, 1), received_on=received_on)
    return termination


def run(day: date) -> int:
    with time_machine.travel(morning(day), tick=False):
        return int(queue_task_reminders(timezone.now()))


def keys() -> list[str]:
    return sorted(OutboxMessage.objects.values_list("key", flat=True))


def test_the_reminder_comes_a_week_before_and_the_notice_the_day_after(editor) -> None:
    task = make_task(started(), owner=editor, days_from_end=-30)  # due 01.12.2026
    sent = {day: run(day) for day in (date(2026, 11, 23), date(2026, 11, 24), date(2026, 12, 1))}
    sent |= {day: run(day) for day in (date(2026, 12, 2), date(2026, 12, 3))}
    assert sent == {
        date(2026, 11, 23): 0,
        date(2026, 11, 24): 1,
        date(2026, 12, 1): 0,
        date(2026, 12, 2): 1,
        date(2026, 12, 3): 0,
    }
    assert keys() == [
        f"exit-task-{task.pk}-overdue-2026-12-01",
        f"exit-task-{task.pk}-reminder-2026-12-01",
    ]
    task.refresh_from_db()
    assert task.reminded_for == task.overdue_noticed_for == date(2026, 12, 1)


def test_the_reminder_goes_to_the_owner_in_the_document_language(editor) -> None:
    make_task(started(), title="Router zurückgeben", owner=editor, days_from_end=-30)
    run(date(2026, 11, 24))
    message = OutboxMessage.objects.get()
    assert message.to == [editor.email]
    assert message.subject == "Exit-Checkliste, fällig am 01.12.2026: Router zurückgeben"
    assert "in 7 Tagen fällig" in message.body
    assert "Vertragsende: 31.12.2026" in message.body


def test_without_an_owner_the_person_who_started_it_is_reminded(editor, admin_user) -> None:
    make_task(started(created_by=admin_user), days_from_end=-30)
    run(date(2026, 11, 24))
    assert OutboxMessage.objects.get().to == [admin_user.email]


def test_without_owner_or_starter_the_editors_are_reminded(editor) -> None:
    make_task(started(), days_from_end=-30)
    run(date(2026, 11, 24))
    assert OutboxMessage.objects.get().to == [editor.email]


def test_a_done_item_is_not_reminded(editor) -> None:
    make_task(started(), owner=editor, days_from_end=-30, done_on=date(2026, 11, 1))
    assert run(date(2026, 11, 24)) == 0 and run(date(2026, 12, 2)) == 0


def test_a_withdrawn_termination_is_not_reminded(editor) -> None:
    termination = started(status=Termination.Status.WITHDRAWN)
    make_task(termination, owner=editor, days_from_end=-30)
    assert run(date(2026, 11, 24)) == 0 and run(date(2026, 12, 2)) == 0


def test_nothing_is_sent_while_the_end_is_unknown(editor) -> None:
    make_task(started(contract=make_contract(notice_amount=None)), owner=editor)
    assert run(date(2026, 11, 24)) == 0 and run(date(2027, 6, 1)) == 0


def test_a_late_run_sends_only_the_overdue_notice(editor) -> None:
    task = make_task(started(), owner=editor, days_from_end=-30)
    run(date(2026, 12, 5))
    assert keys() == [f"exit-task-{task.pk}-overdue-2026-12-01"]


def test_when_the_end_moves_the_new_due_date_reminds_again(editor) -> None:
    termination = started()
    task = make_task(termination, owner=editor, days_from_end=-30)
    assert run(date(2026, 11, 24)) == 1
    # The notice was received after its deadline: the contract runs until 31.12.2027.
    Dispatch.objects.all().delete()  # the receipt proven was a mistake: it came late
    make_dispatch(
        make_letter(termination), sent_on=date(2026, 9, 29), received_on=date(2026, 10, 2)
    )
    assert run(date(2026, 12, 2)) == 0  # not overdue: now due on 01.12.2027
    assert run(date(2027, 11, 24)) == 1
    assert keys() == [
        f"exit-task-{task.pk}-reminder-2026-12-01",
        f"exit-task-{task.pk}-reminder-2027-12-01",
    ]


def runner(now: datetime, barrier: threading.Barrier, errors: list[BaseException]) -> None:
    """One job runner: the reminder job directly (as when both took a turn), then a normal
    round of due jobs and the outbox."""
    try:
        barrier.wait()
        queue_task_reminders(now)
        run_due_jobs(now=now)
        outbox_send_due(now=now)
    except BaseException as error:  # reported to the test
        errors.append(error)
    finally:
        connection.close()


def run_twice_in_parallel(now: datetime) -> None:
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


@pytest.mark.django_db(transaction=True)
def test_two_runners_deliver_each_message_once_and_a_moved_end_reminds_again(
    smtp_server,
) -> None:
    from vendorwatch.accounts.roles import Role
    from vendorwatch.testing.factory import make_user

    owner = make_user(Role.EDITOR, username="olga.owner")
    termination = started()
    make_task(termination, title="Lizenzen übertragen", owner=owner, days_from_end=-30)
    make_task(termination, title="Doku übergeben", owner=owner, days_from_end=-35)
    run_twice_in_parallel(morning(date(2026, 11, 28)))
    Dispatch.objects.all().delete()  # the receipt proven was a mistake: it came late
    make_dispatch(
        make_letter(termination), sent_on=date(2026, 9, 29), received_on=date(2026, 10, 2)
    )
    run_twice_in_parallel(morning(date(2027, 11, 24)))
    assert smtp_server.inbox.duplicates() == {}
    assert sorted(subject.strip() for subject in smtp_server.inbox.subjects) == [
        "Exit-Checkliste, fällig am 01.12.2026: Lizenzen übertragen",
        "Exit-Checkliste, fällig am 01.12.2027: Lizenzen übertragen",
        "Exit-Checkliste, fällig am 26.11.2027: Doku übergeben",
        "Exit-Checkliste, überfällig seit 26.11.2026: Doku übergeben",
    ]
    assert {m["To"] for m in smtp_server.inbox.messages} == {owner.email}


def test_the_job_runner_knows_the_reminder_job() -> None:
    from vendorwatch.jobs.registry import jobs
    from vendorwatch.termination.checklist_jobs import REMINDER_JOB

    assert REMINDER_JOB in [job.name for job in jobs()]
