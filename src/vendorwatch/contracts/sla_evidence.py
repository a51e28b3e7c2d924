"""What the problem log says about each contracted service, for contract reviews.

:func:`vendorwatch.problems.evidence.sla_summary` answers for the provider as a whole; a
review judges service by service ("was the e-mail service delivered as agreed?"), so the
same figures are counted here per affected service, in one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from vendorwatch.expectations.models import Service
from vendorwatch.problems.models import Problem
from vendorwatch.sla.models import organisation_zone


def compliance_percent(problems: int, breaches: int) -> float | None:
    """Share of problems whose deadlines were all kept, one decimal; ``None``: none to judge.

    A float, like the provider-wide summary: reviews keep their evidence as JSON.
    """
    if not problems:
        return None
    share = Decimal(problems - breaches) * 100 / Decimal(problems)
    return float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def sla_by_service(
    *, provider: Any, services: Iterable[Service], start: date, end: date
) -> list[dict[str, Any]]:
    """One row per service: problems reported to ``provider`` from ``start`` to ``end`` (both
    days included) that named the service, how many missed an SLA deadline, compliance."""
    zone = organisation_zone()
    since = timezone.make_aware(datetime.combine(start, time.min), zone)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone)
    services = list(services)
    counts = {
        row["service"]: row
        for row in Problem.objects.filter(
            provider=provider,
            service__in=services,
            reported_to_provider_at__gte=since,
            reported_to_provider_at__lt=until,
        )
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
