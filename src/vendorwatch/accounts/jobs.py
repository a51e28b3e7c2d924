from __future__ import annotations

from datetime import datetime, timedelta

from vendorwatch.accounts.password_reset import password_reset_requests_process
from vendorwatch.jobs.registry import periodic


# Every round of the runner: someone is waiting for this e-mail.
@periodic("accounts-password-reset-links", every=timedelta(seconds=5))
def queue_password_reset_links(now: datetime) -> int:
    """Turn recorded password-reset requests into e-mails in the outbox."""
    return password_reset_requests_process(now=now)
