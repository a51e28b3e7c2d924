"""The termination box on the contract's page: the receipt line of the termination in
progress and a link to it; without one, a link to prepare it for those who may."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination.models import Termination
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination
from vendorwatch.testing.factory import longest_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract() -> Contract:
    return make_contract()


@pytest.fixture
def termination(contract) -> Termination:
    """Started on 01.09.2026: the contract ends 31.12.2026, the notice must arrive by 30.09."""
    with time_machine.travel("2026-09-01 10:00+02:00", tick=False):
        return make_termination(contract)


def box(client, user, contract: Contract, today: str = "2026-09-25") -> str:
    client.force_login(user)
    with time_machine.travel(f"{today} 10:00+02:00", tick=False):
        page = client.get(f"/contracts/{contract.pk}/").content.decode()
    start = page.index('aria-labelledby="termination-box-heading"')
    return page[start : page.index("</section>", start)]


def test_without_a_termination_an_editor_may_prepare_one(client, editor, contract) -> None:
    html = box(client, editor, contract)
    assert "Keine Kündigung in Arbeit." in html
    assert f'href="/exit/start/{contract.pk}/"' in html


def test_without_a_termination_a_viewer_gets_no_link(client, viewer, contract) -> None:
    html = box(client, viewer, contract)
    assert "Keine Kündigung in Arbeit." in html
    assert "/exit/start/" not in html


def test_a_withdrawn_termination_leaves_room_for_a_new_one(client, editor, termination) -> None:
    termination.status = Termination.Status.WITHDRAWN
    termination.save()
    assert f'href="/exit/start/{termination.contract_id}/"' in box(
        client, editor, termination.contract
    )


def test_not_sent_yet(client, viewer, termination) -> None:
    html = box(client, viewer, termination.contract)
    assert "Noch nicht versandt – noch 5 Tage bis zur Frist am 30.09.2026" in html
    assert 'class="message message-warning"' in html
    assert f'href="/exit/{termination.pk}/"' in html


def test_sent_with_time_enough(client, viewer, termination) -> None:
    make_dispatch(make_letter(termination), sent_on=date(2026, 9, 2))
    html = box(client, viewer, termination.contract, today="2026-09-10")
    assert "Zugang noch nicht nachgewiesen – noch 20 Tage bis zur Frist am 30.09.2026" in html
    assert 'class="message "' in html


def test_sent_and_the_deadline_passed(client, viewer, termination) -> None:
    make_dispatch(make_letter(termination), sent_on=date(2026, 9, 2))
    html = box(client, viewer, termination.contract, today="2026-10-02")
    assert "die Frist am 30.09.2026 ist seit 2 Tagen abgelaufen" in html
    assert 'class="message message-error"' in html


def test_received_in_time(client, viewer, termination) -> None:
    letter = make_letter(termination)
    make_dispatch(letter, sent_on=date(2026, 9, 24), received_on=date(2026, 9, 29))
    html = box(client, viewer, termination.contract, today="2026-10-05")
    assert (
        "Kündigung eingegangen am 29.09.2026 – rechtzeitig (Frist 30.09.2026). "
        "Der Vertrag endet am 31.12.2026."
    ) in html
    assert 'class="message message-success"' in html


def test_received_late(client, viewer, termination) -> None:
    letter = make_letter(termination)
    make_dispatch(letter, sent_on=date(2026, 9, 29), received_on=date(2026, 10, 1))
    html = box(client, viewer, termination.contract, today="2026-10-05")
    assert "verspätet (Frist 30.09.2026): Der Vertrag läuft bis 31.12.2027." in html


def test_the_box_copes_with_the_longest_texts_and_the_year_9999(client, viewer) -> None:
    contract = make_contract(start_date=date(9999, 1, 1), title=longest_text(Contract, "title"))
    with time_machine.travel("2026-09-01 10:00+02:00", tick=False):
        termination = make_termination(contract, notes="n" * 5_000)
    letter = make_letter(termination, letter_date=date(9999, 12, 31))
    make_dispatch(letter, sent_on=date(9999, 12, 31), received_on=date(9999, 12, 31))
    html = box(client, viewer, contract)
    assert "lassen sich nicht berechnen" in html


def count(client, contract: Contract) -> int:
    client.get(f"/contracts/{contract.pk}/")
    with CaptureQueriesContext(connection) as captured:
        client.get(f"/contracts/{contract.pk}/")
    return len(captured)


def test_the_page_asks_as_often_for_ten_times_the_letters(client, viewer, termination) -> None:
    client.force_login(viewer)
    make_dispatch(make_letter(termination))
    small = count(client, termination.contract)
    for _ in range(9):
        make_dispatch(make_letter(termination))
        make_dispatch(make_letter(termination))
    assert count(client, termination.contract) == small
