from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from vendorwatch.accounts.roles import Role, role_of
from vendorwatch.jobs.heartbeat import runner_status
from vendorwatch.jobs.outbox import failed_messages
from vendorwatch.web.dashboard import panel


@panel("jobs/_dashboard_panel.html", order=90)
def email_panel(request: HttpRequest) -> dict[str, Any] | None:
    """For administrators, and only when something needs them: e-mails that could not be
    sent, or a job runner that has stopped (then reminders and escalations stop too)."""
    if role_of(request.user) != Role.ADMINISTRATOR:
        return None
    failed = failed_messages().count()
    runner = runner_status()
    if not failed and runner.healthy:
        return None
    return {"failed": failed, "runner": runner}
