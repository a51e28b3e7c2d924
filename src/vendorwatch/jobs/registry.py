"""Periodic jobs: functions that parts of the product register to run every few minutes.

A job's next due time lives in the database (:class:`~vendorwatch.jobs.models.JobRun`); a
runner that wants to run it first moves that time forward with a conditional UPDATE, so with
several runners each job still runs once per interval.

On SQLite a write can be refused with "database is locked" when something else writes for
longer than the busy timeout. A job round then waits and tries again; a job that still cannot
run gives its turn back, so the next round runs it instead of skipping a whole interval.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from vendorwatch.audit.context import acting
from vendorwatch.jobs.locking import is_locked, retry_when_locked
from vendorwatch.jobs.models import JobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    function: Callable[[datetime], object]


_JOBS: dict[str, Job] = {}


def periodic(
    name: str, *, every: timedelta
) -> Callable[[Callable[[datetime], object]], Callable[[datetime], object]]:
    """Register ``function(now)`` to run every ``every``; it must be safe to run again."""

    def register(function: Callable[[datetime], object]) -> Callable[[datetime], object]:
        _JOBS[name] = Job(name, every, function)
        return function

    return register


def jobs() -> list[Job]:
    autodiscover_modules("jobs")
    return sorted(_JOBS.values(), key=lambda job: job.name)


def _take_turn(job: Job, now: datetime) -> bool:
    try:
        with transaction.atomic():
            JobRun.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
    except IntegrityError:
        pass  # created by another runner just now
    updated = JobRun.objects.filter(name=job.name, next_run_at__lte=now).update(
        next_run_at=now + job.every, last_started_at=now
    )
    return updated == 1


def _run(job: Job, now: datetime) -> str:
    """Run the job (again, while the database is locked); returns the error, or ""."""
    try:
        with acting(None, "job", job.name):  # the audit trail names the job
            retry_when_locked(lambda: job.function(now), what=f"job {job.name}")
    except Exception as exc:  # one broken job must not stop the others
        logger.exception("job %s failed", job.name)
        if is_locked(exc):
            # Not the job's fault: give the turn back so the next round runs it again.
            try:
                JobRun.objects.filter(name=job.name).update(next_run_at=now)
            except OperationalError:
                logger.warning("job %s: could not give its turn back", job.name)
        return f"{type(exc).__name__}: {exc}"[:2000]
    return ""


def _record(job: Job, error: str) -> None:
    JobRun.objects.filter(name=job.name).update(last_error=error)


def run_due_jobs(
    *, now: datetime | None = None, progress: Callable[[], object] | None = None
) -> list[str]:
    """Run every job whose time has come and that no other runner took; returns their names.

    ``progress`` is called before each job, so a long round can show it is alive.
    """
    now = now or timezone.now()
    ran = []
    for job in jobs():
        if progress is not None:
            progress()
        if not retry_when_locked(partial(_take_turn, job, now), what=f"job {job.name}"):
            continue
        error = _run(job, now)
        retry_when_locked(partial(_record, job, error), what=f"job {job.name}")
        ran.append(job.name)
    return ran
