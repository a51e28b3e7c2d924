"""The SLA part of the expectations document: every policy with the version that applies."""

from __future__ import annotations

from typing import Any

from vendorwatch.sla.models import SlaPolicy


def sla_document_context() -> dict[str, Any]:
    policies = SlaPolicy.objects.select_related("provider").prefetch_related("versions")
    rows = [{"policy": p, "version": p.current_version or p.latest_version} for p in policies]
    return {"sla_policies": [row for row in rows if row["version"] is not None]}
