"""The job runner's sign of life, and the verdict /healthz and the dashboard draw from it.

Every round the runner writes the time into its row of
:class:`~vendorwatch.jobs.models.RunnerHeartbeat` (and again every half minute during a long
round). When no runner has checked in for several minutes, reminders, escalations and e-mail
have stopped, and monitoring should hear about it.

A fresh installation has never had a runner, and nothing is missing yet: it counts as healthy
until the first runner has checked in, or until an e-mail has waited longer than the limit
without any runner to send it (then one is clearly expected and missing).
"""

from __future__ import annotations

import logging
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from vendorwatch.jobs.locking import retry_when_locked
from vendorwatch.jobs.models import JobRun, OutboxMessage, RunnerHeartbeat

logger = logging.getLogger(__name__)

# A runner that has not checked in for this long (or three of its pauses, if longer) is missing.
STALE_AFTER = timedelta(minutes=5)
# How often a runner busy with a long round (a backlog on a slow mail server) checks in.
BEAT_EVERY_SECONDS = 30.0


class Heartbeat:
    """The heartbeat of this process's runner: one row per machine, named after its host."""

    def __init__(self, *, interval_seconds: float, name: str | None = None) -> None:
        self.name = (name or socket.gethostname() or "runner")[:200]
        self.interval_seconds = max(1, round(interval_seconds))
        self.started_at = timezone.now()
        self._last_beat = float("-inf")

    def beat(self) -> None:
        retry_when_locked(self._write, what="job runner heartbeat")
        self._last_beat = time.monotonic()

    def beat_if_due(self) -> None:
        """Called often during a round; writes only every BEAT_EVERY_SECONDS."""
        if time.monotonic() - self._last_beat >= BEAT_EVERY_SECONDS:
            self.beat()

    def _write(self) -> None:
        fields = {
            "pid": os.getpid(),
            "started_at": self.started_at,
            "last_seen_at": timezone.now(),
            "interval_seconds": self.interval_seconds,
        }
        if RunnerHeartbeat.objects.filter(name=self.name).update(**fields):
            return
        try:
            with transaction.atomic():
                RunnerHeartbeat.objects.create(name=self.name, **fields)
        except IntegrityError:  # another runner on this machine created the row just now
            RunnerHeartbeat.objects.filter(name=self.name).update(**fields)


@dataclass(frozen=True)
class RunnerStatus:
    healthy: bool
    # For monitoring and logs (English, like the rest of /healthz); empty when healthy.
    reason: str = ""
    last_seen_at: datetime | None = None


def _minutes(age: timedelta) -> int:
    return int(age.total_seconds() // 60)


def runner_status(*, now: datetime | None = None) -> RunnerStatus:
    now = now or timezone.now()
    latest = RunnerHeartbeat.objects.order_by("-last_seen_at").first()
    if latest is not None:
        limit = max(STALE_AFTER, timedelta(seconds=3 * latest.interval_seconds))
        age = now - latest.last_seen_at
        if age <= limit:
            return RunnerStatus(True, last_seen_at=latest.last_seen_at)
        return RunnerStatus(
            False,
            f"job runner has not checked in for {_minutes(age)} minutes "
            f"(last seen {latest.last_seen_at.isoformat()} on {latest.name}, "
            f"limit {_minutes(limit)} minutes): reminders, escalations and e-mail have stopped",
            latest.last_seen_at,
        )
    # No heartbeat yet: an installation from before heartbeats shows its runner by its jobs.
    last_job = JobRun.objects.aggregate(last=Max("last_started_at"))["last"]
    if last_job is not None:
        if now - last_job <= STALE_AFTER:
            return RunnerStatus(True, last_seen_at=last_job)
        return RunnerStatus(
            False,
            f"job runner has not run a job for {_minutes(now - last_job)} minutes "
            f"(last {last_job.isoformat()}): reminders, escalations and e-mail have stopped",
            last_job,
        )
    waiting = (
        OutboxMessage.objects.filter(
            sent_at__isnull=True, failed_at__isnull=True, send_after__lte=now - STALE_AFTER
        )
        .order_by("send_after")
        .values_list("send_after", flat=True)
        .first()
    )
    if waiting is not None:
        return RunnerStatus(
            False,
            f"no job runner has ever checked in, and e-mail has been waiting since "
            f"{waiting.isoformat()}: start 'vendorwatch run-jobs --loop' (or 'vendorwatch serve')",
        )
    return RunnerStatus(True)
