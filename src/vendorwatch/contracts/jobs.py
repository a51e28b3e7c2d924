from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from vendorwatch.contracts.reminders import contract_reminders_queue
from vendorwatch.jobs.registry import periodic


@periodic("contracts-notice-reminders", every=timedelta(hours=1))
def queue_notice_reminders(now: datetime) -> int:
    """Reminders fall due by the local calendar day; hourly runs catch a new day early."""
    return contract_reminders_queue(today=timezone.localdate(now))
