"""Imported tickets for the report tests, written directly with the verdicts a test needs.

The verdicts are given, not computed: these tests check how the report counts, and the
hand-worked values in each test follow from the rows it writes.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.report import forget_counted_months
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import BusinessCalendar, SlaPolicy
from vendorwatch.sla.tests.factory import make_calendar, make_policy, terms
from vendorwatch.testing.factory import make_organisation, make_provider

BERLIN = ZoneInfo("Europe/Berlin")
CALENDAR = "Mo–Fr 8–17 Uhr"
_numbers = count(1)


def local(text: str) -> datetime:
    """ "2026-11-02 09:00" in Berlin time, aware."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=BERLIN)


def make_setup(
    provider_name: str = "Brandl IT GmbH", **policy_fields: Any
) -> tuple[Provider, SlaPolicy, ImportJob]:
    """A company in Bavaria, a provider, its SLA (5 % credit per breach, cap 20 %) and a
    finished import."""
    make_organisation(name="Beispiel GmbH", federal_state="DE-BY", document_language="de")
    provider = make_provider(name=provider_name)
    calendar = BusinessCalendar.objects.filter(name=CALENDAR).first() or make_calendar(
        name=CALENDAR, holiday_region="DE-BY"
    )
    policy_fields.setdefault("name", "SLA Brandl")
    policy_fields.setdefault(
        "terms",
        terms(calendar, credit_percent_per_breach=Decimal("5"), credit_cap_percent=Decimal("20")),
    )
    policy = make_policy(provider=provider, **policy_fields)
    return provider, policy, make_job(provider, policy)


def make_job(provider: Provider, policy: SlaPolicy, **fields: Any) -> ImportJob:
    fields.setdefault("file_name", "export.csv")
    fields.setdefault("state", ImportJob.State.DONE)
    fields.setdefault("committed_at", timezone.now())
    return ImportJob.objects.create(provider=provider, sla_policy=policy, **fields)


def make_ticket(
    job: ImportJob, created: str | datetime, rank: int = 2, **fields: Any
) -> ExternalTicket:
    """A current ticket of the job's provider under the SLA version of its creation day."""
    when = local(created) if isinstance(created, str) else created
    for name in ("first_response", "resolved", "response_due", "resolution_due"):
        if isinstance(fields.get(name), str):
            fields[name] = local(fields[name])
    number = next(_numbers)
    fields.setdefault("ticket_id", f"T-{number}")
    fields.setdefault("row", number)
    if "sla_version" not in fields:
        fields["sla_version"] = job.sla_policy.version_at(when)
    fields.setdefault("current", True)
    # Written directly, not imported: the months the report kept are no longer right.
    forget_counted_months()
    return ExternalTicket.objects.create(
        provider=job.provider, job=job, created=when, priority_rank=rank, **fields
    )
