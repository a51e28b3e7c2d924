from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from vendorwatch.problems.models import ClockState, Escalation, Problem
from vendorwatch.web.dashboard import panel


@panel("problems/_dashboard_panel.html", order=20)
def problems_panel(request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.has_perm("problems.view_problem"):
        return None
    labels = dict(ClockState.choices)
    counts = (
        Problem.objects.filter(is_open=True)
        .values("state")
        .annotate(count=Count("id"))
        .order_by("state")
    )
    start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return {
        "problem_states": [
            {"state": c["state"], "label": labels.get(c["state"], c["state"]), "count": c["count"]}
            for c in counts
        ],
        "breaches_this_month": Problem.objects.filter(breached_at__gte=start).count(),
        "next_due": Problem.objects.filter(is_open=True, next_due__isnull=False)
        .select_related("provider")
        .order_by("next_due")[:5],
        "drafts": Escalation.objects.filter(status=Escalation.Status.DRAFTED).count(),
    }
