"""The SLA part of the expectations document: every policy with the version that applies."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from vendorwatch.sla.models import SlaPolicy, SlaVersion, organisation_zone


def sla_document_context() -> dict[str, Any]:
    versions = SlaVersion.objects.select_related("calendar").prefetch_related(
        "priorities", "duties", "service_targets__service"
    )
    policies = SlaPolicy.objects.select_related("provider").prefetch_related(
        Prefetch("versions", queryset=versions)
    )
    today = timezone.localtime(timezone.now(), organisation_zone()).date()
    rows = []
    for policy in policies:
        ordered = sorted(policy.versions.all(), key=lambda version: version.valid_from)
        valid = [version for version in ordered if version.valid_from <= today]
        # The version in force today; a policy that starts later shows its first version.
        version = valid[-1] if valid else (ordered[0] if ordered else None)
        if version is not None:
            rows.append({"policy": policy, "version": version})
    return {"sla_policies": rows}
