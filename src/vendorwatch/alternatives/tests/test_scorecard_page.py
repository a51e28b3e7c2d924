"""The scorecard page: the answer first, the next step with its link, the parts with their
computation, the trend as chart and table; odd stored records and many records."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from vendorwatch.alternatives.scorecard import component_text, provider_scorecard
from vendorwatch.alternatives.views.scorecard import step_url
from vendorwatch.contracts.models import Contract, Invoice, InvoiceLine
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice
from vendorwatch.core.scoring.scorecard import STEP_TERMINATE
from vendorwatch.meetings.models import ActionItem
from vendorwatch.monitoring.tests.report_factory import make_setup, make_ticket
from vendorwatch.problems.models import Problem
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = pytest.mark.django_db

MET = {"response_met": True, "resolved": "2026-11-20 10:00", "resolution_met": True}


@pytest.fixture(autouse=True)
def now() -> Any:
    make_organisation(federal_state="DE-BY")
    with time_machine.travel(datetime(2026, 12, 4, 10, 0, tzinfo=UTC), tick=False):
        yield


def url(provider: Provider) -> str:
    return reverse("alternatives-scorecard", args=[provider.pk])


def page(user: Any, provider: Provider) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url(provider))
    assert response.status_code == 200
    return response.content.decode()


def green_provider() -> Provider:
    """SLA 38 of 40 times kept (75 points), one open action item (100): total 82,5."""
    provider, _policy, job = make_setup()
    for number in range(20):
        make_ticket(job, "2026-11-02 09:00", 2, **(MET | {"response_met": number >= 2}))
    ActionItem.objects.create(
        provider=provider, side="provider", title="Bericht", due_date=date(2026, 12, 20)
    )
    return provider


def test_the_page_is_at_the_agreed_address() -> None:
    assert url(Provider(pk=7)) == "/alternatives/scorecard/7/"


def test_a_viewer_sees_the_light_and_the_total_first(viewer: Any) -> None:
    text = page(viewer, green_provider())
    headline = text.index("Gesamtbewertung 82,5 von 100 — grün")
    assert headline < text.index("Wie sich die Bewertung zusammensetzt")
    assert "answer-green" in text


def test_the_page_shows_the_next_step_with_its_reason_and_link(viewer: Any) -> None:
    text = page(viewer, green_provider())
    assert "Nächster Schritt" in text or "nächster Schritt" in text
    assert 'href="/meetings/"' in text


def test_each_part_shows_its_computation_and_no_data_where_there_is_none(viewer: Any) -> None:
    provider = green_provider()
    text = page(viewer, provider)
    sla = provider_scorecard(provider, today=date(2026, 12, 4)).component("sla")
    assert escape(component_text(sla)) in text  # 38 of 40 times kept (95 %): 75 points
    assert text.count("keine Daten") >= 3  # satisfaction, cost, problems
    assert "nicht gezählt" in text


def test_a_provider_with_nothing_recorded_shows_no_data_and_no_alarm(viewer: Any) -> None:
    text = page(viewer, make_provider(name="Neu GmbH"))
    assert "answer-grey" in text
    assert "keine Daten" in text
    assert "answer-red" not in text and "answer-amber" not in text
    assert not re.search(r"\b(rot|gelb)\b", text)


def test_the_trend_is_a_chart_with_its_figures_as_a_table(viewer: Any) -> None:
    provider = green_provider()
    text = page(viewer, provider)
    assert f'src="{url(provider)}chart.svg"' in text
    assert text.count('<th scope="row">') >= 12 + 5  # 12 months and the 5 parts
    client = Client()
    client.force_login(viewer)
    chart = client.get(f"{url(provider)}chart.svg")
    assert chart["Content-Type"].startswith("image/svg+xml")
    assert b"<title>" in chart.content and b"82,5" in chart.content


def test_terminating_leads_to_the_providers_contract() -> None:
    contract = make_contract()
    assert step_url(STEP_TERMINATE, contract.provider) == f"/contracts/{contract.pk}/"
    assert step_url(STEP_TERMINATE, make_provider()) == "/contracts/"


def test_extreme_stored_values_do_not_break_the_page(viewer: Any) -> None:
    provider = green_provider()
    problem = make_problem(provider=provider)
    Problem.objects.filter(pk=problem.pk).update(
        reported_to_provider_at=datetime(9999, 12, 31, 23, tzinfo=UTC), breached=True
    )
    contract = make_contract(provider=provider, fee=Decimal("9999999999.99"))
    invoice = make_invoice(contract, invoice_date=date(2026, 6, 1))
    add_line(invoice, None, "9999999999.99", qty="99999999.99")
    Invoice.objects.create(contract=contract, number="RE-9999", invoice_date=date(9999, 12, 31))
    make_ticket(
        provider.ticket_imports.first(),
        datetime(9999, 12, 31, 12, tzinfo=UTC),
        2,
        response_met=False,
    )
    assert InvoiceLine.objects.count() == 1
    assert "Gesamtbewertung" in page(viewer, provider)


def test_the_page_asks_as_often_with_many_records(viewer: Any) -> None:
    provider = green_provider()
    contract = make_contract(provider=provider, fee=Decimal("100.00"))

    def grow(number: int) -> None:
        make_problem(f"2026-0{1 + number % 9}-10 09:00+01:00", provider=provider)
        invoice = make_invoice(
            contract, number=f"RE-{number}", invoice_date=date(2026, 1 + number % 11, 3)
        )
        add_line(invoice, None, "100.00")
        ActionItem.objects.create(
            provider=provider, side="provider", title="x", due_date=date(2026, 1 + number % 11, 1)
        )

    client = Client()
    client.force_login(viewer)

    def queries() -> int:
        client.get(url(provider))  # the first counts the months into the cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(provider)).status_code == 200
        return len(captured)

    grow(0)
    few = queries()
    for number in range(1, 15):
        grow(number)
    assert queries() == few
    assert Contract.objects.filter(provider=provider).count() == 1


def test_the_page_speaks_english_when_chosen(viewer: Any) -> None:
    provider = green_provider()
    client = Client()
    client.force_login(viewer)
    client.post(reverse("web-language"), {"language": "en", "next": "/"})
    text = client.get(url(provider)).content.decode()
    assert "Overall score 82.5 out of 100 — green" in text
    assert "Employee satisfaction" in text and "no data" in text
