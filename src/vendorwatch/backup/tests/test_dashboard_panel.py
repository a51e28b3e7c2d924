from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from vendorwatch.backup.jobs import DAILY_JOB
from vendorwatch.jobs.models import JobRun

pytestmark = pytest.mark.django_db


def failed_backup() -> None:
    now = timezone.now()
    JobRun.objects.create(
        name=DAILY_JOB, next_run_at=now, last_started_at=now, last_error="OSError: disk full"
    )


def test_an_administrator_is_told_when_the_daily_backup_failed(
    client: Any, admin_user: Any, settings: Any
) -> None:
    settings.BACKUP_KEEP = 7
    failed_backup()
    client.force_login(admin_user)
    page = client.get("/").content.decode()
    assert "Die tägliche Sicherung ist am" in page and "disk full" in page


def test_no_backup_notice_while_the_daily_backup_works(
    client: Any, admin_user: Any, settings: Any
) -> None:
    settings.BACKUP_KEEP = 7
    now = timezone.now()
    JobRun.objects.create(name=DAILY_JOB, next_run_at=now, last_started_at=now, last_error="")
    client.force_login(admin_user)
    assert "backup-panel-heading" not in client.get("/").content.decode()


def test_an_editor_sees_no_backup_notice(client: Any, editor: Any, settings: Any) -> None:
    settings.BACKUP_KEEP = 7
    failed_backup()
    client.force_login(editor)
    assert "backup-panel-heading" not in client.get("/").content.decode()
