"""An import from file to current tickets: read, validate, evaluate, stage, commit, undo.

Stages (ImportJob.state): QUEUED -> ANALYSING -> PREVIEW -> COMMITTING -> DONE, or FAILED /
DISCARDED / UNDONE. Analysis writes the valid rows as ExternalTicket(current=False) in chunks
(progress in job.progress_done/progress_total, committed per chunk so another process can show
it); commit flips ``current`` in one transaction; a killed run leaves only non-current rows,
which the next run removes.
"""

from __future__ import annotations

from typing import Any

from vendorwatch.monitoring.models import ImportJob
from vendorwatch.monitoring.options import ImportOptions


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
    raise NotImplementedError


def runs_inline(job: ImportJob) -> bool:
    """True when the file is small enough to be read during the request
    (settings.IMPORT_INLINE_BYTES); larger ones are left to the job runner."""
    raise NotImplementedError


def job_analyse(job: ImportJob) -> ImportJob:
    """Read and check the whole file and stage its rows; the job ends in PREVIEW (or FAILED
    with ``message`` when the file cannot be read at all)."""
    raise NotImplementedError


def job_request_commit(job: ImportJob, *, user: Any = None) -> ImportJob:
    """Commit now when small, else mark COMMITTING for the job runner."""
    raise NotImplementedError


def job_commit(job: ImportJob) -> ImportJob:
    """Make the staged rows current in one transaction; DONE."""
    raise NotImplementedError


def job_discard(job: ImportJob) -> ImportJob:
    """Drop a preview's staged rows; DISCARDED."""
    raise NotImplementedError


def job_undo(job: ImportJob, *, user: Any = None) -> ImportJob:
    """Take back a DONE import: its rows go, earlier versions of its tickets are current
    again; UNDONE."""
    raise NotImplementedError


def job_summary(job: ImportJob, *, rejections_limit: int | None = None) -> dict[str, Any]:
    """The JSON object of ``vendorwatch import-tickets --json`` (README documents it)."""
    raise NotImplementedError
