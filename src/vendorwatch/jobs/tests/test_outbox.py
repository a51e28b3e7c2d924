import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import messages_about, outbox_enqueue, outbox_send_due
from vendorwatch.testing.factory import make_provider


def enqueue(**overrides):
    fields = {"to": ["office@example.com"], "subject": "Erinnerung", "body": "Text"}
    fields.update(overrides)
    return outbox_enqueue(**fields)


@pytest.mark.django_db
def test_a_queued_message_is_sent_over_smtp(smtp_server) -> None:
    enqueue(subject="Kündigungsfrist läuft ab")
    assert outbox_send_due() == 1
    assert smtp_server.inbox.subjects == ["Kündigungsfrist läuft ab"]


@pytest.mark.django_db
def test_a_sent_message_is_kept_with_its_time(smtp_server) -> None:
    message = enqueue()
    outbox_send_due()
    message.refresh_from_db()
    assert message.sent_at is not None


@pytest.mark.django_db
def test_a_message_is_not_sent_before_its_time(smtp_server) -> None:
    enqueue(send_after=timezone.now() + timedelta(hours=1))
    assert outbox_send_due() == 0


@pytest.mark.django_db
def test_the_same_key_is_queued_once() -> None:
    first = enqueue(key="contract:1:reminder:30")
    second = enqueue(key="contract:1:reminder:30")
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_an_smtp_outage_delays_but_does_not_lose_the_message(smtp_server, time_machine) -> None:
    time_machine.move_to("2026-11-27 09:00Z", tick=False)
    smtp_server.stop()
    message = enqueue()
    assert outbox_send_due() == 0
    message.refresh_from_db()
    assert (message.sent_at, message.attempts) == (None, 1)
    assert message.last_error
    smtp_server.start()
    assert outbox_send_due() == 0  # not yet: it waits before the next attempt
    time_machine.move_to("2026-11-27 09:01:01Z", tick=False)
    assert outbox_send_due() == 1
    assert len(smtp_server.inbox.messages) == 1


@pytest.mark.django_db
def test_messages_about_an_object_are_found_again() -> None:
    provider = make_provider()
    enqueue(related=provider)
    enqueue()
    assert messages_about(provider).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_runners_at_once_send_each_message_once(smtp_server) -> None:
    for number in range(30):
        enqueue(subject=f"Nachricht {number}")
    barrier = threading.Barrier(2)

    def runner() -> None:
        barrier.wait()
        try:
            outbox_send_due()
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(smtp_server.inbox.subjects) == sorted(f"Nachricht {n}" for n in range(30))
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0
