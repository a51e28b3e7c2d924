from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from vendorwatch.contracts.costs import over_budget
from vendorwatch.contracts.deadlines import (
    contract_deadlines,
    contracts_sending_by,
    notice_still_to_send,
    remember_send_dates,
)
from vendorwatch.contracts.models import Certificate
from vendorwatch.web.dashboard import panel

HORIZON_DAYS = 90
CERTIFICATE_DAYS = 60
# Expired certificates stay on the dashboard this long; older ones are on the contract page.
CERTIFICATE_EXPIRED_DAYS = 90
# Each list on the dashboard shows the most pressing entries; the rest is one link away.
SHOWN = 10


@panel("contracts/_dashboard_panel.html", order=40)
def contracts_panel(request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.has_perm("contracts.view_contract"):
        return None
    today = timezone.localdate()
    horizon = today + timedelta(days=HORIZON_DAYS)
    candidates = (
        contracts_sending_by(horizon, today)
        .filter(notice_still_to_send())
        .select_related("provider")
    )
    rows = contract_deadlines(list(candidates), today)
    remember_send_dates(rows, today)
    upcoming = [
        row
        for row in rows
        if row.result is not None
        and row.result.recommended_send_date is not None
        and (row.too_late_for_post or row.result.recommended_send_date <= horizon)
    ]
    upcoming.sort(key=lambda row: row.result.arrive_by or today if row.result else today)
    over, over_count = over_budget(today.year, SHOWN)
    return {
        "upcoming": upcoming[:SHOWN],
        "upcoming_more": max(0, len(upcoming) - SHOWN),
        "unreadable": [row for row in rows if row.failed],
        "certificates": Certificate.objects.filter(
            valid_until__gte=today - timedelta(days=CERTIFICATE_EXPIRED_DAYS),
            valid_until__lte=today + timedelta(days=CERTIFICATE_DAYS),
        )
        .select_related("contract")
        .order_by("valid_until", "pk"),
        "certificate_days": CERTIFICATE_DAYS,
        "certificate_expired_days": CERTIFICATE_EXPIRED_DAYS,
        "over_budget": over,
        "over_budget_more": over_count - len(over),
        "today": today,
    }
