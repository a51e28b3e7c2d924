"""Ticket exports written by the tests of the import pipeline, and a quick way to import them.

Files use the generic preset with the columns named explicitly, so these tests check the
pipeline, not the detection of a tool's format (the preset tests do that).
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from vendorwatch.monitoring import pipeline
from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.options import ImportOptions
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.sla.tests.factory import make_calendar, make_policy, terms
from vendorwatch.testing.factory import make_organisation, make_provider

BERLIN = ZoneInfo("Europe/Berlin")

HEADER = ["Ticket", "Created", "First response", "Resolved", "Priority", "Title", "Updated"]
COLUMNS = {
    "id": "Ticket",
    "created": "Created",
    "first_response": "First response",
    "resolved": "Resolved",
    "priority": "Priority",
    "title": "Title",
    "updated": "Updated",
}


def local(text: str) -> datetime:
    """ "2026-03-02 09:00" in Berlin time, aware."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=BERLIN)


def make_monitoring(**policy_fields: Any) -> tuple[Provider, SlaPolicy]:
    """A company in Bavaria, its provider and their SLA: Mon–Fri 08–17 Berlin time, Bavarian
    holidays, from 1 January 2026; P2 = 1 h response, 8 h resolution (business time)."""
    make_organisation(name="Beispiel GmbH", federal_state="DE-BY")
    provider = make_provider(name="Brandl IT GmbH")
    calendar = make_calendar(name="Mo–Fr 8–17 Uhr", holiday_region="DE-BY")
    policy_fields.setdefault("terms", terms(calendar))
    policy = make_policy(name="SLA Brandl", provider=provider, **policy_fields)
    return provider, policy


def ticket(
    number: str,
    created: str,
    first_response: str = "",
    resolved: str = "",
    priority: str = "P2",
    title: str = "Drucker",
    updated: str = "",
    **extra: str,
) -> dict[str, str]:
    return {
        "Ticket": number,
        "Created": created,
        "First response": first_response,
        "Resolved": resolved,
        "Priority": priority,
        "Title": title,
        "Updated": updated,
        **extra,
    }


def write_csv(directory: Path, tickets: list[dict[str, str]], *, name: str = "export.csv") -> Path:
    header = list(HEADER)
    for row in tickets:
        header += [key for key in row if key not in header]
    path = directory / name
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, delimiter=";")
        writer.writeheader()
        writer.writerows(tickets)
    return path


def options(**overrides: Any) -> ImportOptions:
    columns = dict(COLUMNS)
    columns.update(overrides.pop("columns", {}))
    values: dict[str, Any] = {
        "preset": "generic",
        "columns": columns,
        "date_format": "%Y-%m-%d %H:%M",
        "time_zone": "Europe/Berlin",
    }
    values.update(overrides)
    return ImportOptions(**values)


def analyse(
    path: Path, provider: Provider, policy: SlaPolicy, **option_overrides: Any
) -> ImportJob:
    job = pipeline.job_create(
        provider=provider,
        sla_policy=policy,
        file=str(path),
        file_name=path.name,
        options=options(**option_overrides),
    )
    return pipeline.job_analyse(job)


def run_import(
    path: Path, provider: Provider, policy: SlaPolicy, **option_overrides: Any
) -> ImportJob:
    """Analyse and commit; the job must reach DONE."""
    job = analyse(path, provider, policy, **option_overrides)
    assert job.state == ImportJob.State.PREVIEW, job.message
    job = pipeline.job_commit(job)
    assert job.state == ImportJob.State.DONE
    return job


def current(provider: Provider) -> dict[str, ExternalTicket]:
    return {t.ticket_id: t for t in ExternalTicket.objects.in_force().filter(provider=provider)}


def snapshot(provider: Provider) -> list[tuple[Any, ...]]:
    """Everything the pages and reports can see of the provider's tickets."""
    return list(
        ExternalTicket.objects.in_force()
        .filter(provider=provider)
        .order_by("ticket_id")
        .values_list("ticket_id", "job_id", "row", "title", "created", "resolved")
    )
