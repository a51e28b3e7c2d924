"""Once the notice has gone out, the contract's "send by" reminders and its dashboard entry
stop: the receipt is followed up by the termination instead."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from vendorwatch.contracts.dashboard import contracts_panel
from vendorwatch.contracts.jobs import queue_notice_reminders
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.termination.models import Termination
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def contract_reminders_on(day: date) -> int:
    with time_machine.travel(datetime(day.year, day.month, day.day, 7, 0, tzinfo=BERLIN)):
        queue_notice_reminders(timezone.now())
    return OutboxMessage.objects.filter(key__startswith="contract:").count()


def test_a_contract_whose_notice_was_sent_gets_no_send_by_reminder(editor) -> None:
    nrw()
    termination = make_termination(make_contract(), status=Termination.Status.SENT)
    make_dispatch(make_letter(termination), sent_on=date(2026, 9, 1))
    assert contract_reminders_on(date(2026, 9, 11)) == 0


def test_a_termination_still_being_prepared_keeps_the_reminders(editor) -> None:
    nrw()
    make_termination(make_contract())
    assert contract_reminders_on(date(2026, 9, 11)) == 1


def test_a_withdrawn_termination_brings_the_reminders_back(editor) -> None:
    nrw()
    make_termination(make_contract(), status=Termination.Status.WITHDRAWN)
    assert contract_reminders_on(date(2026, 9, 11)) == 1


def test_the_dashboard_drops_the_send_by_entry_once_the_notice_was_sent(rf, editor) -> None:
    nrw()
    contract = make_contract()
    request = rf.get("/")
    request.user = editor
    with time_machine.travel(datetime(2026, 9, 11, 9, 0, tzinfo=BERLIN)):
        before = contracts_panel(request)
        make_termination(contract, status=Termination.Status.SENT)
        after = contracts_panel(request)
    assert before is not None and after is not None
    assert [row.contract for row in before["upcoming"]] == [contract]
    assert after["upcoming"] == []
