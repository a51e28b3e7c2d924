from __future__ import annotations

from datetime import datetime, timedelta

from vendorwatch.jobs.registry import periodic
from vendorwatch.problems.escalation import escalations_run


@periodic("problems-clocks-and-escalations", every=timedelta(minutes=1))
def refresh_clocks_and_escalate(now: datetime) -> int:
    """States change with time: refresh the stored clocks and apply the escalation ladder."""
    return escalations_run(now=now)
