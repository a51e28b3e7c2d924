"""The reports panel of the dashboard: last month's answer for each provider with imports."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from vendorwatch.monitoring import report as figures
from vendorwatch.monitoring.models import ImportJob
from vendorwatch.providers.models import Provider
from vendorwatch.web.dashboard import panel


@panel("monitoring/report_dashboard_panel.html", order=30)
def reports_panel(request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.has_perm("monitoring.view_externalticket"):
        return None
    providers = list(
        Provider.objects.filter(ticket_imports__state=ImportJob.State.DONE)
        .distinct()
        .order_by("name")
    )
    if not providers:
        return None
    start, end = figures.last_full_month()
    answers = figures.latest_answers(providers, start)
    query = f"?from={start:%d.%m.%Y}&to={end:%d.%m.%Y}"
    return {
        "month": figures.month_label(start),
        "rows": [
            {
                "provider": provider,
                "total": answers[provider.pk],
                "state": figures.answer_state(answers[provider.pk]),
                "headline": figures.answer_headline(answers[provider.pk]),
                "url": reverse("monitoring-report", args=[provider.pk]) + query,
            }
            for provider in providers
        ],
    }
