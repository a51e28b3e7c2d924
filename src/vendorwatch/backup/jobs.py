"""The daily backup: an archive in BACKUP_DIR, the newest BACKUP_KEEP kept (0: no daily backup).

A failure raises, so the job runner records it as the job's last error.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from vendorwatch.backup.services import BackupFailed, BackupResult, backup_create
from vendorwatch.jobs.registry import periodic
from vendorwatch.sla.policy_json import file_problem

DAILY_JOB = "backup-daily"
NAME = re.compile(r"vendorwatch-\d{8}-\d{6}\.tar\.gz")
# What a backup killed while writing leaves behind: the unfinished archive and the folder of
# the database copy (services.backup_create).
LEFTOVER = re.compile(r"\.vendorwatch-\d{8}-\d{6}\.tar\.gz\..+\.(part|work)")
LEFTOVER_AGE = timedelta(days=1)


@periodic(DAILY_JOB, every=timedelta(days=1))
def backup_daily(now: datetime) -> BackupResult | None:
    keep = int(settings.BACKUP_KEEP)
    if keep <= 0:
        return None
    folder = Path(settings.BACKUP_DIR)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupFailed(
            gettext("The folder for backups “%(path)s” cannot be created: %(reason)s.")
            % {"path": folder, "reason": file_problem(error)}
        ) from error
    # Local time in the name, as the people who look for "yesterday's backup" read clocks.
    name = f"vendorwatch-{timezone.localtime(now):%Y%m%d-%H%M%S}.tar.gz"
    result = backup_create(target=folder / name, now=now)
    backups_prune(folder, keep=keep, now=now)
    return result


def backups_prune(folder: Path, *, keep: int, now: datetime) -> list[Path]:
    """Delete the daily archives beyond the newest ``keep`` (by the time in their names) and
    old leftovers of killed runs; other files in the folder are never touched."""
    archives = sorted(path for path in folder.iterdir() if NAME.fullmatch(path.name))
    doomed = archives[:-keep] if keep > 0 else []
    cutoff = (now - LEFTOVER_AGE).timestamp()
    doomed += [
        path
        for path in folder.iterdir()
        if LEFTOVER.fullmatch(path.name) and _modified(path) < cutoff
    ]
    for path in doomed:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return doomed


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # a backup running beside this one finished just now
        return float("inf")
