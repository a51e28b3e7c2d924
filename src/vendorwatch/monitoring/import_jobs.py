"""Runs queued imports in the job runner: reading large files, committing large previews.

The web page hands a large file (over ``IMPORT_INLINE_BYTES``) to the runner by leaving its
job QUEUED, and a large commit by marking its job COMMITTING. Each round takes one such job,
the oldest first, with a conditional update on ``claimed_until``, so two runners never work
on the same job.

A run that dies (the runner killed, the machine restarted) leaves its job ANALYSING or
COMMITTING with a claim that runs out. Analysis renews its claim with every chunk, so an
expired claim means nobody works on the job any more: an analysis is started again from the
beginning (its staged rows deleted first); a commit, which is one transaction and therefore
either happened completely or not at all, is simply tried again. After ``MAX_ATTEMPTS`` the
job is FAILED with a message, and its staged rows are removed.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext

from vendorwatch.jobs.locking import retry_when_locked
from vendorwatch.jobs.registry import periodic
from vendorwatch.monitoring import pipeline, staging
from vendorwatch.monitoring.analysis import LEASE
from vendorwatch.monitoring.models import ImportJob, ImportRejection

logger = logging.getLogger(__name__)

State = ImportJob.State
IMPORT_JOB = "monitoring-imports"


def _given_up_message() -> str:
    return gettext(
        "The import stopped %(count)s times before it was finished and was given up. "
        "Please upload the file again; if it stops again, tell your administrator."
    ) % {"count": pipeline.MAX_ATTEMPTS}


def recover_abandoned(now: datetime) -> int:
    """Jobs whose run died: analyses back to the queue (or FAILED after the last attempt),
    commits free to be taken again. Returns how many were found."""
    expired = Q(claimed_until__lt=now)
    found = 0
    for job in ImportJob.objects.filter(expired, state=State.ANALYSING):
        found += retry_when_locked(partial(_restart_analysis, job, now), what="import")
    for job in ImportJob.objects.filter(expired, state=State.COMMITTING):
        if job.attempts >= pipeline.MAX_ATTEMPTS:
            found += retry_when_locked(partial(_give_up, job, now), what="import")
    return found


def _restart_analysis(job: ImportJob, now: datetime) -> int:
    last = job.attempts >= pipeline.MAX_ATTEMPTS
    with transaction.atomic():
        taken = ImportJob.objects.filter(
            pk=job.pk, state=State.ANALYSING, attempts=job.attempts, claimed_until__lt=now
        ).update(
            state=State.FAILED if last else State.QUEUED,
            message=_given_up_message() if last else "",
            claimed_until=None,
            progress_done=0,
        )
        if taken:
            staging.delete_staged(job.pk)
            ImportRejection.objects.filter(job_id=job.pk).delete()
    if taken:
        logger.warning(
            "import %s: its run stopped (attempt %s); %s",
            job.pk,
            job.attempts,
            "given up" if last else "queued again",
        )
    return taken


def _give_up(job: ImportJob, now: datetime) -> int:
    with transaction.atomic():
        taken = ImportJob.objects.filter(
            pk=job.pk, state=State.COMMITTING, claimed_until__lt=now
        ).update(state=State.FAILED, message=_given_up_message(), claimed_until=None)
        if taken:
            staging.delete_staged(job.pk)
    return taken


def _claim_commit(job: ImportJob, now: datetime) -> bool:
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return bool(
        ImportJob.objects.filter(free, pk=job.pk, state=State.COMMITTING).update(
            claimed_until=now + LEASE, attempts=F("attempts") + 1
        )
    )


def run_one(now: datetime) -> str:
    """Recover abandoned jobs, then take the oldest waiting one; returns what was done."""
    recover_abandoned(now)
    waiting = (
        ImportJob.objects.filter(
            Q(state=State.QUEUED)
            | Q(state=State.COMMITTING, claimed_until__isnull=True)
            | Q(state=State.COMMITTING, claimed_until__lt=now)
        )
        .order_by("created_at", "id")
        .first()
    )
    if waiting is None:
        return ""
    if waiting.state == State.QUEUED:
        job = pipeline.job_analyse(waiting)  # takes the job only if it is still QUEUED
        return f"analysed {job.pk}: {job.state}"
    if not retry_when_locked(partial(_claim_commit, waiting, now), what="import"):
        return ""
    job = pipeline.job_commit(waiting)
    return f"committed {job.pk}: {job.state}"


# Every round of the runner: someone may be watching the progress bar.
@periodic(IMPORT_JOB, every=timedelta(seconds=5))
def run_imports(now: datetime) -> str:
    return run_one(now)
