"""A message that keeps failing is given up after a bounded number of attempts, stays visible
as failed, is not tried again on its own, and can be sent again by an administrator."""

from datetime import timedelta

import pytest
from django.utils import timezone

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import (
    CLAIM_SECONDS,
    MAX_ATTEMPTS,
    failed_messages,
    outbox_enqueue,
    outbox_retry,
    outbox_send_due,
)

pytestmark = pytest.mark.django_db


def enqueue(**overrides):
    fields = {"to": ["office@example.com"], "subject": "Erinnerung", "body": "Text"}
    fields.update(overrides)
    return outbox_enqueue(**fields)


def send_rounds(time_machine, rounds: int) -> None:
    """One round after another, each after the longest wait between attempts."""
    for _ in range(rounds):
        time_machine.shift(timedelta(hours=5))
        outbox_send_due()


def test_a_message_refused_every_time_is_given_up_after_the_last_attempt(
    smtp_server, time_machine
) -> None:
    time_machine.move_to("2026-11-27 09:00Z", tick=False)
    smtp_server.refuse("451 4.3.0 Please try again later")
    message = enqueue()
    outbox_send_due()
    send_rounds(time_machine, MAX_ATTEMPTS - 1)
    message.refresh_from_db()
    assert (message.attempts, message.sent_at) == (MAX_ATTEMPTS, None)
    assert message.failed_at is not None
    assert message.last_error == "451 4.3.0 Please try again later"


def test_a_message_is_still_retried_before_its_last_attempt(smtp_server, time_machine) -> None:
    time_machine.move_to("2026-11-27 09:00Z", tick=False)
    smtp_server.refuse()
    message = enqueue()
    outbox_send_due()
    send_rounds(time_machine, MAX_ATTEMPTS - 2)
    message.refresh_from_db()
    assert (message.attempts, message.failed_at) == (MAX_ATTEMPTS - 1, None)


def test_a_given_up_message_is_not_tried_again(smtp_server, time_machine) -> None:
    time_machine.move_to("2026-11-27 09:00Z", tick=False)
    smtp_server.refuse()
    message = enqueue()
    outbox_send_due()
    send_rounds(time_machine, MAX_ATTEMPTS - 1)
    smtp_server.accept()
    send_rounds(time_machine, 3)
    message.refresh_from_db()
    assert message.attempts == MAX_ATTEMPTS
    assert smtp_server.inbox.messages == []


def test_an_unknown_recipient_is_given_up_at_once(smtp_server) -> None:
    smtp_server.inbox.unknown.add("nobody@example.com")
    message = enqueue(to=["nobody@example.com"])
    outbox_send_due()
    message.refresh_from_db()
    assert (message.attempts, message.failed_at is not None) == (1, True)
    assert message.last_error == "nobody@example.com: 550 5.1.1 No such user here"


def test_a_failed_message_sent_again_goes_out(smtp_server, time_machine) -> None:
    time_machine.move_to("2026-11-27 09:00Z", tick=False)
    smtp_server.refuse()
    message = enqueue()
    outbox_send_due()
    send_rounds(time_machine, MAX_ATTEMPTS - 1)
    smtp_server.accept()
    assert outbox_retry(message_ids=[message.pk]) == 1
    assert outbox_send_due() == 1
    message.refresh_from_db()
    assert (message.sent_at is not None, message.failed_at, message.attempts) == (True, None, 1)
    assert smtp_server.inbox.subjects == ["Erinnerung"]


def test_sending_again_leaves_other_failed_messages_alone() -> None:
    first = enqueue(key="a")
    second = enqueue(key="b")
    OutboxMessage.objects.update(failed_at=timezone.now(), attempts=MAX_ATTEMPTS)
    outbox_retry(message_ids=[first.pk])
    assert list(failed_messages()) == [second]


def test_a_message_whose_runner_died_on_the_last_attempt_is_given_up(time_machine) -> None:
    time_machine.move_to("2026-11-27 09:00Z", tick=False)
    message = enqueue()
    # The last attempt was claimed, then its runner was killed before it could record anything.
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=MAX_ATTEMPTS, claimed_until=timezone.now() + timedelta(seconds=CLAIM_SECONDS)
    )
    time_machine.shift(timedelta(seconds=CLAIM_SECONDS + 1))
    assert outbox_send_due() == 0
    message.refresh_from_db()
    assert message.failed_at is not None
