"""An import from file to current tickets: read, validate, evaluate, stage, commit, undo.

Stages (ImportJob.state): QUEUED -> ANALYSING -> PREVIEW -> COMMITTING -> DONE, or FAILED /
DISCARDED / UNDONE. Analysis writes the valid rows as ExternalTicket rows in chunks (progress
in job.progress_done/progress_total, committed per chunk so another process can show it);
they count only once the job is DONE, so commit changes only the earlier versions of the same
tickets, in one transaction; a killed run leaves rows of a job that is not DONE, which count
nowhere and which the next run removes. The analysis itself is in :mod:`.analysis`.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from vendorwatch.audit.recording import record_update
from vendorwatch.jobs.locking import retry_when_locked
from vendorwatch.monitoring import reasons, staging
from vendorwatch.monitoring.analysis import LEASE, Analysis, CannotImport, JobLost
from vendorwatch.monitoring.models import ExternalTicket, ImportJob, ImportPreset, ImportRejection
from vendorwatch.monitoring.options import ImportOptions
from vendorwatch.monitoring.reading import UnreadableFile

logger = logging.getLogger(__name__)

State = ImportJob.State

MAX_ATTEMPTS = 3


def job_create(
    *,
    provider: Any,
    sla_policy: Any,
    file: Any,  # an UploadedFile, or a path (str) for the command line
    file_name: str,
    options: ImportOptions,
    user: Any = None,
) -> ImportJob:
    """Store the file and create a QUEUED job (nothing read yet)."""
    job = ImportJob(
        provider=provider,
        sla_policy=sla_policy,
        file_name=os.path.basename(file_name)[:255] or "export",
        preset=options.preset[:60],
        options=options.to_json(),
        state=State.QUEUED,
        created_by=user,
    )
    if isinstance(file, (str, os.PathLike)):
        with open(file, "rb") as handle:
            job.file.save(job.file_name, File(handle), save=False)
    else:
        job.file.save(job.file_name, file, save=False)
    job.file_size = job.file.size
    job.save()
    return job


def runs_inline(job: ImportJob) -> bool:
    """True when the file is small enough to be read during the request
    (settings.IMPORT_INLINE_BYTES); larger ones are left to the job runner."""
    return job.file_size <= settings.IMPORT_INLINE_BYTES


def job_analyse(job: ImportJob) -> ImportJob:
    """Read and check the whole file and stage its rows; the job ends in PREVIEW (or FAILED
    with ``message`` when the file cannot be read at all).

    Only a QUEUED job is taken (with a conditional update, so two processes never read the
    same job); for any other the job is returned as it is.
    """
    now = timezone.now()
    claimed = retry_when_locked(
        lambda: ImportJob.objects.filter(pk=job.pk, state=State.QUEUED).update(
            state=State.ANALYSING,
            claimed_until=now + LEASE,
            attempts=F("attempts") + 1,
            progress_done=0,
            progress_total=0,
            message="",
        ),
        what=f"import {job.pk}",
    )
    job.refresh_from_db()
    if not claimed:
        return job
    try:
        Analysis(job, now=now).run()
    except JobLost:
        logger.warning("import %s was taken over by another run", job.pk)
    except (UnreadableFile, CannotImport) as error:
        _fail(job, attempt=job.attempts, message=str(error))
    except Exception:
        _retry_later(job, attempt=job.attempts)
        raise
    job.refresh_from_db()
    return job


def _fail(job: ImportJob, *, attempt: int, message: str) -> None:
    """FAILED with the message; the job's staged rows and rejections go."""

    def fail() -> None:
        with transaction.atomic():
            if _release(job, attempt, state=State.FAILED, message=message):
                _drop_staged(job)

    retry_when_locked(fail, what=f"import {job.pk}")


def _retry_later(job: ImportJob, *, attempt: int) -> None:
    """After an unexpected error: back to the queue, or FAILED after the last attempt."""
    last = attempt >= MAX_ATTEMPTS
    message = gettext(
        "The file could not be read because of an error in Vendorwatch. Please try again "
        "or tell your administrator."
    )
    with transaction.atomic():
        if _release(
            job,
            attempt,
            state=State.FAILED if last else State.QUEUED,
            message=message if last else "",
        ):
            _drop_staged(job)


def _release(job: ImportJob, attempt: int, *, state: str, message: str) -> bool:
    return bool(
        ImportJob.objects.filter(pk=job.pk, state=State.ANALYSING, attempts=attempt).update(
            state=state, message=message, claimed_until=None
        )
    )


def _drop_staged(job: ImportJob) -> None:
    staging.delete_staged(job.pk)
    ImportRejection.objects.filter(job=job).delete()


def job_reanalyse(job: ImportJob, options: ImportOptions) -> ImportJob:
    """Read a previewed (or failed) file again with other settings: back to QUEUED."""

    def reset() -> None:
        with transaction.atomic():
            if ImportJob.objects.filter(pk=job.pk, state__in=[State.PREVIEW, State.FAILED]).update(
                state=State.QUEUED,
                preset=options.preset[:60],
                options=options.to_json(),
                preset_used="",
                assumptions=[],
                rows_read=0,
                imported=0,
                updated=0,
                superseded=0,
                rejected=0,
                disagreements=0,
                progress_done=0,
                progress_total=0,
                message="",
                attempts=0,
                claimed_until=None,
            ):
                # The trail: the settings the file is read with now (the job as loaded).
                settings_now = {"preset": options.preset[:60], "options": options.to_json()}
                record_update(job, {"preset": job.preset, "options": job.options}, settings_now)
                _drop_staged(job)

    retry_when_locked(reset, what=f"import {job.pk}")
    job.refresh_from_db()
    return job


def job_request_commit(job: ImportJob, *, user: Any = None) -> ImportJob:
    """Commit now when small, else mark COMMITTING for the job runner."""
    if job.state != State.PREVIEW:
        return job
    if runs_inline(job):
        return job_commit(job)
    retry_when_locked(
        lambda: ImportJob.objects.filter(pk=job.pk, state=State.PREVIEW).update(
            state=State.COMMITTING, claimed_until=None, attempts=0
        ),
        what=f"import {job.pk}",
    )
    job.refresh_from_db()
    return job


def _lock_provider(job: ImportJob) -> None:
    """Commits and undos of one provider one after the other (PostgreSQL; SQLite's write
    transactions are one at a time anyway)."""
    from vendorwatch.providers.models import Provider

    list(Provider.objects.select_for_update().filter(pk=job.provider_id).values("pk"))


COMMIT_FIELDS = ("state", "committed_at", "imported", "updated", "outdated")


def job_commit(job: ImportJob) -> ImportJob:
    """Make the staged rows the tickets in force, in one transaction; DONE."""

    def commit() -> None:
        with transaction.atomic():
            _lock_provider(job)
            before = (
                ImportJob.objects.filter(pk=job.pk, state__in=[State.PREVIEW, State.COMMITTING])
                .values(*COMMIT_FIELDS)
                .first()
            )
            if before is None:
                return
            staged = before["imported"] + before["updated"] + before["outdated"]
            replaced, outdated = staging.make_current(job.pk, job.provider_id, State.DONE)
            after = {
                "state": State.DONE,
                "committed_at": timezone.now(),
                "imported": staged - replaced - outdated,
                "updated": replaced,
                "outdated": outdated,
            }
            ImportJob.objects.filter(pk=job.pk).update(**after, claimed_until=None)
            # The audit trail: one entry for the whole import, none per ticket.
            record_update(job, before, after)

    retry_when_locked(commit, what=f"import {job.pk}")
    job.refresh_from_db()
    return job


def job_discard(job: ImportJob, *, user: Any = None) -> ImportJob:
    """Drop a preview's staged rows; DISCARDED, with who did it and when."""

    def discard() -> bool:
        with transaction.atomic():
            before = (
                ImportJob.objects.filter(pk=job.pk, state__in=[State.PREVIEW, State.FAILED])
                .values("state")
                .first()
            )
            after = {"state": State.DISCARDED, "undone_at": timezone.now(), "undone_by": user}
            if before is None or not ImportJob.objects.filter(
                pk=job.pk, state__in=[State.PREVIEW, State.FAILED]
            ).update(**after, claimed_until=None):
                return False
            record_update(job, before, after)
            _drop_staged(job)
            return True

    if retry_when_locked(discard, what=f"import {job.pk}"):
        job.refresh_from_db()
        _delete_file(job)
    job.refresh_from_db()
    return job


def job_forget(job: ImportJob) -> None:
    """Remove a job whose rows never became current (a dry run) without a trace: its
    staged rows, rejections, stored file and the job itself."""
    if job.state not in (State.PREVIEW, State.FAILED, State.DISCARDED, State.QUEUED):
        raise ValueError(f"import {job.pk} is {job.state}: it cannot be forgotten")

    def forget() -> None:
        with transaction.atomic():
            _drop_staged(job)
            ImportJob.objects.filter(pk=job.pk).delete()

    _delete_file(job)
    retry_when_locked(forget, what=f"import {job.pk}")


def _delete_file(job: ImportJob) -> None:
    if job.file:
        try:
            job.file.delete(save=False)
            ImportJob.objects.filter(pk=job.pk).update(file="")
        except OSError:
            logger.warning("import %s: the stored file could not be removed", job.pk)


def job_undo(job: ImportJob, *, user: Any = None) -> ImportJob:
    """Take back a DONE import: its rows go, earlier versions of its tickets are current
    again; UNDONE."""

    def undo() -> None:
        with transaction.atomic():
            _lock_provider(job)
            after = {"state": State.UNDONE, "undone_at": timezone.now(), "undone_by": user}
            if not ImportJob.objects.filter(pk=job.pk, state=State.DONE).update(**after):
                return
            record_update(job, {"state": State.DONE}, after)
            staging.restore_previous(job.pk, job.provider_id, State.DONE)
            staging.delete_staged(job.pk)

    retry_when_locked(undo, what=f"import {job.pk}")
    job.refresh_from_db()
    return job


def _preset_name(key: str) -> str:
    """A built-in preset's key as it is ("zammad"); a saved one by its name."""
    if key.startswith("saved:"):
        number = key.removeprefix("saved:")
        saved = ImportPreset.objects.filter(pk=int(number)).first() if number.isdigit() else None
        return saved.name if saved else key
    return key


def job_summary(
    job: ImportJob, *, rejections_limit: int | None = None, dry_run: bool = False
) -> dict[str, Any]:
    """The JSON object of ``vendorwatch import-tickets --json`` (README documents it)."""
    rejections = job.rejections.order_by("row", "id")
    if rejections_limit is not None:
        rejections = rejections[:rejections_limit]
    listed = [
        {
            "row": r.row,
            "field": r.field,
            "reason": reasons.rejection_text(r.reason, r.field, r.value),
            "code": r.reason,
        }
        for r in rejections
    ]
    disagreeing = ExternalTicket.objects.filter(job=job, disagrees=True).order_by("row")
    summary: dict[str, Any] = {
        "file": job.file_name,
        "provider": job.provider.name,
        "sla_policy": job.sla_policy.name,
        "preset": _preset_name(job.preset_used or job.preset),
        "dry_run": dry_run,
        "state": job.state,
        "counts": {
            "read": job.rows_read,
            "imported": job.imported,
            "updated": job.updated,
            "outdated": job.outdated,
            "superseded": job.superseded,
            "rejected": job.rejected,
            "disagreements": job.disagreements,
        },
        "rejected": listed,
        "rejected_complete": len(listed) == job.rejected,
        "disagreements": list(disagreeing.values_list("ticket_id", flat=True)),
        "assumptions": [
            reasons.assumption_text(item.get("code", ""), item.get("params"))
            for item in job.assumptions
        ],
    }
    if job.state == State.FAILED:
        summary["error"] = job.message
    return summary
