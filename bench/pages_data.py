"""A realistic large data set for measuring pages (a script and a module, not a test).

At scale 1.0: 100,013 problems (about 483,000 events, 788 open) reported by eight people to
twelve providers, five of them with an SLA of two versions, most problems on a service;
502 contracts with 12,012 invoices (about 16,800 lines), 202 certificates (175 long
expired), budgets, prepaid hours, requirements, a RACI matrix, two ticket imports per SLA
provider and a calendar feed. The few structural records come from the project's factories;
the mass is written with bulk_create.

    python bench/pages_data.py [--scale 0.1]     # on DATABASE_URL (migrated first) or SQLite
                                                  # in VENDORWATCH_DATA_DIR

As a module, inside a configured Django: ``from pages_data import build; data = build()``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROBLEMS = 100_013
OPEN = 788
CONTRACTS = 502
INVOICES = 12_012
CERTIFICATES = 202
EXPIRED_CERTIFICATES = 175
TICKETS_PER_IMPORT = 1_000
BATCH = 5_000
FEED_TOKEN = "bench-calendar-feed-token"
PASSWORD = "bench pages password"

PROVIDER_NAMES = [
    "Systemhaus Huber GmbH",
    "NetzWerk Augsburg KG",
    "Cloudwerk Süd GmbH",
    "Druckerdienst Maier",
    "Telefonanlagen Schmid GmbH",
    "IT-Service Lechfeld",
    "Backup & Archiv AG",
    "Kassensysteme Wagner",
    "Softwarehaus Berger GmbH",
    "Webhosting Donau",
    "Sicherheit24 GmbH",
    "Kopierer Fischer OHG",
]
SLA_PROVIDERS = 5
SERVICE_NAMES = [
    "Arbeitsplatzbetreuung",
    "Server-Betrieb",
    "E-Mail",
    "Datensicherung",
    "Drucker",
    "Telefonie",
    "Firewall",
    "Warenwirtschaft",
]
TITLES = [
    "Drucker im Büro druckt nicht",
    "E-Mails kommen nicht an",
    "Server antwortet nicht",
    "VPN bricht ab",
    "Telefon ohne Freizeichen",
    "Warenwirtschaft startet nicht",
    "Datensicherung fehlgeschlagen",
    "Kasse hängt beim Bonieren",
    "WLAN im Lager langsam",
    "Passwort gesperrt",
]
CATEGORIES = ["Arbeitsplatz", "Netzwerk", "Server", "Drucker", "Software", "Telefonie"]
LEVELS = ["high", "medium", "low"]
STORY = (
    "Seit heute früh meldet {title}. Betroffen sind die Kolleginnen und Kollegen in der "
    "Buchhaltung und im Lager; ein Neustart hat nicht geholfen. Fehlermeldung laut Bildschirm: "
    "'Zeitüberschreitung bei der Verbindung (Code {n})'."
)


@dataclass
class Dataset:
    """What a benchmark needs to address the data it measures."""

    user_ids: list[int] = field(default_factory=list)
    provider_id: int = 0
    policy_id: int = 0
    open_problem_id: int = 0
    closed_problem_id: int = 0
    contract_id: int = 0
    feed_token: str = FEED_TOKEN
    problems: int = 0
    events: int = 0
    open_problems: int = 0
    contracts: int = 0
    invoices: int = 0
    invoice_lines: int = 0
    certificates: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.problems:,} problems ({self.events:,} events, {self.open_problems:,} open),"
            f" {self.contracts:,} contracts, {self.invoices:,} invoices"
            f" ({self.invoice_lines:,} lines), {self.certificates:,} certificates"
            f" in {self.seconds:.0f} s"
        )


def scaled(count: int, scale: float) -> int:
    return max(1, round(count * scale))


def batched(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def bulk(model: Any, rows: Iterable[Any]) -> int:
    written = 0
    for chunk in batched(rows):
        model.objects.bulk_create(chunk)
        written += len(chunk)
    return written


def build(scale: float = 1.0) -> Dataset:
    """Write the data set into the (migrated, empty) configured database."""
    from django.db import connection, transaction
    from django.utils import timezone

    started = time.perf_counter()
    data = Dataset()
    now = timezone.now().replace(second=0, microsecond=0)
    with transaction.atomic():
        users = make_users(data)
        providers, policies, services = make_structure(data)
        make_problems(data, scale, now, users, providers, policies, services)
        make_contracts(data, scale, now, providers, policies, services)
        make_expectations(providers, services)
        make_imports(scale, now, users, policies)
    if connection.vendor == "postgresql":
        # As autovacuum would after a bulk load (the planner needs the statistics, index-only
        # scans the visibility map), and so that it does not run during the measurements.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    data.seconds = time.perf_counter() - started
    return data


def make_users(data: Dataset) -> list[Any]:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    from vendorwatch.accounts.roles import Role, set_role, sync_role_permissions
    from vendorwatch.testing.factory import make_organisation

    make_organisation(name="Bench Handel GmbH", federal_state="DE-BY")
    sync_role_permissions()
    # One hash for all: hashing eight times would take longer than the problems.
    password = make_password(PASSWORD)
    names = ["Anna", "Bernd", "Carla", "Deniz", "Eva", "Felix", "Gül", "Hans"]
    roles = [Role.ADMINISTRATOR, Role.EDITOR, Role.EDITOR, Role.EDITOR, Role.EDITOR, Role.VIEWER]
    users = []
    for index, name in enumerate(names):
        user = User.objects.create(
            username=f"bench{index}",
            email=f"{name.lower()}@bench.example",
            first_name=name,
            last_name="Muster",
            password=password,
        )
        set_role(user, roles[index % len(roles)])
        users.append(user)
    data.user_ids = [user.pk for user in users]
    return users


def make_structure(data: Dataset) -> tuple[list[Any], list[Any], dict[int, list[Any]]]:
    from vendorwatch.contracts.models import CalendarFeedToken
    from vendorwatch.contracts.models.feed import hash_token
    from vendorwatch.expectations.models import Service
    from vendorwatch.problems.models import EscalationRule
    from vendorwatch.providers.models import Contact
    from vendorwatch.sla.tests.factory import add_version, make_calendar, make_policy, terms
    from vendorwatch.testing.factory import make_provider

    providers = [
        make_provider(name=name, city="Augsburg", customer_number=f"K-{1000 + index}")
        for index, name in enumerate(PROVIDER_NAMES)
    ]
    Contact.objects.bulk_create(
        Contact(
            provider=provider,
            name=f"Ansprechpartner {index}-{level}",
            role="Service Desk" if level == 1 else "Teamleitung",
            escalation_level=level,
        )
        for index, provider in enumerate(providers)
        for level in (1, 2)
    )
    calendar = make_calendar(name="Mo–Fr 8–17 Uhr")
    policies = []
    for provider in providers[:SLA_PROVIDERS]:
        policy = make_policy(
            valid_from=date(2024, 1, 1),
            name=f"SLA {provider.name}",
            provider=provider,
            terms=terms(calendar),
        )
        add_version(policy, date(2025, 7, 1))
        EscalationRule.objects.bulk_create(
            [
                EscalationRule(
                    policy=policy,
                    target=EscalationRule.Target.RESPONSE,
                    percent=75,
                    action=EscalationRule.Action.NOTIFY_OWNER,
                ),
                EscalationRule(
                    policy=policy,
                    target=EscalationRule.Target.RESOLUTION,
                    percent=100,
                    hours_after_breach=4,
                    action=EscalationRule.Action.DRAFT_PROVIDER,
                ),
            ]
        )
        policies.append(policy)
    services: dict[int, list[Any]] = {}
    for index, provider in enumerate(providers):
        names = SERVICE_NAMES[index % 3 :: 2][:4]
        services[provider.pk] = Service.objects.bulk_create(
            Service(
                name=f"{name} ({provider.name.split()[0]})",
                provider=provider,
                contracted=True,
                price=Decimal("45.00") + offset * 10,
                unit="Monat",
            )
            for offset, name in enumerate(names)
        )
    CalendarFeedToken.objects.create(
        user_id=data.user_ids[0], token_hash=hash_token(FEED_TOKEN), language="de"
    )
    data.provider_id = providers[0].pk
    data.policy_id = policies[0].pk
    return providers, policies, services


def version_lookup(policies: list[Any]) -> dict[int, list[tuple[date, Any, dict[Any, Any]]]]:
    """Per provider: its SLA versions (newest first) with the priority of each cell."""
    from vendorwatch.sla.models import MatrixCell

    lookup: dict[int, list[tuple[date, Any, dict[Any, Any]]]] = {}
    for policy in policies:
        versions = []
        for version in policy.versions.order_by("-valid_from"):
            cells = MatrixCell.objects.filter(version=version).select_related("priority")
            matrix = {(cell.impact, cell.urgency): cell.priority for cell in cells}
            versions.append((version.valid_from, version, matrix))
        lookup[policy.provider_id] = versions
    return lookup


def make_problems(
    data: Dataset,
    scale: float,
    now: datetime,
    users: list[Any],
    providers: list[Any],
    policies: list[Any],
    services: dict[int, list[Any]],
) -> None:
    from vendorwatch.problems.models import Problem

    total = scaled(PROBLEMS, scale)
    open_count = min(total, scaled(OPEN, scale))
    # Spread over about three years, newest first: the open ones are the latest.
    step = timedelta(minutes=max(1, 1_500_000 // total))
    lookup = version_lookup(policies)
    data.problems = bulk(
        Problem,
        (
            problem_row(n, n < open_count, now - step * (n + 1), users, providers, lookup, services)
            for n in range(total)
        ),
    )
    data.open_problems = open_count
    data.events = make_events(now, open_count)
    data.open_problem_id = Problem.objects.filter(is_open=True).order_by("pk").first().pk  # type: ignore[union-attr]
    data.closed_problem_id = Problem.objects.filter(is_open=False).order_by("pk").first().pk  # type: ignore[union-attr]


def problem_row(
    n: int,
    is_open: bool,
    reported: datetime,
    users: list[Any],
    providers: list[Any],
    lookup: dict[int, list[tuple[date, Any, dict[Any, Any]]]],
    services: dict[int, list[Any]],
) -> Any:
    from vendorwatch.problems.models import Problem

    # Mostly the providers with an SLA, some without one (recorded without a clock).
    provider = providers[n % SLA_PROVIDERS] if n % 10 else providers[SLA_PROVIDERS + n % 7]
    impact, urgency = LEVELS[n % 3], LEVELS[(n // 3) % 3]
    title = TITLES[n % len(TITLES)]
    own_services = services[provider.pk]
    fields: dict[str, Any] = {
        "title": f"{title} ({n})",
        "what_happened": STORY.format(title=title.lower(), n=n),
        "since": reported - timedelta(minutes=20),
        "affected_users": "Buchhaltung, Lager" if n % 2 else "",
        "business_impact": "Rechnungen können nicht gedruckt werden." if n % 3 == 0 else "",
        "impact": impact,
        "urgency": urgency,
        "provider_id": provider.pk,
        "service_id": own_services[n % len(own_services)].pk if n % 4 else None,
        "reported_to_provider_at": reported,
        "channel": ["phone", "email", "portal"][n % 3],
        "provider_ticket_number": f"T-{400000 + n}" if n % 2 else "",
        "reporter_id": users[n % len(users)].pk,
        "owner_id": users[(n + 3) % len(users)].pk if n % 5 else None,
        "is_open": is_open,
        "clock_refreshed_at": reported + timedelta(days=3),
    }
    versions = lookup.get(provider.pk, [])
    version, priority = None, None
    for valid_from, candidate, matrix in versions:
        if valid_from <= reported.date():
            version, priority = candidate, matrix.get((impact, urgency))
            break
    if version is None:
        fields |= {"state": "no_sla", "priority_rank": 99}
    else:
        fields |= {
            "sla_policy_id": version.policy_id,
            "sla_version": version,
            "priority": priority,
            "priority_rank": priority.rank if priority else 99,
            "response_due": reported + timedelta(hours=1 + n % 4),
            "resolution_due": reported + timedelta(hours=8 + 8 * (n % 4)),
        }
    missed = version is not None and n % 7 == 0
    if is_open:
        open_states = ["on_track", "at_risk", "breached", "paused"]
        state = open_states[n % 4] if version is not None else "no_sla"
        fields |= {
            "status": ["reported", "in_progress", "in_progress", "waiting_on_us"][n % 4],
            "state": state,
            "next_due": fields.get("resolution_due"),
            "clock_refreshed_at": None,
        }
        missed = state == "breached"
    else:
        fields |= {
            "status": "closed",
            "state": "breached" if missed else ("met" if version else "no_sla"),
        }
    if missed:
        fields |= {"breached": True, "breached_at": fields["resolution_due"]}
    return Problem(**fields)


def make_events(now: datetime, open_count: int) -> int:
    from vendorwatch.problems.models import Problem, ProblemEvent

    def rows() -> Iterator[Any]:
        problems = Problem.objects.order_by("pk").values_list(
            "pk", "reported_to_provider_at", "is_open", "reporter_id"
        )
        for n, (pk, reported, is_open, author) in enumerate(problems.iterator(chunk_size=BATCH)):
            kinds: list[tuple[str, int, str]] = [("reported", 0, "")]
            if not is_open or n % 3:
                kinds.append(("first_response", 40, "Wir kümmern uns darum."))
            if is_open:
                if n % 4 == 3:
                    kinds.append(("waiting_on_us", 90, "Bitte Fernzugriff freigeben."))
            else:
                updates = 2 if n % 6 == 0 else (1 if n % 6 < 4 else 0)
                kinds += [
                    ("status_update", 60 + 30 * u, "Techniker ist dran.") for u in range(updates)
                ]
                kinds += [("resolved", 300, "Treiber neu installiert."), ("confirmed", 400, "")]
            for kind, minutes, text in kinds:
                yield ProblemEvent(
                    problem_id=pk,
                    kind=kind,
                    occurred_at=min(reported + timedelta(minutes=minutes), now),
                    text=text,
                    author_id=author,
                )

    return bulk(ProblemEvent, rows())


def make_contracts(
    data: Dataset,
    scale: float,
    now: datetime,
    providers: list[Any],
    policies: list[Any],
    services: dict[int, list[Any]],
) -> None:
    from vendorwatch.contracts.models import (
        Budget,
        Certificate,
        Contract,
        HoursQuota,
        Invoice,
        InvoiceLine,
    )

    today = now.date()
    count = scaled(CONTRACTS, scale)
    policy_of = {policy.provider_id: policy.pk for policy in policies}
    contracts = Contract.objects.bulk_create(
        Contract(
            provider=providers[n % len(providers)],
            title=f"{['Wartung', 'Managed Services', 'Lizenzen', 'Hosting'][n % 4]} {n}",
            number=f"V-{2000 + n}",
            start_date=date(2019 + n % 7, 1 + n % 12, 1),
            minimum_term_amount=[12, 24, 36][n % 3],
            minimum_term_unit="months",
            after_minimum_term=Contract.AfterMinimum.RENEWS,
            renewal_term_amount=12,
            renewal_term_unit="months",
            notice_amount=3,
            notice_unit="months",
            notice_anchor=Contract.Anchor.TERM_END,
            fee=Decimal(150 + 25 * (n % 40)),
            sla_policy_id=policy_of.get(providers[n % len(providers)].pk),
            notes="Kündigung nur schriftlich per Einschreiben." if n % 3 == 0 else "",
        )
        for n in range(count)
    )
    through = Contract.services.through
    through.objects.bulk_create(
        through(contract_id=contract.pk, service_id=service.pk)
        for contract in contracts
        for service in services[contract.provider_id][:2]
    )
    data.contracts = len(contracts)
    data.contract_id = contracts[0].pk
    invoices = scaled(INVOICES, scale)
    months = max(1, invoices // len(contracts))
    data.invoices = bulk(
        Invoice,
        (
            Invoice(
                contract=contracts[n % len(contracts)],
                number=f"RE-{n}",
                invoice_date=month_back(today, (n // len(contracts)) % (months + 1)),
                notes="",
            )
            for n in range(invoices)
        ),
    )

    def lines() -> Iterator[Any]:
        rows = Invoice.objects.order_by("pk").values_list("pk", "contract__provider_id")
        for n, (pk, provider_id) in enumerate(rows.iterator(chunk_size=BATCH)):
            own = services[provider_id]
            for k in range(1 if n % 5 < 3 else 2):
                service = own[(n + k) % len(own)] if (n + k) % 6 else None
                yield InvoiceLine(
                    invoice_id=pk,
                    service=service,
                    description="" if service else "Sonderleistung vor Ort",
                    quantity=Decimal(1 + n % 3),
                    unit_price=service.price if service and n % 9 else Decimal("89.50"),
                )

    data.invoice_lines = bulk(InvoiceLine, lines())
    certificates = scaled(CERTIFICATES, scale)
    expired = min(certificates, scaled(EXPIRED_CERTIFICATES, scale))
    data.certificates = bulk(
        Certificate,
        (
            Certificate(
                contract=contracts[(n * 7) % len(contracts)],
                name=["ISO 27001", "BSI C5", "ISO 9001", "TISAX"][n % 4],
                issuer="Zertifizierungsstelle Süd",
                valid_until=today - timedelta(days=400 + 5 * n)
                if n < expired
                else today + timedelta(days=(n - expired) * 13 - 30),
            )
            for n in range(certificates)
        ),
    )
    bulk(
        Budget,
        [
            Budget(year=year, provider=provider, amount=Decimal(60_000 + 5_000 * index))
            for year in (today.year - 1, today.year)
            for index, provider in enumerate(providers)
        ]
        + [
            Budget(year=today.year, contract=contract, amount=Decimal(4_000 + 100 * (n % 20)))
            for n, contract in enumerate(contracts[: max(1, len(contracts) // 5)])
        ],
    )
    bulk(
        HoursQuota,
        (
            HoursQuota(
                contract=contract,
                name="Stundenkontingent",
                hours_bought=Decimal(40),
                hours_used=Decimal(n % 40),
                bought_on=today - timedelta(days=200),
                expires_on=today + timedelta(days=165 - n % 300),
                price=Decimal("3600.00"),
            )
            for n, contract in enumerate(contracts[::10])
        ),
    )


def month_back(today: date, months: int) -> date:
    month = today.year * 12 + today.month - 1 - months
    return date(month // 12, month % 12 + 1, 3)


def make_expectations(providers: list[Any], services: dict[int, list[Any]]) -> None:
    from vendorwatch.expectations.models import (
        Party,
        Requirement,
        RequirementAgreement,
        Responsibility,
        Task,
    )

    requirements = Requirement.objects.bulk_create(
        Requirement(
            title=f"Anforderung {n}: {['Reaktionszeit', 'Datensicherung', 'Dokumentation'][n % 3]}",
            description="Was wir von jedem Dienstleister erwarten.",
            category=CATEGORIES[n % len(CATEGORIES)],
            priority=["must", "should", "could"][n % 3],
            for_all_providers=n % 4 != 0,
        )
        for n in range(40)
    )
    for n, requirement in enumerate(requirements):
        requirement.services.add(*[s.pk for s in services[providers[n % 5].pk][:2]])
        if not requirement.for_all_providers:
            requirement.providers.add(providers[n % len(providers)])
    RequirementAgreement.objects.bulk_create(
        RequirementAgreement(requirement=requirement, provider=provider, agreed_on=date(2025, 3, 1))
        for n, requirement in enumerate(requirements)
        for provider in providers[: 1 + n % 4]
    )
    parties = Party.objects.bulk_create(
        [
            Party(name=name, side="internal", order=n)
            for n, name in enumerate(["Geschäftsführung", "IT-Verantwortliche", "Buchhaltung"])
        ]
        + [Party(name="Service Desk", side="provider", order=10)]
        + [
            Party(
                name=f"Technik {provider.name.split()[0]}",
                side="provider",
                provider=provider,
                order=11 + n,
            )
            for n, provider in enumerate(providers[:4])
        ]
    )
    tasks = Task.objects.bulk_create(
        Task(title=f"Aufgabe {n}", category=CATEGORIES[n % len(CATEGORIES)], order=n)
        for n in range(30)
    )
    Responsibility.objects.bulk_create(
        Responsibility(task=task, party=party, kind="A" if k == 0 else "RCI"[(n + k) % 3])
        for n, task in enumerate(tasks)
        for k, party in enumerate(parties[n % 3 :: 2])
    )


def make_imports(scale: float, now: datetime, users: list[Any], policies: list[Any]) -> None:
    from vendorwatch.monitoring.models import ExternalTicket, ImportJob

    per_import = scaled(TICKETS_PER_IMPORT, scale)
    for index, policy in enumerate(policies):
        version = policy.versions.order_by("-valid_from").first()
        for round_ in (2, 1):
            job = ImportJob.objects.create(
                provider_id=policy.provider_id,
                sla_policy=policy,
                file_name=f"tickets-{index}-{round_}.csv",
                file_size=120_000,
                preset_used="generic",
                state=ImportJob.State.DONE,
                rows_read=per_import,
                imported=per_import,
                progress_done=per_import,
                progress_total=per_import,
                created_by=users[0],
                committed_at=now - timedelta(days=30 * round_),
            )
            bulk(
                ExternalTicket,
                ticket_rows(job, version, per_import, now - timedelta(days=200 * round_)),
            )


def ticket_rows(job: Any, version: Any, count: int, first: datetime) -> Iterator[Any]:
    from vendorwatch.monitoring.models import ExternalTicket

    step = timedelta(minutes=max(1, 200 * 24 * 60 // count))
    for n in range(count):
        created = first + step * n
        met = n % 9 != 0
        yield ExternalTicket(
            provider_id=job.provider_id,
            job=job,
            row=n + 2,
            ticket_id=f"{job.pk}-{n}",
            title=TITLES[n % len(TITLES)],
            category=CATEGORIES[n % len(CATEGORIES)],
            status="Geschlossen",
            priority_value=f"P{1 + n % 4}",
            priority_rank=1 + n % 4,
            created=created,
            first_response=created + timedelta(minutes=30 + n % 90),
            resolved=created + timedelta(hours=4 + n % 30),
            updated=created + timedelta(hours=5 + n % 30),
            sla_version=version,
            response_due=created + timedelta(hours=1),
            response_seconds=1800 + (n % 90) * 60,
            response_met=met,
            resolution_due=created + timedelta(hours=8),
            resolution_seconds=(4 + n % 30) * 3600,
            resolution_met=met,
        )


def configure() -> None:
    """Django on DATABASE_URL, or on SQLite in VENDORWATCH_DATA_DIR; migrated."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorwatch.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,013 problems")
    scale = parser.parse_args().scale
    configure()
    from django.db import connection

    from vendorwatch.problems.models import Problem

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}", flush=True)
    if Problem.objects.exists():
        print("the database already holds problems: use an empty one")
        return 1
    print(f"built: {build(scale).summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
