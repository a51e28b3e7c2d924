"""What the problem log says about a provider, for contract reviews.

Only problems with a final verdict count: every deadline kept (the clocks stopped in time) or a
deadline missed. A problem whose clock still runs or is paused has no verdict yet, and one
recorded without an agreed SLA, or whose clock cannot be computed, never has one; none of them
may pass as "kept on time".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from vendorwatch.expectations.models import Service
from vendorwatch.problems.models import ClockState, Problem
from vendorwatch.sla.models import organisation_zone


def compliance_percent(problems: int, breaches: int) -> float | None:
    """Share of problems whose deadlines were all kept, one decimal; ``None``: none to judge.

    A float: reviews keep their evidence as JSON.
    """
    if not problems:
        return None
    share = Decimal(problems - breaches) * 100 / Decimal(problems)
    return float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def judged_problems(*, provider: Any, start: date, end: date) -> QuerySet[Problem]:
    """Problems reported to ``provider`` from ``start`` to ``end`` (both days included) whose
    SLA verdict is final: all deadlines kept, or one missed."""
    zone = organisation_zone()
    since = timezone.make_aware(datetime.combine(start, time.min), zone)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone)
    return Problem.objects.filter(
        provider=provider,
        sla_policy__isnull=False,
        reported_to_provider_at__gte=since,
        reported_to_provider_at__lt=until,
    ).filter(Q(state=ClockState.MET) | Q(breached=True))


def sla_summary(*, provider: Any, start: date, end: date) -> dict[str, Any]:
    """Problems, missed deadlines and compliance for the provider as a whole."""
    problems = judged_problems(provider=provider, start=start, end=end)
    count = problems.count()
    breaches = problems.filter(breached=True).count()
    return {
        "problems": count,
        "breaches": breaches,
        "compliance_percent": compliance_percent(count, breaches),
    }


def sla_by_service(
    *, provider: Any, services: Iterable[Service], start: date, end: date
) -> list[dict[str, Any]]:
    """The same figures per service ("was the e-mail service delivered as agreed?"), one query."""
    services = list(services)
    counts = {
        row["service"]: row
        for row in judged_problems(provider=provider, start=start, end=end)
        .filter(service__in=services)
        .values("service")
        .annotate(problems=Count("id"), breaches=Count("id", filter=Q(breached=True)))
        .order_by("service")
    }
    rows = []
    for service in services:
        found = counts.get(service.pk, {"problems": 0, "breaches": 0})
        rows.append(
            {
                "service_id": service.pk,
                "service": service.name,
                "problems": found["problems"],
                "breaches": found["breaches"],
                "compliance_percent": compliance_percent(found["problems"], found["breaches"]),
            }
        )
    return rows
