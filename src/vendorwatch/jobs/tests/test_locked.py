"""On SQLite, "database is locked" in a job round is waited out and retried, never skipped."""

import sqlite3
import threading
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from vendorwatch.jobs import locking, outbox, registry
from vendorwatch.jobs.models import JobRun, OutboxMessage
from vendorwatch.jobs.outbox import outbox_enqueue, outbox_send_due

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's write lock; PostgreSQL waits for row locks"
)


@pytest.fixture(autouse=True)
def _short_pauses(monkeypatch):
    monkeypatch.setattr(locking, "LOCKED_RETRY_DELAYS", (0.3, 0.3, 0.3, 0.3))


@pytest.fixture
def only_test_jobs(monkeypatch):
    registry.jobs()  # let the apps register first, then hide them
    monkeypatch.setattr(registry, "_JOBS", {})


class WriteLock:
    """Another process's long write: holds SQLite's write lock on the database file."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.taken = threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self) -> None:
        other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        self.taken.set()
        threading.Event().wait(self.seconds)
        other.execute("COMMIT")
        other.close()

    def take(self) -> None:
        self.thread.start()
        self.taken.wait()


@pytest.fixture
def write_lock():
    """WriteLock(seconds); released before the test database is emptied, whatever happened."""
    made = []

    def make(seconds: float) -> WriteLock:
        made.append(WriteLock(seconds))
        return made[-1]

    yield make
    for lock in made:
        if lock.thread.is_alive():
            lock.thread.join()


def give_up_waiting_quickly() -> None:
    # Instead of 20 s, this connection gives up after 0.1 s and sees "database is locked".
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout = 100")


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_job_that_meets_a_locked_database_runs_again_once_it_is_free(
    only_test_jobs, write_lock
) -> None:
    calls = []
    lock = write_lock(seconds=0.8)

    def queue_reminder(now) -> None:
        calls.append(now)
        if len(calls) == 1:
            lock.take()
        outbox_enqueue(to=["a@example.com"], subject="Erinnerung", body="Text", key="r1")

    registry.periodic("reminders", every=timedelta(hours=1))(queue_reminder)
    give_up_waiting_quickly()
    assert registry.run_due_jobs() == ["reminders"]
    assert len(calls) >= 2
    assert OutboxMessage.objects.filter(key="r1").exists()
    assert JobRun.objects.get(name="reminders").last_error == ""


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_runner_that_meets_a_locked_database_takes_its_turn_once_it_is_free(
    only_test_jobs, write_lock
) -> None:
    calls = []
    registry.periodic("reminders", every=timedelta(hours=1))(calls.append)
    give_up_waiting_quickly()
    lock = write_lock(seconds=0.8)
    lock.take()
    assert registry.run_due_jobs() == ["reminders"]
    assert len(calls) == 1


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_sent_email_is_recorded_as_sent_even_when_the_database_is_locked(
    smtp_server, monkeypatch, write_lock
) -> None:
    outbox_enqueue(to=["a@example.com"], subject="Erinnerung", body="Text")
    deliver = outbox._deliver
    lock = write_lock(seconds=0.8)

    def deliver_then_meet_a_lock(message) -> None:
        deliver(message)
        lock.take()

    monkeypatch.setattr(outbox, "_deliver", deliver_then_meet_a_lock)
    give_up_waiting_quickly()
    assert outbox_send_due() == 1
    assert OutboxMessage.objects.get().sent_at is not None
    assert outbox_send_due() == 0
    assert smtp_server.inbox.subjects == ["Erinnerung"]


@pytest.mark.django_db
def test_a_job_still_locked_after_every_retry_runs_in_the_next_round(only_test_jobs) -> None:
    calls = []

    def always_locked(now) -> None:
        calls.append(now)
        raise OperationalError("database is locked")

    registry.periodic("reminders", every=timedelta(hours=1))(always_locked)
    now = timezone.now()
    registry.run_due_jobs(now=now)
    assert len(calls) == 1 + len(locking.LOCKED_RETRY_DELAYS)
    assert JobRun.objects.get(name="reminders").next_run_at == now
    registry.run_due_jobs(now=now + timedelta(minutes=1))
    assert len(calls) == 2 * (1 + len(locking.LOCKED_RETRY_DELAYS))


@pytest.mark.django_db
def test_other_database_errors_are_not_retried(only_test_jobs) -> None:
    calls = []

    def broken(now) -> None:
        calls.append(now)
        raise OperationalError("no such table: contracts_contract")

    registry.periodic("broken", every=timedelta(hours=1))(broken)
    registry.run_due_jobs()
    assert len(calls) == 1
    assert "no such table" in JobRun.objects.get(name="broken").last_error
