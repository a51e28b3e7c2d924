"""The overview: terminations in progress first with the state of their notice, withdrawn or
finished ones below, then the contracts without a termination with their next deadline."""

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.termination.models import Termination
from vendorwatch.termination.tests.factory import (
    make_dispatch,
    make_letter,
    make_task,
    make_termination,
)
from vendorwatch.testing.factory import longest_text, make_provider

pytestmark = pytest.mark.django_db
URL = reverse("termination-index")


def page(client: Client, user, language: str = "en", query: str = "") -> str:
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    response = client.get(URL + query)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_without_anything_it_explains_the_step(client: Client, editor) -> None:
    text = page(client, editor)
    assert "No termination in progress. To end a contract, choose it below" in text
    assert "No contract without a termination in progress." in text


def test_the_empty_state_in_german(client: Client, editor) -> None:
    text = page(client, editor, "de")
    assert "Keine laufende Kündigung." in text


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_a_termination_in_progress_shows_its_end_and_the_notice_state(
    client: Client, viewer
) -> None:
    nrw()
    termination = make_termination(make_contract(title="Managed Services"))
    text = page(client, viewer)
    assert reverse("termination-detail", args=[termination.pk]) in text
    assert "<td>31.12.2026</td>" in text
    assert "not sent yet – must be received by 30.09.2026" in text


@time_machine.travel("2026-09-25 10:00 +0200", tick=False)
def test_a_notice_sent_shows_the_days_left_to_prove_receipt(client: Client, viewer) -> None:
    nrw()
    termination = make_termination(make_contract())
    make_dispatch(make_letter(termination), sent_on=date(2026, 9, 24))
    text = page(client, viewer)
    assert "sent on 24.09.2026, receipt not yet proven – 5 days left" in text


@time_machine.travel("2026-10-05 10:00 +0200", tick=False)
def test_a_notice_received_shows_in_time(client: Client, viewer) -> None:
    nrw()
    termination = make_termination(make_contract())
    make_dispatch(
        make_letter(termination), sent_on=date(2026, 9, 24), received_on=date(2026, 9, 28)
    )
    assert "received on 28.09.2026 – in time" in page(client, viewer)


def test_withdrawn_terminations_are_listed_below(client: Client, viewer) -> None:
    make_termination(make_contract(title="Erster"), status=Termination.Status.WITHDRAWN)
    make_termination(make_contract(title="Zweiter"))
    text = page(client, viewer)
    assert text.index("Zweiter") < text.index("Withdrawn or finished") < text.index("Erster")


def test_contracts_without_a_termination_offer_to_prepare_one(client: Client, editor) -> None:
    contract = make_contract(title="Telefonanlage")
    busy = make_contract(title="Schon gekündigt")
    make_termination(busy)
    text = page(client, editor)
    assert reverse("termination-start", args=[contract.pk]) in text
    assert reverse("termination-start", args=[busy.pk]) not in text


def test_a_viewer_is_not_offered_to_prepare_a_termination(client: Client, viewer) -> None:
    contract = make_contract()
    text = page(client, viewer)
    assert reverse("contracts-detail", args=[contract.pk]) in text
    assert reverse("termination-start", args=[contract.pk]) not in text


def test_the_terminations_are_paginated(client: Client, viewer) -> None:
    provider = make_provider()
    for number in range(26):
        make_termination(make_contract(provider=provider, title=f"Vertrag {number:02}"))
    assert "Page 1 of 2" in page(client, viewer)
    assert "Page 2 of 2" in page(client, viewer, query="?page=2")


def test_the_contracts_are_paginated_on_their_own(client: Client, viewer) -> None:
    provider = make_provider()
    for number in range(26):
        make_contract(provider=provider, title=f"Vertrag {number:02}")
    text = page(client, viewer, query="?contracts=2")
    assert "Vertrag 25" in text
    assert "Vertrag 00" not in text


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    assert client.get(URL)["Location"].startswith("/login/")


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_contract_starting_in_the_year_9999_and_the_longest_texts_show(
    client: Client, viewer, language: str
) -> None:
    title = longest_text(Contract, "title")
    make_termination(make_contract(start_date=date(9999, 1, 1), title=title), reason="x" * 5_000)
    make_contract(start_date=date(9999, 1, 1), title="Unberechenbar")
    text = page(client, viewer, language)
    assert title in text
    assert text.count("status-error") == 2


def queries(client: Client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_the_page_asks_the_database_as_often_for_ten_rows_as_for_one(
    client: Client, viewer
) -> None:
    nrw()
    provider = make_provider()

    def grow() -> None:
        termination = make_termination(make_contract(provider=provider))
        make_dispatch(make_letter(termination), sent_on=date(2026, 9, 2))
        make_contract(provider=provider)

    grow()
    client.force_login(viewer)
    queries(client)  # the session and the permissions, read once
    few = queries(client)
    for _ in range(9):
        grow()
    assert queries(client) == few


@time_machine.travel("2027-01-10 10:00 +0100", tick=False)
def test_a_finished_termination_is_listed_below(client: Client, viewer) -> None:
    nrw()
    with time_machine.travel("2026-09-01 10:00 +0200", tick=False):
        termination = make_termination(make_contract(title="Beendet"))
    make_dispatch(
        make_letter(termination), sent_on=date(2026, 9, 24), received_on=date(2026, 9, 28)
    )
    make_termination(make_contract(title="Läuft"))
    text = page(client, viewer)
    assert text.index("Läuft") < text.index("Withdrawn or finished") < text.index("Beendet")


@time_machine.travel("2027-01-10 10:00 +0100", tick=False)
def test_an_ended_contract_with_open_exit_tasks_is_still_in_progress(
    client: Client, viewer
) -> None:
    nrw()
    with time_machine.travel("2026-09-01 10:00 +0200", tick=False):
        termination = make_termination(make_contract(title="Übergabe offen"))
    make_dispatch(
        make_letter(termination), sent_on=date(2026, 9, 24), received_on=date(2026, 9, 28)
    )
    make_task(termination, days_from_end=14)
    assert "Withdrawn or finished" not in page(client, viewer)
