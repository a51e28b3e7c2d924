"""A notice for administrators when the daily backup failed, and only then."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from vendorwatch.accounts.roles import Role, role_of
from vendorwatch.backup.jobs import DAILY_JOB
from vendorwatch.jobs.models import JobRun
from vendorwatch.web.dashboard import panel


@panel("backup/_dashboard_panel.html", order=91)
def backup_panel(request: HttpRequest) -> dict[str, Any] | None:
    if role_of(request.user) != Role.ADMINISTRATOR or int(settings.BACKUP_KEEP) <= 0:
        return None
    run = JobRun.objects.filter(name=DAILY_JOB).exclude(last_error="").first()
    if run is None:
        return None
    return {
        "failed_at": run.last_started_at,
        "error": run.last_error,
        "folder": settings.BACKUP_DIR,
    }
