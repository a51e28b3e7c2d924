"""Workflows over several SLA records: a policy with its first version, a new version."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from vendorwatch.audit.recording import record_created
from vendorwatch.expectations.models import Service
from vendorwatch.sla.models import (
    BusinessCalendar,
    Duty,
    Level,
    MatrixCell,
    Priority,
    SlaPolicy,
    SlaVersion,
)


@dataclass(frozen=True)
class PrioritySpec:
    """One priority as entered: targets are (amount, unit, basis); no update target is None."""

    code: str
    name: str
    response: tuple[int, str, str]
    resolution: tuple[int, str, str]
    update: tuple[int, str, str] | None = None
    definition: str = ""


@dataclass(frozen=True)
class VersionTerms:
    """Everything a version promises besides its priorities."""

    calendar: BusinessCalendar
    pausing_states: Sequence[str] = ("waiting_on_us",)
    at_risk_percent: int = 75
    business_day_convention: str = "daily_hours"
    credit_percent_per_breach: Decimal = Decimal("0")
    credit_cap_percent: Decimal = Decimal("0")
    change_note: str = ""
    # (impact, urgency) -> priority code
    matrix: Mapping[tuple[str, str], str] = field(default_factory=dict)
    customer_duties: Sequence[str] = ()
    provider_duties: Sequence[str] = ()
    service_targets: Mapping[Service, Decimal] = field(default_factory=dict)


DEFAULT_MATRIX = {
    (Level.HIGH, Level.HIGH): "P1",
    (Level.HIGH, Level.MEDIUM): "P2",
    (Level.MEDIUM, Level.HIGH): "P2",
    (Level.HIGH, Level.LOW): "P3",
    (Level.MEDIUM, Level.MEDIUM): "P3",
    (Level.LOW, Level.HIGH): "P3",
    (Level.MEDIUM, Level.LOW): "P4",
    (Level.LOW, Level.MEDIUM): "P4",
    (Level.LOW, Level.LOW): "P4",
}


@transaction.atomic
def sla_version_create(
    *,
    policy: SlaPolicy,
    valid_from: date,
    terms: VersionTerms,
    priorities: Sequence[PrioritySpec],
    created_by: Any = None,
) -> SlaVersion:
    """Add the next version of ``policy``, valid from ``valid_from``, in one transaction."""
    if not priorities:
        raise ValueError("an SLA version needs at least one priority")
    # Lock the policy row: versions of one policy are numbered one after the other.
    SlaPolicy.objects.select_for_update().filter(pk=policy.pk).first()
    latest = SlaVersion.objects.filter(policy=policy).aggregate(Max("number"))
    version = SlaVersion.objects.create(
        policy=policy,
        number=(latest["number__max"] or 0) + 1,
        valid_from=valid_from,
        calendar=terms.calendar,
        calendar_snapshot=terms.calendar.definition(),
        pausing_states=list(terms.pausing_states),
        at_risk_percent=terms.at_risk_percent,
        business_day_convention=terms.business_day_convention,
        credit_percent_per_breach=terms.credit_percent_per_breach,
        credit_cap_percent=terms.credit_cap_percent,
        change_note=terms.change_note,
        created_by=created_by if getattr(created_by, "pk", None) else None,
    )
    by_code = {}
    for rank, spec in enumerate(priorities, start=1):
        update = spec.update or (None, "hours", "business")
        by_code[spec.code] = Priority.objects.create(
            version=version,
            rank=rank,
            code=spec.code,
            name=spec.name,
            definition=spec.definition,
            response_amount=spec.response[0],
            response_unit=spec.response[1],
            response_basis=spec.response[2],
            resolution_amount=spec.resolution[0],
            resolution_unit=spec.resolution[1],
            resolution_basis=spec.resolution[2],
            update_amount=update[0],
            update_unit=update[1],
            update_basis=update[2],
        )
    lowest = by_code[priorities[-1].code]
    for impact in Level.values:
        for urgency in Level.values:
            code = terms.matrix.get((impact, urgency))
            MatrixCell.objects.create(
                version=version,
                impact=impact,
                urgency=urgency,
                priority=by_code.get(code or "", lowest),
            )
    duties = [(Duty.Party.CUSTOMER, t) for t in terms.customer_duties] + [
        (Duty.Party.PROVIDER, t) for t in terms.provider_duties
    ]
    record_created(
        Duty.objects.bulk_create(
            Duty(version=version, party=party, text=text, order=order)
            for order, (party, text) in enumerate(duties)
        )
    )
    for service, percent in terms.service_targets.items():
        version.service_targets.create(service=service, availability_percent=percent)
    return version


@transaction.atomic
def sla_policy_create(
    *,
    name: str,
    provider: Any = None,
    description: str = "",
    valid_from: date,
    terms: VersionTerms,
    priorities: Sequence[PrioritySpec],
    created_by: Any = None,
) -> SlaPolicy:
    """A new policy and its first version."""
    policy = SlaPolicy.objects.create(name=name, provider=provider, description=description)
    sla_version_create(
        policy=policy,
        valid_from=valid_from,
        terms=terms,
        priorities=priorities,
        created_by=created_by,
    )
    return policy
