"""Rules across the step: a notice for cause that arrives before the warning's deadline has
passed is too early; after a missed deadline the end (and the checklist) follows the next
possible end; a withdrawn termination's records cannot be deleted; a second warning draft
does not move the deadline that counts; reminders of an unproven receipt stop two weeks after
the deadline."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.termination import services
from vendorwatch.termination.letters import letter_draft
from vendorwatch.termination.models import Dispatch, Letter, Termination, TerminationFile
from vendorwatch.termination.receipt_jobs import queue_receipt_reminders
from vendorwatch.termination.tests.factory import (
    make_dispatch,
    make_letter,
    make_task,
    make_termination,
)

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=BERLIN)


def for_cause(**fields) -> Termination:
    fields.setdefault("learned_on", date(2026, 9, 28))
    return make_termination(make_contract(), kind=Termination.Kind.FOR_CAUSE, **fields)


def test_a_notice_for_cause_received_before_the_remedy_deadline_is_too_early() -> None:
    # Warning sent 01.10. with a deadline to remedy until 15.10.; notice received 07.10.
    termination = for_cause(remedy_deadline=date(2026, 10, 15))
    make_dispatch(make_letter(termination, kind=Letter.Kind.WARNING), sent_on=date(2026, 10, 1))
    notice = make_letter(termination, kind=Letter.Kind.TERMINATION)
    make_dispatch(notice, sent_on=date(2026, 10, 6), received_on=date(2026, 10, 7))
    receipt = services.receipt_status(termination, date(2026, 10, 20))
    assert receipt.state is services.ReceiptState.PREMATURE


def test_a_notice_for_cause_without_any_warning_is_too_early() -> None:
    termination = for_cause()
    notice = make_letter(termination, kind=Letter.Kind.TERMINATION)
    make_dispatch(notice, sent_on=date(2026, 10, 1), received_on=date(2026, 10, 2))
    receipt = services.receipt_status(termination, date(2026, 10, 5))
    assert receipt.state is services.ReceiptState.PREMATURE


def test_a_notice_for_cause_after_the_remedy_deadline_is_in_time() -> None:
    # Deadline 15.10. passed without remedy; received 20.10., within two weeks of it.
    termination = for_cause(remedy_deadline=date(2026, 10, 15))
    make_dispatch(make_letter(termination, kind=Letter.Kind.WARNING), sent_on=date(2026, 10, 1))
    notice = make_letter(termination, kind=Letter.Kind.TERMINATION)
    make_dispatch(notice, sent_on=date(2026, 10, 19), received_on=date(2026, 10, 20))
    receipt = services.receipt_status(termination, date(2026, 10, 25))
    assert receipt.state is services.ReceiptState.IN_TIME


def test_after_a_missed_deadline_the_end_moves_to_the_next_possible_end() -> None:
    # Started 01.09.2026 for the end 31.12.2026 (receipt by 30.09.); nothing proven by 05.10.
    nrw()
    with time_machine.travel(at(date(2026, 9, 1)), tick=False):
        termination = make_termination(make_contract())
    plan = services.termination_plan(termination, date(2026, 10, 5))
    assert plan.deadline_passed
    assert plan.contract_end == date(2027, 12, 31)


def test_after_a_missed_deadline_the_checklist_follows_the_new_end() -> None:
    nrw()
    with time_machine.travel(at(date(2026, 9, 1)), tick=False):
        termination = make_termination(make_contract())
    task = make_task(termination, days_from_end=-30)
    end = services.termination_plan(termination, date(2026, 10, 5)).contract_end
    assert task.due_date(end) == date(2027, 12, 1)


def test_a_withdrawn_terminations_dispatch_cannot_be_deleted(client: Client, editor) -> None:
    termination = make_termination(status=Termination.Status.WITHDRAWN)
    dispatch = make_dispatch(make_letter(termination))
    client.force_login(editor)
    client.post(f"/exit/dispatches/{dispatch.pk}/delete/")
    assert Dispatch.objects.filter(pk=dispatch.pk).exists()


def test_a_withdrawn_terminations_file_cannot_be_deleted(
    client: Client, editor, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    termination = make_termination(status=Termination.Status.WITHDRAWN)
    record = TerminationFile(termination=termination, kind=TerminationFile.Kind.EVIDENCE)
    record.file.save("proof.pdf", io.BytesIO(b"%PDF-1.4"), save=False)
    record.filename, record.content_type, record.size = "proof.pdf", "application/pdf", 8
    record.save()
    client.force_login(editor)
    client.post(f"/exit/files/{record.pk}/delete/")
    assert TerminationFile.objects.filter(pk=record.pk).exists()


def test_a_second_warning_draft_does_not_move_the_deadline_of_the_warning_sent(
    client: Client, editor
) -> None:
    termination = for_cause(remedy_deadline=date(2026, 10, 15))
    make_dispatch(make_letter(termination, kind=Letter.Kind.WARNING), sent_on=date(2026, 10, 1))
    client.force_login(editor)
    with time_machine.travel(at(date(2026, 10, 20)), tick=False):
        draft = letter_draft(termination, Letter.Kind.WARNING, date(2026, 10, 20))
        client.post(
            f"/exit/{termination.pk}/letters/new/warning/",
            {
                "letter_date": "20.10.2026",
                "recipient": draft.recipient,
                "subject": draft.subject,
                "body": draft.body.replace("15.10.2026", "03.11.2026"),
                "remedy_deadline": "03.11.2026",
            },
        )
    termination.refresh_from_db()
    assert Letter.objects.filter(kind=Letter.Kind.WARNING).count() == 2
    assert termination.remedy_deadline == date(2026, 10, 15)


def test_a_notice_written_before_the_remedy_deadline_does_not_say_it_passed() -> None:
    termination = for_cause(remedy_deadline=date(2026, 10, 15))
    make_dispatch(make_letter(termination, kind=Letter.Kind.WARNING), sent_on=date(2026, 10, 1))
    body = letter_draft(termination, Letter.Kind.TERMINATION, date(2026, 10, 5)).body
    assert "15.10.2026" in body
    assert "verstrichen" not in body


def test_receipt_reminders_stop_two_weeks_after_the_deadline(editor) -> None:
    # Receipt by 30.09.2026; the 14th day after it is 14.10., the 15th 15.10.
    nrw()
    with time_machine.travel(at(date(2026, 9, 1)), tick=False):
        termination = make_termination(make_contract(), created_by=editor)
    make_dispatch(make_letter(termination), sent_on=date(2026, 9, 2))
    for day in (date(2026, 10, 14), date(2026, 10, 15)):
        with time_machine.travel(at(day), tick=False):
            queue_receipt_reminders(timezone.now())
    keys = list(OutboxMessage.objects.values_list("key", flat=True))
    assert keys == [f"termination-{termination.pk}-receipt-2026-10-14"]
