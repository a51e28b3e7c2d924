"""Every resource of the API: who may list, add and change it, and that a change goes
through the pages' rules. One table of resources, each test run for each of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from vendorwatch.contracts.models import Contract, Invoice
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice
from vendorwatch.monitoring.models import ExternalTicket
from vendorwatch.monitoring.tests.report_factory import make_setup, make_ticket
from vendorwatch.problems.models import Problem, ProblemEvent
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.providers.models import Contact, Provider
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.testing.factory import make_contact, make_provider

NOW = "2026-11-23 12:00+01:00"


@dataclass
class World:
    """Two records of each kind (a list of two can show a page of one)."""

    provider: Provider
    other_provider: Provider
    policy: SlaPolicy
    problem: Problem
    contract: Contract
    invoice: Invoice
    objects: dict[str, list[models.Model]] = field(default_factory=dict)


@pytest.fixture
def world(db: None, time_machine: Any) -> World:
    time_machine.move_to(NOW, tick=False)
    provider, policy, job = make_setup(provider_name="Brandl IT GmbH")
    other = make_provider(name="Huber Systemhaus")
    make_setup(provider_name="Huber Systemhaus 2", name="SLA Huber")
    contacts = [make_contact(provider, name="Eva Brandl"), make_contact(other, name="Max Huber")]
    problems = [
        make_problem(sla_policy=policy, provider=provider),
        make_problem("2026-11-20 10:00+01:00", sla_policy=policy, provider=provider),
    ]
    add_event(problems[0], "comment", "2026-11-23 09:10+01:00", "Techniker informiert")
    contracts = [
        make_contract(provider=provider, title="IT-Betreuung"),
        make_contract(provider=other, title="Telefonanlage"),
    ]
    invoices = [make_invoice(contracts[0], number="RE-1"), make_invoice(contracts[1])]
    for invoice in invoices:
        add_line(invoice, None, "100.00")
    tickets = [make_ticket(job, "2026-10-05 10:00"), make_ticket(job, "2026-10-06 10:00")]
    return World(
        provider=provider,
        other_provider=other,
        policy=policy,
        problem=problems[0],
        contract=contracts[0],
        invoice=invoices[0],
        objects={
            "providers": list(Provider.objects.all()),
            "contacts": contacts,
            "problems": problems,
            "contracts": contracts,
            "invoices": invoices,
            "tickets": tickets,
            "sla-policies": list(SlaPolicy.objects.all()),
        },
    )


@dataclass
class Resource:
    name: str
    model: type[models.Model]
    # The new record's values, and a change of an existing one (None: the API only reads).
    new: Callable[[World], dict[str, Any]] | None = None
    change: dict[str, Any] | None = None
    # A filter that finds the first record of the world and not the second.
    filter: Callable[[World], str] = lambda w: ""
    list_url: Callable[[World], str] | None = None

    def url(self, world: World) -> str:
        return self.list_url(world) if self.list_url else f"/api/v1/{self.name}/"

    def first(self, world: World) -> models.Model:
        if self.name == "events":
            return world.problem.events.order_by("pk").first()  # type: ignore[return-value]
        return world.objects[self.name][0]


def new_problem(world: World) -> dict[str, Any]:
    return {
        "title": "Internet im Lager ausgefallen",
        "what_happened": "Keine Verbindung",
        "since": "2026-11-23T08:00:00+01:00",
        "impact": "high",
        "urgency": "high",
        "provider": world.provider.pk,
        "sla_policy": world.policy.pk,
        "reported_to_provider_at": "2026-11-23T08:15:00+01:00",
        "channel": "phone",
    }


def new_contract(world: World) -> dict[str, Any]:
    return {
        "provider": world.provider.pk,
        "title": "Hosting",
        "start_date": "2026-01-01",
        "clause_type": "renews",
        "minimum_term_amount": 12,
        "renewal_term_amount": 12,
        "notice_amount": 3,
        "fee": "2250.00",
    }


def new_invoice(world: World) -> dict[str, Any]:
    return {
        "contract": world.contract.pk,
        "number": "RE-77",
        "invoice_date": "2026-11-01",
        "lines": [{"description": "Wartung", "quantity": "2", "unit_price": "95.50"}],
    }


RESOURCES = [
    Resource(
        "providers",
        Provider,
        new=lambda w: {"name": "Neue IT GmbH", "status": "candidate"},
        change={"city": "Augsburg"},
        filter=lambda w: "q=Brandl",
    ),
    Resource(
        "contacts",
        Contact,
        new=lambda w: {"provider": w.provider.pk, "name": "Jana Neu", "escalation_level": 2},
        change={"phone": "0821 123"},
        filter=lambda w: f"provider={w.provider.pk}",
    ),
    Resource("sla-policies", SlaPolicy, filter=lambda w: f"provider={w.provider.pk}"),
    Resource(
        "problems",
        Problem,
        new=new_problem,
        change={"title": "Drucker im Lager druckt nicht"},
        filter=lambda w: "reported_after=2026-11-22T00:00:00%2B01:00",
    ),
    Resource(
        "events",
        ProblemEvent,
        new=lambda w: {"kind": "first_response", "occurred_at": "2026-11-23T09:20:00+01:00"},
        change={"text": "Rückruf vom Techniker"},
        filter=lambda w: "kind=reported",
        list_url=lambda w: f"/api/v1/problems/{w.problem.pk}/events/",
    ),
    Resource(
        "contracts",
        Contract,
        new=new_contract,
        change={"notes": "Preis neu verhandelt"},
        filter=lambda w: f"provider={w.provider.pk}",
    ),
    Resource(
        "invoices",
        Invoice,
        new=new_invoice,
        change={"notes": "Rückfrage gestellt"},
        filter=lambda w: f"contract={w.contract.pk}",
    ),
    Resource("tickets", ExternalTicket, filter=lambda w: "created_before=2026-10-06T00:00:00Z"),
]
WRITABLE = [r for r in RESOURCES if r.new is not None]
ids = [r.name for r in RESOURCES]


def count_of(resource: Resource) -> int:
    return resource.model.objects.count()


@pytest.mark.parametrize("resource", RESOURCES, ids=ids)
def test_a_read_token_lists_and_shows(resource, world, api_as, viewer) -> None:
    client = api_as(viewer, "read")
    listed = client.get(resource.url(world))
    shown = client.get(f"{resource.url(world)}{resource.first(world).pk}/")
    assert listed.status_code == 200 and listed.json()["count"] >= 1
    assert shown.status_code == 200 and shown.json()["id"] == resource.first(world).pk


@pytest.mark.parametrize("resource", RESOURCES, ids=ids)
def test_a_list_comes_a_page_at_a_time(resource, world, writer) -> None:
    first = writer.get(f"{resource.url(world)}?page_size=1").json()
    second = writer.get(f"{resource.url(world)}?page_size=1&page=2").json()
    assert first["count"] >= 2 and len(first["results"]) == 1 and first["next"]
    assert first["results"][0]["id"] != second["results"][0]["id"]


@pytest.mark.parametrize("resource", RESOURCES, ids=ids)
def test_a_filter_narrows_the_list(resource, world, writer) -> None:
    everything = writer.get(resource.url(world)).json()["count"]
    found = writer.get(f"{resource.url(world)}?{resource.filter(world)}").json()
    assert 1 <= found["count"] < everything
    assert resource.first(world).pk in [row["id"] for row in found["results"]]


@pytest.mark.parametrize("resource", RESOURCES, ids=ids)
def test_a_read_token_cannot_add(resource, world, reader) -> None:
    before = count_of(resource)
    values = resource.new(world) if resource.new else {"name": "x"}
    response = reader.post(resource.url(world), values, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert count_of(resource) == before


@pytest.mark.parametrize("resource", RESOURCES, ids=ids)
def test_a_read_token_cannot_change(resource, world, reader) -> None:
    record = resource.first(world)
    url = f"{resource.url(world)}{record.pk}/"
    for method in (reader.patch, reader.put):
        assert method(url, resource.change or {}, format="json").status_code == 403


@pytest.mark.parametrize("resource", RESOURCES, ids=ids)
def test_a_viewers_write_token_cannot_add_or_change(resource, world, viewer_writer) -> None:
    before = count_of(resource)
    values = resource.new(world) if resource.new else {}
    url = f"{resource.url(world)}{resource.first(world).pk}/"
    assert viewer_writer.post(resource.url(world), values, format="json").status_code == 403
    assert viewer_writer.patch(url, resource.change or {}, format="json").status_code == 403
    assert count_of(resource) == before


@pytest.mark.parametrize("resource", WRITABLE, ids=[r.name for r in WRITABLE])
def test_a_write_token_adds_a_record(resource, world, writer) -> None:
    before = count_of(resource)
    assert resource.new is not None
    response = writer.post(resource.url(world), resource.new(world), format="json")
    assert response.status_code == 201, response.json()
    assert count_of(resource) == before + 1
    assert resource.model.objects.filter(pk=response.json()["id"]).exists()


@pytest.mark.parametrize("resource", WRITABLE, ids=[r.name for r in WRITABLE])
def test_a_write_token_changes_only_what_it_sends(resource, world, writer) -> None:
    record = resource.first(world)
    assert resource.change is not None
    (name, value), *_rest = resource.change.items()
    before = {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}
    response = writer.patch(f"{resource.url(world)}{record.pk}/", resource.change, format="json")
    assert response.status_code == 200, response.json()
    record.refresh_from_db()
    after = {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}
    assert after[name] == value
    changed = {k for k in after if after[k] != before[k]}
    # The problem's clocks are refreshed on every save, as by the page.
    assert changed - {name, "clock_refreshed_at", "clock_check_at", "updated_at"} == set()


@pytest.mark.parametrize(
    "resource",
    [r for r in RESOURCES if r.new is None],
    ids=[r.name for r in RESOURCES if r.new is None],
)
def test_what_the_pages_only_show_cannot_be_written(resource, world, writer) -> None:
    response = writer.post(resource.url(world), {}, format="json")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_a_new_problem_gets_its_priority_and_clocks_as_on_the_page(world, writer) -> None:
    response = writer.post("/api/v1/problems/", new_problem(world), format="json")
    body = response.json()
    assert (body["priority"], body["state"], body["status"]) == ("P1", "breached", "reported")
    assert body["response_due"] == "2026-11-23T08:45:00+01:00"
    assert Problem.objects.get(pk=body["id"]).events.get().kind == "reported"


def test_the_page_rules_refuse_an_sla_of_another_provider(world, writer) -> None:
    foreign = SlaPolicy.objects.exclude(provider=world.provider).first()
    assert foreign is not None
    values = {**new_problem(world), "sla_policy": foreign.pk}
    response = writer.post("/api/v1/problems/", values, format="json")
    assert response.status_code == 400
    assert "sla_policy" in response.json()["fields"]


def test_a_contract_keeps_only_the_terms_of_its_clause_type(world, writer) -> None:
    values = {**new_contract(world), "clause_type": "fixed", "notice_amount": 6}
    body = writer.post("/api/v1/contracts/", values, format="json").json()
    contract = Contract.objects.get(pk=body["id"])
    assert (contract.after_minimum_term, contract.notice_amount) == ("ends", None)
    assert body["clause_type"] == "fixed"


def test_money_is_a_decimal_string_and_dates_iso(world, writer) -> None:
    body = writer.post("/api/v1/contracts/", new_contract(world), format="json").json()
    assert body["fee"] == "2250.00" and body["start_date"] == "2026-01-01"
    assert Contract.objects.get(pk=body["id"]).fee == Decimal("2250.00")


def test_an_invoice_gets_the_lines_sent_and_loses_those_left_out(world, writer) -> None:
    kept = world.invoice.lines.get()
    lines = [
        {"id": kept.pk, "description": "Pauschale", "quantity": "1", "unit_price": "120.00"},
        {"description": "Anfahrt", "unit_price": "30.00"},
    ]
    response = writer.patch(
        f"/api/v1/invoices/{world.invoice.pk}/", {"lines": lines}, format="json"
    )
    assert response.json()["total"] == "150.00"
    assert [line.unit_price for line in world.invoice.lines.order_by("pk")] == [
        Decimal("120.00"),
        Decimal("30.00"),
    ]


def test_an_invoice_line_without_item_gets_the_page_message_in_its_place(world, writer) -> None:
    values = {**new_invoice(world), "lines": [{"description": "ok", "unit_price": "1"}, {}]}
    values["lines"][1] = {"unit_price": "5"}
    response = writer.post("/api/v1/invoices/", values, format="json")
    lines = response.json()["fields"]["lines"]
    assert lines[0] == {} and list(lines[1]) == ["description"]


def test_a_provider_still_in_use_is_kept_with_the_page_message(world, writer) -> None:
    response = writer.delete(f"/api/v1/providers/{world.provider.pk}/")
    assert response.status_code == 409
    assert response.json()["code"] == "in_use"
    assert Provider.objects.filter(pk=world.provider.pk).exists()


def test_a_contact_is_deleted_as_on_the_page(world, writer) -> None:
    contact = world.objects["contacts"][0]
    assert writer.delete(f"/api/v1/contacts/{contact.pk}/").status_code == 204
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_the_report_figures_are_those_of_the_report_page(world, writer) -> None:
    body = writer.get(f"/api/v1/providers/{world.provider.pk}/sla-report/?month=2026-10").json()
    assert (body["start"], body["end"]) == ("2026-10-01", "2026-10-31")
    assert body["total"]["tickets"] == 2


def test_the_report_month_is_checked(world, writer) -> None:
    response = writer.get(f"/api/v1/providers/{world.provider.pk}/sla-report/?month=2026-13")
    assert response.status_code == 400 and "month" in response.json()["fields"]


def test_a_viewer_reads_the_report(world, api_as, viewer) -> None:
    url = f"/api/v1/providers/{world.provider.pk}/sla-report/"
    assert api_as(viewer, "read").get(url).json()["start"] == str(date(2026, 10, 1))


@pytest.mark.parametrize("resource", RESOURCES, ids=ids)
def test_a_list_asks_the_database_no_more_for_more_rows(resource, world, writer) -> None:
    def queries(size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = writer.get(f"{resource.url(world)}?page_size={size}")
        assert len(response.json()["results"]) == size
        return len(captured)

    queries(1)  # the first request also notes the token's use and reads the permissions
    assert queries(2) == queries(1)
