"""The dashboard panel, the cost overview and the calendar feed at scale: the same number of
queries for ten times the contracts, and only the deadlines that can show are computed."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vendorwatch.contracts.dashboard import contracts_panel
from vendorwatch.contracts.models import Budget, CalendarFeedToken, Certificate, Contract
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice, nrw

pytestmark = pytest.mark.django_db

TODAY = "2026-06-15 10:00 +0200"


def build(contracts: int) -> None:
    """Contracts of every kind with invoices, budgets and certificates."""
    nrw()
    for number in range(contracts):
        contract = make_contract(
            title=f"Vertrag {number}",
            start_date=date(2020 + number % 6, 1 + number % 12, 1),
            after_minimum_term=list(Contract.AfterMinimum)[number % 3],
        )
        for month in (1, 2):
            invoice = make_invoice(
                contract, number=f"RE-{month}", invoice_date=date(2026, month, 10)
            )
            add_line(invoice, None, "99.90", qty="1.5")
        Budget.objects.create(year=2026, contract=contract, amount=Decimal("100"))
        Certificate.objects.create(
            contract=contract, name="ISO 27001", valid_until=date(2026, 7, 1 + number % 20)
        )


def panel_queries(viewer: Any) -> int:
    request = RequestFactory().get("/")
    request.user = viewer
    contracts_panel(request)  # stores the send dates computed for the first time
    with CaptureQueriesContext(connection) as queries:
        render_to_string("contracts/_dashboard_panel.html", {"panel": contracts_panel(request)})
    return len(queries)


def page_queries(client: Client, url: str) -> int:
    client.get(url)  # what a server process reads once (the role's permissions) is read
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@time_machine.travel(TODAY, tick=False)
def test_the_contracts_panel_needs_as_many_queries_for_ten_times_the_contracts(viewer) -> None:
    build(3)
    small = panel_queries(viewer)
    build(27)
    assert panel_queries(viewer) == small


@time_machine.travel(TODAY, tick=False)
def test_the_cost_overview_needs_as_many_queries_for_ten_times_the_contracts(
    client: Client, viewer
) -> None:
    client.force_login(viewer)
    build(3)
    small = page_queries(client, reverse("contracts-costs"))
    build(27)
    assert page_queries(client, reverse("contracts-costs")) == small


@time_machine.travel(TODAY, tick=False)
def test_the_feed_needs_as_many_queries_for_ten_times_the_contracts(client: Client, viewer) -> None:
    _feed, token = CalendarFeedToken.issue(user=viewer, language="de")
    url = reverse("contracts-calendar-feed", args=[token])
    build(3)
    small = page_queries(client, url)
    build(27)
    assert page_queries(client, url) == small


def count_deadlines(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    computed: list[int] = []
    original = Contract.deadline_in

    def counting(self: Contract, today: date, subdivision: str | None) -> Any:
        computed.append(self.pk)
        return original(self, today, subdivision)

    monkeypatch.setattr(Contract, "deadline_in", counting)
    return computed


def test_a_contract_with_a_far_send_date_is_not_computed_again(
    viewer, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = RequestFactory().get("/")
    request.user = viewer
    with time_machine.travel("2026-01-10 10:00 +0100", tick=False):
        far = make_contract()  # send date 25.09.2026
        contracts_panel(request)
        computed = count_deadlines(monkeypatch)
        contracts_panel(request)
    assert far.pk not in computed


def test_a_contract_shows_once_its_send_date_comes_near(viewer) -> None:
    request = RequestFactory().get("/")
    request.user = viewer
    with time_machine.travel("2026-01-10 10:00 +0100", tick=False):
        make_contract()
        assert contracts_panel(request)["upcoming"] == []
    with time_machine.travel("2026-07-01 10:00 +0200", tick=False):
        [row] = contracts_panel(request)["upcoming"]
    assert row.result.recommended_send_date == date(2026, 9, 25)


def test_a_changed_contract_is_computed_again(viewer) -> None:
    request = RequestFactory().get("/")
    request.user = viewer
    with time_machine.travel("2026-01-10 10:00 +0100", tick=False):
        contract = make_contract()
        contracts_panel(request)
        contract.start_date = date(2024, 7, 1)  # the term now ends on 30.06.2026
        contract.save()
        [row] = contracts_panel(request)["upcoming"]
    assert row.contract == contract


def test_the_panel_lists_the_ten_nearest_deadlines_and_links_to_the_rest(viewer) -> None:
    client = Client()
    client.force_login(viewer)
    with time_machine.travel("2026-07-01 10:00 +0200", tick=False):
        for number in range(12):
            make_contract(title=f"Vertrag {number}")  # each to be sent by 25.09.2026
        request = RequestFactory().get("/")
        request.user = viewer
        panel = contracts_panel(request)
        text = client.get("/").text
    assert (len(panel["upcoming"]), panel["upcoming_more"]) == (10, 2)
    assert "2 weitere Verträge mit einer Frist in den nächsten 90 Tagen" in text
