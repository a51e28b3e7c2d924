"""The daily backup job: an archive a day in BACKUP_DIR, the newest BACKUP_KEEP kept."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from vendorwatch.backup.jobs import DAILY_JOB, backup_daily, backups_prune
from vendorwatch.jobs import registry
from vendorwatch.jobs.models import JobRun

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_KEEP = 2
    return settings.BACKUP_DIR


def test_the_newest_archives_are_kept_and_other_files_left_alone(backup_dir, time_machine) -> None:
    backup_dir.mkdir()
    others = ["notes.txt", "vendorwatch-before-update.tar.gz", "vendorwatch-20200101-000000.tar"]
    for name in others:
        (backup_dir / name).write_text("not the job's")
    for day in (1, 2, 3):
        time_machine.move_to(datetime(2026, 11, day, 2, 30, tzinfo=BERLIN), tick=False)
        backup_daily(timezone.now())
    assert sorted(path.name for path in backup_dir.iterdir()) == sorted(
        [*others, "vendorwatch-20261102-023000.tar.gz", "vendorwatch-20261103-023000.tar.gz"]
    )


def test_no_daily_backup_when_none_is_to_be_kept(backup_dir, settings) -> None:
    settings.BACKUP_KEEP = 0
    assert backup_daily(timezone.now()) is None
    assert not backup_dir.exists()


def test_a_failed_daily_backup_is_recorded_as_the_jobs_error(backup_dir, monkeypatch) -> None:
    backup_dir.write_text("a file where the folder should be")
    monkeypatch.setattr(
        registry, "_JOBS", {job.name: job for job in registry.jobs() if job.name == DAILY_JOB}
    )
    assert registry._JOBS[DAILY_JOB].every == timedelta(days=1)
    assert registry.run_due_jobs() == [DAILY_JOB]
    assert JobRun.objects.get(name=DAILY_JOB).last_error.startswith("BackupFailed: ")


def test_leftovers_of_a_killed_backup_go_after_a_day(tmp_path) -> None:
    now = timezone.now()
    old = tmp_path / ".vendorwatch-20261101-023000.tar.gz.k2j4.part"
    fresh = tmp_path / ".vendorwatch-20261103-023000.tar.gz.x7q1.part"
    folder = tmp_path / ".vendorwatch-20261101-023000.tar.gz.a9b8.work"
    for path in (old, fresh):
        path.write_bytes(b"half an archive")
    folder.mkdir()
    (folder / "database.sqlite3").write_bytes(b"copy")
    for path in (old, folder):
        stamp = (now - timedelta(days=2)).timestamp()
        os.utime(path, (stamp, stamp))

    backups_prune(tmp_path, keep=2, now=now)

    assert [path.name for path in tmp_path.iterdir()] == [fresh.name]
