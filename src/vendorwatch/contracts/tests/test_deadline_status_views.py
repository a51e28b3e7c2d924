"""The list and the contract page show the state the user must act on, never "missed"
without cause; the page leads with a three-line summary and folds the derivation."""

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract, nrw

pytestmark = pytest.mark.django_db


def monthly_open_ended(**fields: object) -> Contract:
    """Unbefristet since 2024, 1 month to the end of a month."""
    return make_contract(
        start_date=date(2024, 1, 1),
        minimum_term_amount=None,
        after_minimum_term=Contract.AfterMinimum.OPEN_ENDED,
        renewal_term_amount=None,
        notice_amount=1,
        notice_anchor=Contract.Anchor.MONTH_END,
        **fields,
    )


def after_minimum_monthly() -> Contract:
    """12 months from 01.01.2025, then 1 month to any month's end: its first end has passed."""
    return make_contract(
        start_date=date(2025, 1, 1),
        minimum_term_amount=12,
        after_minimum_term=Contract.AfterMinimum.OPEN_ENDED,
        renewal_term_amount=None,
        notice_amount=1,
        notice_anchor=Contract.Anchor.MONTH_END,
    )


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_an_open_ended_contract_shows_notice_possible_not_missed(client: Client, viewer) -> None:
    nrw()
    monthly_open_ended(title="Telefonanlage")
    client.force_login(viewer)
    text = client.get(reverse("contracts-list")).text
    # 30.06.2026 is a Tuesday: receipt by then ends the contract on 31.07.; 15 days from 15.06.
    assert "Kündigung möglich bis 30.06.2026 zum 31.07.2026 – noch 15 Tage" in text
    assert "verpasst" not in text


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_a_contract_whose_first_end_has_passed_is_not_missed(client: Client, viewer) -> None:
    nrw()
    after_minimum_monthly()
    client.force_login(viewer)
    client.cookies["vendorwatch_language"] = "en"
    text = client.get(reverse("contracts-list")).text
    assert "notice possible until 30.06.2026 for the end 31.07.2026 – 15 days left" in text
    assert "missed" not in text


@time_machine.travel("2026-10-01 10:00 +0200", tick=False)
def test_a_renewing_contract_past_its_deadline_says_missed_and_the_new_end(
    client: Client, viewer
) -> None:
    nrw()
    make_contract()
    client.force_login(viewer)
    text = client.get(reverse("contracts-list")).text
    assert (
        "Frist zum 31.12.2026 verpasst – frühestes Vertragsende jetzt 31.12.2027, Kündigung"
        " möglich bis 30.09.2027"
    ) in text


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_contract_page_leads_with_three_lines_and_folds_the_derivation(
    client: Client, viewer
) -> None:
    nrw()
    contract = make_contract()
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    summary = text.index('<ul class="deadline-summary">')
    derivation = text.index('<details class="explanation-details">')
    assert summary < derivation < text.index("Vertragsbeginn: 01.01.2025")
    lines = text[summary:derivation]
    assert "<li>Frühestes Vertragsende: 31.12.2026</li>" in lines
    assert "<li>Die Kündigung muss ankommen bis: 30.09.2026</li>" in lines
    assert "<li>Spätestens absenden am: 25.09.2026</li>" in lines


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_no_step_of_an_open_ended_contract_says_missed(client: Client, viewer) -> None:
    nrw()
    contract = monthly_open_ended()
    client.force_login(viewer)
    client.cookies["vendorwatch_language"] = "en"
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "missed" not in text and "has passed" not in text


@time_machine.travel("2026-12-01 10:00 +0100", tick=False)
def test_a_deadline_on_christmas_eve_advises_arrival_on_the_23rd(client: Client, viewer) -> None:
    nrw()
    # 1 week to 31.12.2026: the legal deadline is Thursday 24.12.2026.
    contract = make_contract(notice_amount=1, notice_unit="weeks")
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "Die Kündigung muss ankommen bis: 23.12.2026 – nicht erst an Heiligabend" in text
    assert "Spätestens absenden am: 18.12.2026" in text
    assert "XII ZR 148/05" in text
    # the card below gives the same advice and names the unchanged legal deadline
    assert "<dd>23.12.2026 (gesetzlich 24.12.)</dd>" in text
