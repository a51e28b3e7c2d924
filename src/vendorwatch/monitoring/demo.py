"""Demo: Brandl IT-Systemhaus's own ticket export of the last 13 months, imported and checked.

The export is written as the provider's helpdesk would (German Excel CSV: ";" separated, a
title block, dates like 23.10.2026 16:00, the provider's own "SLA eingehalten" column) and
goes through the real import, so every verdict comes from the engine. The provider is a
little too kind to itself: on some late tickets its export still says "Ja". Times are relative
to today, so the report page always has a filled last month and a 12-month trend; one month
went badly (the summer one, three months back), most kept their times.
"""

from __future__ import annotations

import csv
import io
import logging
import random
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from vendorwatch.core import businesstime as bt
from vendorwatch.demo import DemoContext, loader
from vendorwatch.monitoring.models import ImportJob, ReportRecipient
from vendorwatch.monitoring.options import ImportOptions
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy, SlaVersion, organisation_zone

logger = logging.getLogger(__name__)

PROVIDER = "Brandl IT-Systemhaus GmbH"
POLICY = "SLA Brandl IT-Systemhaus"
FILE_NAME = "Brandl-Ticketexport.csv"
MONTHS = 13
SEED = 20261
HEADER = [
    "Ticketnummer",
    "Betreff",
    "Kategorie",
    "Priorität",
    "Status",
    "Erstellt am",
    "Erste Reaktion",
    "Gelöst am",
    "SLA eingehalten",
]
PRIORITIES = [("Kritisch", "P1", 0.05), ("Hoch", "P2", 0.17), ("Mittel", "P3", 0.48)]
LOW = ("Niedrig", "P4")
TOPICS = {
    "Arbeitsplatz": ["PC startet nicht", "Bildschirm flackert", "Tastatur defekt"],
    "Drucker": ["Drucker druckt nicht", "Scanner speichert nicht", "Papierstau Etage 1"],
    "E-Mail": ["Postfach voll", "E-Mails kommen nicht an", "Outlook fragt nach Passwort"],
    "Netzwerk": ["WLAN in der Halle langsam", "VPN bricht ab", "Internet ausgefallen"],
    "Benutzer": ["Neuer Mitarbeiter: Zugang anlegen", "Passwort zurücksetzen", "Rechte Ordner"],
    "Software": ["Update Buchhaltung", "ERP meldet Fehler", "Lizenz abgelaufen"],
}


@dataclass
class DemoTicket:
    number: int
    title: str
    category: str
    priority: str
    code: str
    created: datetime
    first_response: datetime | None
    resolved: datetime | None
    provider_says: str


def office_moment(rng: random.Random, day: date) -> datetime:
    """A weekday time when people report problems (now and then just before 08:00)."""
    minutes = rng.randint(7 * 60 + 30, 17 * 60)
    at = time(minutes // 60, minutes % 60)
    return timezone.make_aware(datetime.combine(day, at), organisation_zone())


def late_share(month_back: int) -> float:
    """How often the provider misses a time: badly three months back, well otherwise; last
    month exactly once (see :func:`demo_tickets`)."""
    return {1: 0.0, 3: 0.28}.get(month_back, 0.03)


def after(version: bt.SlaPolicy, code: str, kind: str, created: datetime, share: float) -> datetime:
    """The moment ``share`` of the target's business time after ``created``."""
    targets = version.targets_for(code)
    target = targets.first_response if kind == "response" else targets.resolution
    assert target is not None
    budget = version.budget(target, created)
    return bt.due(version.clock_calendar(target), created, max(60, int(budget * share)))


def demo_tickets(policy: SlaPolicy, today: date, rng: random.Random) -> list[DemoTicket]:
    versions = list(policy.versions.order_by("valid_from"))
    engines: dict[int, bt.SlaPolicy] = {v.pk: v.to_engine() for v in versions}
    first = date(today.year, today.month, 1)
    start = max(date(first.year - 1, first.month, 1), versions[0].valid_from)
    now = timezone.now()
    tickets: list[DemoTicket] = []
    day = start
    # Last month one P2 ticket was resolved late, and the export still says "SLA eingehalten".
    pending_late = True
    while day < today:
        if day.weekday() < 5:
            month_back = (today.year - day.year) * 12 + today.month - day.month
            for _n in range(rng.choice((1, 2, 2, 3))):
                force = pending_late and month_back == 1 and day.day >= 10
                ticket = one_ticket(
                    rng, day, month_back, engines, versions, now, len(tickets), force_late=force
                )
                pending_late = pending_late and not (force and ticket.code == "P2")
                tickets.append(ticket)
        day += timedelta(days=1)
    return tickets


def in_force(versions: list[SlaVersion], day: date) -> SlaVersion:
    return [v for v in versions if v.valid_from <= day][-1]


def one_ticket(
    rng: random.Random,
    day: date,
    month_back: int,
    engines: dict[int, bt.SlaPolicy],
    versions: list[SlaVersion],
    now: datetime,
    index: int,
    *,
    force_late: bool = False,
) -> DemoTicket:
    roll, name, code = rng.random(), *LOW
    for candidate, candidate_code, share in PRIORITIES:
        if roll < share:
            name, code = candidate, candidate_code
            break
        roll -= share
    category = rng.choice(list(TOPICS))
    created = office_moment(rng, day)
    engine = engines[in_force(versions, day).pk]
    late = late_share(month_back)
    response_late = rng.random() < late / 2
    resolution_late = rng.random() < late or (force_late and code == "P2")
    response = after(
        engine,
        code,
        "response",
        created,
        rng.uniform(1.1, 2.5) if response_late else rng.uniform(0.1, 0.9),
    )
    resolution = after(
        engine,
        code,
        "resolution",
        created,
        rng.uniform(1.05, 1.8) if resolution_late else rng.uniform(0.2, 0.95),
    )
    resolution = max(resolution, response + timedelta(minutes=20))
    first_response = response if response <= now else None
    resolved = resolution if resolution <= now else None
    kept = not (response_late or resolution_late)
    says = "Ja" if kept or force_late or rng.random() < 0.35 else "Nein"
    return DemoTicket(
        number=24000 + index,
        title=rng.choice(TOPICS[category]),
        category=category,
        priority=name,
        code=code,
        created=created,
        first_response=first_response,
        resolved=resolved,
        provider_says=says if resolved is not None else "",
    )


def export_text(tickets: list[DemoTicket]) -> str:
    """The tickets as German Excel writes them, with a title block above the table."""
    zone = organisation_zone()

    def moment(value: datetime | None) -> str:
        return value.astimezone(zone).strftime("%d.%m.%Y %H:%M") if value else ""

    out = io.StringIO()
    out.write(f"Ticketbericht {PROVIDER}\r\nErstellt am {timezone.localdate():%d.%m.%Y}\r\n\r\n")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for t in tickets:
        status = "Gelöst" if t.resolved else ("In Bearbeitung" if t.first_response else "Neu")
        writer.writerow(
            [
                f"T-{t.number}",
                t.title,
                t.category,
                t.priority,
                status,
                moment(t.created),
                moment(t.first_response),
                moment(t.resolved),
                t.provider_says,
            ]
        )
    return out.getvalue()


def import_export(provider: Provider, policy: SlaPolicy, text: str) -> ImportJob:
    from vendorwatch.monitoring.pipeline import job_analyse, job_commit, job_create

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILE_NAME
        path.write_bytes(text.encode("utf-8-sig"))
        job = job_create(
            provider=provider,
            sla_policy=policy,
            file=str(path),
            file_name=FILE_NAME,
            options=ImportOptions(preset="excel_de", time_zone="Europe/Berlin"),
        )
    job = job_analyse(job)
    if job.state != ImportJob.State.PREVIEW:
        raise RuntimeError(f"demo import stopped in state {job.state}: {job.message}")
    return job_commit(job)


@loader(order=70)
def load_ticket_export(context: DemoContext) -> None:
    provider = Provider.objects.filter(name=PROVIDER).first()
    policy = SlaPolicy.objects.filter(name=POLICY).first()
    if provider is None or policy is None or not policy.versions.exists():
        return
    admin: Any = context.objects.get("admin")
    if admin is not None:
        ReportRecipient.objects.get_or_create(provider=provider, user=admin)
    if ImportJob.objects.filter(provider=provider, file_name=FILE_NAME).exists():
        return
    today = timezone.localdate(timezone=organisation_zone())
    tickets = demo_tickets(policy, today, random.Random(SEED))
    if not tickets:
        return
    job = import_export(provider, policy, export_text(tickets))
    context.messages.append(f"{job.imported} tickets of {PROVIDER} imported and checked.")
