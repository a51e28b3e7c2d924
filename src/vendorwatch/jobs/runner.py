"""One round of the job runner, and the loop around it that `vendorwatch run-jobs` runs."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import OperationalError, close_old_connections, connection

from vendorwatch.jobs.heartbeat import Heartbeat
from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.jobs.registry import run_due_jobs

logger = logging.getLogger(__name__)

# Pauses after the 1st, 2nd, ... round in a row that failed as a whole (database gone, say).
FAILED_ROUND_DELAYS = (5.0, 15.0, 30.0, 60.0, 120.0)


@dataclass(frozen=True)
class RoundResult:
    ran: list[str]
    sent: int


def _checkpoint() -> None:
    """On SQLite, copy what the round wrote from the -wal file into the database file.

    Otherwise the record that an e-mail went out can live only in the -wal file for a long
    time, and a backup that copies just the .sqlite3 file (a file-level backup of the data
    directory) would send it again after a restore. PASSIVE never waits for anyone; it is a
    help, not a duty, so a refusal (inside a transaction, say) is no reason to fail the round.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except OperationalError as error:
        logger.info("checkpoint skipped: %s", error)


def run_round(heartbeat: Heartbeat | None = None) -> RoundResult:
    """Check in, run the due jobs, send the due e-mail."""
    progress = heartbeat.beat_if_due if heartbeat is not None else None
    if heartbeat is not None:
        heartbeat.beat()
    ran = run_due_jobs(progress=progress)
    sent = outbox_send_due(progress=progress)
    _checkpoint()
    return RoundResult(ran, sent)


def run_loop(
    *,
    interval: float,
    heartbeat: Heartbeat,
    should_stop: Callable[[], bool],
    report: Callable[[RoundResult], object],
) -> None:
    """Rounds every ``interval`` seconds until ``should_stop()`` says so.

    A round that fails as a whole is logged and tried again after a growing pause instead of
    ending the runner: a database that is briefly away must not stop reminders for good.
    """
    failures = 0
    while not should_stop():
        close_old_connections()
        try:
            report(run_round(heartbeat))
            failures = 0
            pause = interval
        except Exception:
            failures += 1
            pause = FAILED_ROUND_DELAYS[min(failures, len(FAILED_ROUND_DELAYS)) - 1]
            logger.exception("job round failed (%d in a row); next try in %.0f s", failures, pause)
            close_old_connections()
        _pause(pause, should_stop)


def _pause(seconds: float, should_stop: Callable[[], bool]) -> None:
    # Short naps rather than one wait, so a stop request from a signal handler (which may only
    # set a flag) is noticed within a fraction of a second.
    deadline = time.monotonic() + seconds
    while not should_stop() and time.monotonic() < deadline:
        time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
