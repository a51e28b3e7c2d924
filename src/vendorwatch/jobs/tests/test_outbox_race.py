"""Two job runners share a backlog on a slow mail server: every message goes out exactly once.

A round that takes longer than a claim lasts used to let the other runner take messages the
first one was still sending (23 of 100 sent twice); claims are now made per message.
"""

import threading
import time

import pytest
from django.db import connection

from vendorwatch.jobs import outbox
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_enqueue, outbox_send_due

BACKLOG = 24


def runner(stop_at: float, limit: int) -> None:
    """Like `run-jobs --loop` with a short interval: rounds until nothing is left."""
    try:
        while time.monotonic() < stop_at:
            outbox_send_due(limit=limit)
            if not OutboxMessage.objects.filter(sent_at__isnull=True).exists():
                return
            time.sleep(0.05)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_two_runners_with_a_slow_mail_server_send_each_message_once(
    smtp_server, monkeypatch
) -> None:
    # A round of the backlog (24 x 0.15 s) lasts far longer than a claim (1 s).
    monkeypatch.setattr(outbox, "CLAIM_SECONDS", 1)
    smtp_server.slow_down(0.15)
    for number in range(BACKLOG):
        outbox_enqueue(to=["office@example.com"], subject=f"Nachricht {number}", body="Text")
    stop_at = time.monotonic() + 60
    # The first runner takes the whole backlog in one long round, the second in short ones.
    first = threading.Thread(target=runner, args=(stop_at, 100))
    second = threading.Thread(target=runner, args=(stop_at, 3))
    first.start()
    time.sleep(0.5)  # the second runner's rounds start while the first is busy
    second.start()
    first.join()
    second.join()
    assert smtp_server.inbox.duplicates() == {}
    assert sorted(smtp_server.inbox.subjects) == sorted(f"Nachricht {n}" for n in range(BACKLOG))
