"""What the problem log says about a provider, for contract reviews."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

from vendorwatch.problems.models import Problem
from vendorwatch.sla.models import organisation_zone


def sla_summary(*, provider: Any, start: date, end: date) -> dict[str, Any]:
    """Problems reported to ``provider`` from ``start`` to ``end`` (both days included).

    Compliance is the share of those problems whose deadlines were all kept; ``None`` when
    there were no problems to judge.
    """
    zone = organisation_zone()
    since = timezone.make_aware(datetime.combine(start, time.min), zone)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone)
    problems = Problem.objects.filter(
        provider=provider, reported_to_provider_at__gte=since, reported_to_provider_at__lt=until
    )
    count = problems.count()
    breaches = problems.filter(breached=True).count()
    compliance = None
    if count:
        # A float with one decimal: reviews keep the evidence as JSON.
        share = Decimal(count - breaches) * 100 / Decimal(count)
        compliance = float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return {"problems": count, "breaches": breaches, "compliance_percent": compliance}
