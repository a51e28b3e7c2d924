from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from vendorwatch.contracts.reminders import contract_reminders_queue
from vendorwatch.jobs.models import JobRun
from vendorwatch.jobs.registry import periodic

REMINDER_JOB = "contracts-notice-reminders"


@periodic(REMINDER_JOB, every=timedelta(hours=1))
def queue_notice_reminders(now: datetime) -> int:
    """Reminders fall due by the local calendar day; hourly runs catch a new day early."""
    return contract_reminders_queue(today=timezone.localdate(now))


def reminders_due_now() -> None:
    """Make the reminder job due at the next round of ``run-jobs``: a contract just entered
    or changed may need its reminder today, not at the next hourly run. Only moves the due
    time earlier, so it never delays the job (and a job never run is due anyway)."""
    now = timezone.now()
    JobRun.objects.filter(name=REMINDER_JOB, next_run_at__gt=now).update(next_run_at=now)
