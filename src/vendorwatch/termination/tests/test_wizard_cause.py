"""A termination for cause shows the two conditions of § 314 BGB as traffic lights with
their dates, against hand-worked examples.

The provider's breach became known on Monday 02.11.2026. Two weeks after a day end on the same
weekday two weeks later (§ 187 (1) BGB): 16.11.2026; about two months (61 days): 02.01.2027.
"""

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination.models import Letter, Termination
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination

pytestmark = pytest.mark.django_db
LEARNED = date(2026, 11, 2)


def cause(*, service_contract: bool = False, **fields) -> Termination:
    fields.setdefault("learned_on", LEARNED)
    contract = make_contract(service_contract=service_contract)
    return make_termination(contract, kind=Termination.Kind.FOR_CAUSE, **fields)


def warned(termination: Termination, on: date = date(2026, 11, 3)) -> None:
    make_dispatch(make_letter(termination, kind=Letter.Kind.WARNING), sent_on=on)


def page(client: Client, user, termination: Termination, language: str = "en") -> str:
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    response = client.get(reverse("termination-detail", args=[termination.pk]))
    return " ".join(response.content.decode().split())


def light(text: str, condition: str) -> str:
    """The state of one condition, as the page marks it."""
    marker = f'data-condition="{condition}" data-state="'
    start = text.index(marker) + len(marker)
    return text[start : text.index('"', start)]


@time_machine.travel("2026-11-03 10:00 +0100", tick=False)
def test_without_a_warning_the_first_condition_is_missing(client: Client, viewer) -> None:
    text = page(client, viewer, cause())
    assert light(text, "warning") == "not_met"
    assert "No warning has been sent yet." in text
    assert light(text, "timeliness") == "pending"
    assert "The reasonable time starts once the deadline to remedy has passed" in text


@time_machine.travel("2026-11-10 10:00 +0100", tick=False)
def test_while_the_deadline_to_remedy_runs_the_termination_waits(client: Client, viewer) -> None:
    termination = cause(remedy_deadline=date(2026, 11, 17))
    warned(termination)
    text = page(client, viewer, termination)
    assert light(text, "warning") == "pending"
    assert (
        "The deadline to remedy runs until 17.11.2026: the termination is possible from 18.11.2026"
    ) in text
    assert (
        "Send the notice so that it arrives by 01.12.2026: two weeks after 17.11.2026 is the"
        " safe limit. After that it is at risk; after 17.01.2027 probably too late."
    ) in text


@time_machine.travel("2026-11-20 10:00 +0100", tick=False)
def test_after_the_deadline_passed_without_remedy_the_termination_is_possible(
    client: Client, viewer
) -> None:
    termination = cause(remedy_deadline=date(2026, 11, 17))
    warned(termination)
    text = page(client, viewer, termination)
    assert light(text, "warning") == "met"
    assert "passed without remedy: the termination is possible since 18.11.2026." in text


@time_machine.travel("2026-11-20 10:00 +0100", tick=False)
def test_a_breach_remedied_in_time_gives_no_termination(client: Client, viewer) -> None:
    termination = cause(remedy_deadline=date(2026, 11, 17), remedied_on=date(2026, 11, 15))
    warned(termination)
    text = page(client, viewer, termination)
    assert light(text, "warning") == "remedied"
    assert "remedied the breach on 15.11.2026, within the deadline" in text


@time_machine.travel("2026-11-05 10:00 +0100", tick=False)
def test_a_service_contract_has_two_weeks_by_law(client: Client, viewer) -> None:
    termination = cause(
        service_contract=True, warning_dispensable=True, dispensable_reason="Verweigert."
    )
    text = page(client, viewer, termination)
    assert light(text, "warning") == "met"
    assert 'A warning is dispensable because: <span class="notes">Verweigert.</span>' in text
    assert (
        "Send the notice so that it arrives by 16.11.2026: two weeks after 02.11.2026"
        " (§ 626 (2) BGB, fixed by law for a service contract)."
    ) in text


@time_machine.travel("2026-11-20 10:00 +0100", tick=False)
def test_past_the_safe_two_weeks_it_is_at_risk(client: Client, viewer) -> None:
    termination = cause(warning_dispensable=True, dispensable_reason="Verweigert.")
    text = page(client, viewer, termination)
    assert light(text, "timeliness") == "at_risk"
    assert (
        "The safe two weeks after 02.11.2026 ended on 16.11.2026: send the notice at once."
        " After 02.01.2027 it is probably too late."
    ) in text


@time_machine.travel("2026-11-17 10:00 +0100", tick=False)
def test_a_service_contract_after_two_weeks_is_too_late(client: Client, viewer) -> None:
    termination = cause(
        service_contract=True, warning_dispensable=True, dispensable_reason="Verweigert."
    )
    text = page(client, viewer, termination)
    assert light(text, "timeliness") == "late"
    assert "Probably too late: the two weeks after 02.11.2026 ended on 16.11.2026" in text


@time_machine.travel("2026-11-20 10:00 +0100", tick=False)
def test_a_notice_received_within_two_weeks_is_in_time(client: Client, viewer) -> None:
    termination = cause(
        service_contract=True, warning_dispensable=True, dispensable_reason="Verweigert."
    )
    make_dispatch(
        make_letter(termination), sent_on=date(2026, 11, 9), received_on=date(2026, 11, 10)
    )
    text = page(client, viewer, termination)
    assert light(text, "timeliness") == "pending"
    assert "Notice received on 10.11.2026 — in time (by 16.11.2026)." in text
    assert "The contract is to end on 10.11.2026." in text


def test_without_the_day_learned_the_second_condition_asks_for_it(client: Client, viewer) -> None:
    text = page(client, viewer, cause(learned_on=None))
    assert light(text, "timeliness") == "not_met"
    assert "Enter the day you learned of the reason." in text


@time_machine.travel("2026-11-10 10:00 +0100", tick=False)
def test_the_lights_in_german(client: Client, viewer) -> None:
    termination = cause(remedy_deadline=date(2026, 11, 17))
    warned(termination)
    text = page(client, viewer, termination, "de")
    assert "Die Frist zur Abhilfe läuft bis 17.11.2026" in text


def test_the_recorded_facts_are_shown(client: Client, viewer) -> None:
    termination = cause(
        reason="Server seit 3 Wochen ohne Backup.", effective_date=date(2026, 12, 1)
    )
    text = page(client, viewer, termination)
    assert "Server seit 3 Wochen ohne Backup." in text
    assert "The contract is to end on 01.12.2026." in text
