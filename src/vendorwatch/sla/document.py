"""The SLA part of one provider's expectations document: its policies, each in the version
that applies today.

Only policies of that provider appear: a policy without a provider could belong to anyone,
so the document page asks to assign it instead of handing it to every provider. Availability
targets are shown for the provider's own services and for those nobody provides yet.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import (
    MatrixCell,
    ServiceTarget,
    SlaPolicy,
    SlaVersion,
    organisation_zone,
)


def sla_document_context(*, provider: Provider) -> dict[str, Any]:
    targets = ServiceTarget.objects.filter(
        Q(service__provider=provider) | Q(service__provider__isnull=True)
    ).select_related("service")
    versions = SlaVersion.objects.select_related("calendar").prefetch_related(
        "priorities",
        "duties",
        Prefetch("service_targets", queryset=targets),
        Prefetch("matrix", queryset=MatrixCell.objects.select_related("priority")),
    )
    policies = (
        SlaPolicy.objects.filter(provider=provider)
        .select_related("provider")
        .prefetch_related(Prefetch("versions", queryset=versions))
    )
    today = timezone.localtime(timezone.now(), organisation_zone()).date()
    rows = []
    for policy in policies:
        computable = [v for v in policy.versions.all() if v.is_computable]
        ordered = sorted(computable, key=lambda version: version.valid_from)
        valid = [version for version in ordered if version.valid_from <= today]
        # The version in force today; a policy that starts later shows its first version.
        version = valid[-1] if valid else (ordered[0] if ordered else None)
        rows.append({"policy": policy, "version": version})
    return {"sla_policies": rows}


def policies_without_provider() -> list[SlaPolicy]:
    """Policies that no document shows, because nobody knows whose they are."""
    return list(SlaPolicy.objects.filter(provider__isnull=True).order_by("name"))
