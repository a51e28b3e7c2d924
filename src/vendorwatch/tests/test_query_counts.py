"""Every main page asks the database as often with ten times the data as with a little.

A world of one unit (a provider with its SLA, contract, invoices, certificates, budget,
problems, import and RACI roles) is grown to ten units; the first provider, contract and
problem also gain children with each unit (problems, invoices, events), so that a page
that asks once per row of a list, or once per child of the object it shows, fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vendorwatch.accounts.roles import Role
from vendorwatch.contracts.models import Budget, CalendarFeedToken, Certificate, Contract
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice, make_service
from vendorwatch.expectations.models import (
    Party,
    Requirement,
    RequirementAgreement,
    Responsibility,
    Task,
)
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.problems.models import Escalation, EscalationRule, Problem
from vendorwatch.problems.tests.factory import add_event, make_problem, make_rule
from vendorwatch.providers.models import Contact, Provider
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.sla.tests.factory import add_version, make_policy
from vendorwatch.testing.factory import make_organisation, make_provider, make_user

# Marked so that the test database exists for the module's fixture, which fills it once.
pytestmark = pytest.mark.django_db


@dataclass
class World:
    """Units of everything; the first unit's provider, contract and problem keep growing."""

    user: Any
    units: int = 0
    feed_token: str = ""
    providers: list[Provider] = field(default_factory=list)
    policies: list[SlaPolicy] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    jobs: list[ImportJob] = field(default_factory=list)

    def grow(self, units: int) -> None:
        for _ in range(units):
            self.add_unit()

    def add_unit(self) -> None:
        n = self.units = self.units + 1
        provider = make_provider(name=f"Systemhaus {n} GmbH")
        Contact.objects.create(provider=provider, name=f"Service Desk {n}", escalation_level=1)
        policy = make_policy(name=f"SLA {n}", provider=provider)
        add_version(policy, date(2026, 6, 1))
        make_rule(policy)
        contract = make_contract(provider=provider, title=f"Wartung {n}", sla_policy=policy)
        service = make_service(contract, name=f"Betreuung {n}")
        self.providers.append(provider)
        self.policies.append(policy)
        self.contracts.append(contract)
        self.add_costs(n, contract, service)
        self.add_problems(n, provider, policy, service)
        self.add_expectations(n, provider, service)
        self.add_import(n, provider, policy)
        self.add_people_and_mail(n, contract)
        # The first objects gain children too: their own pages must not ask once per child.
        first = self.contracts[0]
        first_service = first.services.first()
        self.add_costs(n, first, first_service, number=f"RE-first-{n}")
        add_event(self.problems[0], "comment", f"2026-11-23 1{n % 10}:00+01:00", f"Notiz {n}")
        make_policy(name=f"SLA {n} Rechenzentrum", provider=self.providers[0])

    def add_people_and_mail(self, n: int, contract: Contract) -> None:
        colleague = make_user(Role.EDITOR, username=f"kollege{n}")
        OutboxMessage.objects.create(
            to=[colleague.email],
            subject=f"Erinnerung {n}",
            body="Die Kündigungsfrist endet bald.",
            created_by=colleague,
            send_after=timezone.now(),
            failed_at=timezone.now(),
            attempts=5,
            last_error="Verbindung abgelehnt",
            related_type=ContentType.objects.get_for_model(Contract),
            related_id=contract.pk,
        )
        Escalation.objects.create(
            problem=self.problems[-1],
            rule=self.policies[-1].escalation_rules.first(),
            kind=EscalationRule.Action.DRAFT_PROVIDER,
            contact=contract.provider.contacts.first(),
            recipient="servicedesk@example.com",
            subject=f"Eskalation {n}",
            body="Bitte melden Sie sich umgehend.",
        )

    def add_costs(self, n: int, contract: Contract, service: Any, number: str = "") -> None:
        invoice = make_invoice(
            contract, number=number or f"RE-{n}", invoice_date=date(2026, 1 + n % 11, 3)
        )
        add_line(invoice, service, "45.00", qty="2")
        add_line(invoice, None, "89.50")
        Certificate.objects.create(
            contract=contract, name="ISO 27001", valid_until=date(2020, 1, 1) + timedelta(days=n)
        )
        Certificate.objects.create(
            contract=contract, name="BSI C5", valid_until=date.today() + timedelta(days=20 + n)
        )
        if not number:
            Budget.objects.create(year=date.today().year, contract=contract, amount=Decimal(5000))
            Budget.objects.create(year=date.today().year, provider=contract.provider, amount=9000)

    def add_problems(self, n: int, provider: Provider, policy: SlaPolicy, service: Any) -> None:
        for closed in (False, True):
            problem = make_problem(
                "2026-11-23 09:00+01:00",
                sla_policy=policy,
                provider=provider,
                service=service,
                reporter=self.user,
                owner=self.user,
                title=f"Drucker {n} druckt nicht",
            )
            add_event(problem, "first_response", "2026-11-23 09:30+01:00", "Wir sind dran.")
            if closed:
                add_event(problem, "resolved", "2026-11-23 11:00+01:00")
                add_event(problem, "confirmed", "2026-11-23 12:00+01:00")
            self.problems.append(problem)
        if self.providers:
            # More problems of the first provider: its pages list them.
            first = self.providers[0]
            make_problem(sla_policy=self.policies[0], provider=first, reporter=self.user)

    def add_expectations(self, n: int, provider: Provider, service: Any) -> None:
        requirement = Requirement.objects.create(
            title=f"Anforderung {n}", category=f"Kategorie {n % 3}", for_all_providers=n % 2 == 0
        )
        requirement.services.add(service)
        requirement.providers.add(provider)
        RequirementAgreement.objects.create(
            requirement=requirement, provider=self.providers[0], agreed_on=date(2026, 1, 1)
        )
        party = Party.objects.create(name=f"Technik {n}", side="provider", provider=provider)
        ours = Party.objects.create(name=f"Intern {n}", side="internal")
        task = Task.objects.create(title=f"Aufgabe {n}", category=f"Kategorie {n % 3}")
        Responsibility.objects.create(task=task, party=ours, kind="A")
        Responsibility.objects.create(task=task, party=party, kind="R")

    def add_import(self, n: int, provider: Provider, policy: SlaPolicy) -> None:
        job = ImportJob.objects.create(
            provider=provider,
            sla_policy=policy,
            file_name=f"tickets-{n}.csv",
            state=ImportJob.State.DONE,
            created_by=self.user,
            committed_at=timezone.now(),
        )
        self.jobs.append(job)
        created = datetime.fromisoformat("2026-10-05 09:00+02:00")
        version = policy.latest_version
        for first in dict.fromkeys((job, self.jobs[0])):
            ExternalTicket.objects.create(
                provider=first.provider,
                job=first,
                row=n + 1,
                ticket_id=f"{job.pk}-{n}",
                category=f"Kategorie {n % 3}",
                priority_rank=1 + n % 4,
                created=created + timedelta(days=n),
                first_response=created + timedelta(days=n, hours=1),
                resolved=created + timedelta(days=n, hours=6),
                sla_version=version,
                response_met=n % 2 == 0,
                resolution_met=True,
            )


@dataclass
class Page:
    name: str
    url: Callable[[World], str]
    marks: list[Any] = field(default_factory=list)


PAGES = [
    Page("dashboard", lambda w: "/"),
    Page("settings", lambda w: "/settings/"),
    Page("problem list", lambda w: "/problems/"),
    Page(
        "problem list filtered",
        lambda w: f"/problems/?state=on_track&provider={w.providers[0].pk}",
    ),
    Page("problem list searched", lambda w: "/problems/?q=Drucker"),
    Page("problem detail", lambda w: f"/problems/{w.problems[0].pk}/"),
    Page("problem report", lambda w: f"/problems/{w.problems[0].pk}/report/"),
    Page("problem export csv", lambda w: "/problems/export.csv"),
    Page("problem export xlsx", lambda w: "/problems/export.xlsx"),
    Page("escalations", lambda w: "/problems/escalations/"),
    Page("escalation rules", lambda w: "/problems/rules/"),
    Page("contract list", lambda w: "/contracts/"),
    Page("contract detail", lambda w: f"/contracts/{w.contracts[0].pk}/"),
    Page("invoice list", lambda w: "/contracts/invoices/"),
    Page("cost overview", lambda w: "/contracts/costs/"),
    Page("calendar page", lambda w: "/contracts/calendar/"),
    Page("calendar feed", lambda w: f"/contracts/calendar/{w.feed_token}.ics"),
    Page("providers", lambda w: "/providers/"),
    Page("provider detail", lambda w: f"/providers/{w.providers[0].pk}/"),
    Page("expectations", lambda w: "/expectations/"),
    Page("requirements", lambda w: "/expectations/requirements/"),
    Page("services", lambda w: "/expectations/services/"),
    Page("raci", lambda w: "/expectations/responsibilities/"),
    Page("expectations documents", lambda w: "/expectations/document/"),
    Page(
        "expectations document",
        lambda w: f"/expectations/document/provider/{w.providers[0].pk}/",
    ),
    Page("sla policies", lambda w: "/expectations/sla/"),
    Page("sla policy", lambda w: f"/expectations/sla/{w.policies[0].pk}/"),
    Page("service hours", lambda w: "/expectations/service-hours/"),
    Page("reports", lambda w: "/reports/"),
    Page("sla report", lambda w: f"/reports/{w.providers[0].pk}/?from=2026-01-01&to=2026-11-30"),
    Page("imports", lambda w: "/reports/imports/"),
    Page("import detail", lambda w: f"/reports/imports/{w.jobs[0].pk}/"),
    Page("users", lambda w: "/settings/users/"),
    Page("failed emails", lambda w: "/settings/emails/failed/"),
    Page("company", lambda w: "/settings/company/"),
]


def queries(client: Client, url: str) -> tuple[int, int]:
    """Status and number of queries of the second request (the first warms up caches)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    return response.status_code, len(captured)


@pytest.fixture(scope="module")
def counts(django_db_setup: None, django_db_blocker: Any) -> dict[str, list[tuple[int, int]]]:
    """Every page measured with one unit, then with ten: built once, rolled back after."""
    measured: dict[str, list[tuple[int, int]]] = {page.name: [] for page in PAGES}
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):  # noqa: SIM117
        with transaction.atomic():
            make_organisation()
            user = make_user(Role.ADMINISTRATOR, username="anna.admin")
            world = World(user=user)
            world.feed_token = CalendarFeedToken.issue(user=user, language="de")[1]
            client = Client()
            client.force_login(user)
            for units in (1, 9):
                world.grow(units)
                for page in PAGES:
                    measured[page.name].append(queries(client, page.url(world)))
            transaction.set_rollback(True)
    return measured


@pytest.mark.parametrize(
    "page", [pytest.param(page, marks=page.marks, id=page.name) for page in PAGES]
)
def test_the_page_asks_as_often_with_ten_times_the_data(
    counts: dict[str, list[tuple[int, int]]], page: Page
) -> None:
    (small_status, small), (large_status, large) = counts[page.name]
    assert (small_status, large_status) == (200, 200)
    assert large == small
