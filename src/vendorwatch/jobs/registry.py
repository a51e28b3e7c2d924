"""Periodic jobs: functions that parts of the product register to run every few minutes.

A job's next due time lives in the database (:class:`~vendorwatch.jobs.models.JobRun`); a
runner that wants to run it first moves that time forward with a conditional UPDATE, so with
several runners each job still runs once per interval.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

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


def run_due_jobs(*, now: datetime | None = None) -> list[str]:
    """Run every job whose time has come and that no other runner took; returns their names."""
    now = now or timezone.now()
    ran = []
    for job in jobs():
        if not _take_turn(job, now):
            continue
        try:
            job.function(now)
            error = ""
        except Exception as exc:  # one broken job must not stop the others
            logger.exception("job %s failed", job.name)
            error = f"{type(exc).__name__}: {exc}"[:2000]
        JobRun.objects.filter(name=job.name).update(last_error=error)
        ran.append(job.name)
    return ran
