"""One termination: the answer first (the dates, or the receipt in time or late, or what a
notice received today would still reach), then the letters, the proof of receipt, the exit
checklist and the evidence pack.

The factory contract ends on 31.12.2026 if the notice is received by 30.09.2026 (state NW).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.termination.models import Letter, Termination
from vendorwatch.termination.tests.factory import (
    make_dispatch,
    make_letter,
    make_task,
    make_termination,
)
from vendorwatch.testing.factory import longest_text

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def termination() -> Termination:
    nrw()
    with time_machine.travel(datetime(2026, 9, 1, 9, 0, tzinfo=BERLIN), tick=False):
        return make_termination(make_contract(number="MS-2025-17"))


def page(client: Client, user, termination: Termination, language: str = "en") -> str:
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    response = client.get(reverse("termination-detail", args=[termination.pk]))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def sent(termination: Termination, **fields) -> None:
    make_dispatch(make_letter(termination), **fields)


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_it_leads_with_the_dates_of_the_notice(client: Client, viewer, termination) -> None:
    text = page(client, viewer, termination)
    assert (
        "Your contract ends on 31.12.2026 if the notice reaches the provider by 30.09.2026."
        " Hand it to the post by Saturday 26.09.2026 at the latest."
    ) in text


@time_machine.travel("2026-09-28 10:00 +0200", tick=False)
def test_too_late_for_the_post_is_a_warning(client: Client, viewer, termination) -> None:
    text = page(client, viewer, termination)
    assert "Too late for the post — deliver by courier or in person today" in text


@time_machine.travel("2026-09-25 10:00 +0200", tick=False)
def test_once_sent_it_counts_the_days_left_to_prove_receipt(
    client: Client, viewer, termination
) -> None:
    sent(termination, sent_on=date(2026, 9, 24))
    text = page(client, viewer, termination)
    assert "Sent on 24.09.2026; receipt not yet proven – 5 days left until the deadline." in text
    assert "Hand it to the post" not in text


@time_machine.travel("2026-10-05 10:00 +0200", tick=False)
def test_a_notice_received_in_time_says_so_with_the_end(
    client: Client, viewer, termination
) -> None:
    sent(termination, sent_on=date(2026, 9, 24), received_on=date(2026, 9, 29))
    text = page(client, viewer, termination)
    assert "Notice received on 29.09.2026 — in time. Your contract ends on 31.12.2026." in text


@time_machine.travel("2026-10-05 10:00 +0200", tick=False)
def test_a_notice_received_late_says_so_with_the_later_end(
    client: Client, viewer, termination
) -> None:
    sent(termination, sent_on=date(2026, 9, 29), received_on=date(2026, 10, 1))
    text = page(client, viewer, termination)
    assert (
        "Notice received on 01.10.2026 — late: it had to arrive by 30.09.2026. The contract"
        " ends on 31.12.2027."
    ) in text


@time_machine.travel("2026-10-02 10:00 +0200", tick=False)
def test_after_the_deadline_without_proof_it_says_what_a_notice_today_reaches(
    client: Client, viewer, termination
) -> None:
    sent(termination, sent_on=date(2026, 9, 29))
    text = page(client, viewer, termination)
    assert (
        "The deadline passed on 30.09.2026 and receipt of the notice is not proven. A notice"
        " received today ends the contract on 31.12.2027."
    ) in text


@time_machine.travel("2026-10-02 10:00 +0200", tick=False)
def test_received_in_time_in_german(client: Client, viewer, termination) -> None:
    sent(termination, sent_on=date(2026, 9, 24), received_on=date(2026, 9, 29))
    text = page(client, viewer, termination, "de")
    assert (
        "Kündigung am 29.09.2026 zugegangen – rechtzeitig. Ihr Vertrag endet am 31.12.2026." in text
    )


def test_the_letters_are_listed_with_their_dispatch(client: Client, viewer, termination) -> None:
    letter = make_letter(termination, subject="Kündigung Vertrag MS-2025-17")
    make_dispatch(letter, sent_on=date(2026, 9, 2), received_on=date(2026, 9, 3))
    make_letter(termination, kind=Letter.Kind.DATA_RETURN, subject="Datenherausgabe")
    text = page(client, viewer, termination)
    assert "Kündigung Vertrag MS-2025-17" in text
    assert "Registered letter (Einwurf-Einschreiben) on 02.09.2026, received on 03.09.2026" in text
    assert "not sent yet" in text


def test_an_editor_gets_a_button_for_each_letter_but_the_warning(
    client: Client, editor, termination
) -> None:
    text = page(client, editor, termination)
    for kind in ("termination", "confirmation", "data_return"):
        assert reverse("termination-letter-add", args=[termination.pk, kind]) in text
    assert reverse("termination-letter-add", args=[termination.pk, "warning"]) not in text


def test_a_termination_for_cause_offers_the_warning_letter(client: Client, editor) -> None:
    termination = make_termination(kind=Termination.Kind.FOR_CAUSE)
    text = page(client, editor, termination)
    assert reverse("termination-letter-add", args=[termination.pk, "warning"]) in text


def test_a_viewer_gets_no_buttons_to_change(client: Client, viewer, termination) -> None:
    text = page(client, viewer, termination)
    assert "/letters/new/" not in text
    assert reverse("termination-edit", args=[termination.pk]) not in text
    assert reverse("termination-withdraw", args=[termination.pk]) not in text


@time_machine.travel("2026-12-20 10:00 +0100", tick=False)
def test_the_checklist_summary_counts_open_done_and_overdue(
    client: Client, viewer, termination
) -> None:
    sent(termination, sent_on=date(2026, 9, 24), received_on=date(2026, 9, 29))
    make_task(termination, days_from_end=-30)  # due 01.12.2026: overdue
    make_task(termination, days_from_end=0)  # due 31.12.2026
    make_task(termination, days_from_end=-60, done_on=date(2026, 11, 1))
    text = page(client, viewer, termination)
    assert 'data-tasks="2-1-1"' in text
    assert "2 tasks open, 1 done, <strong>1 overdue</strong>. Next due on 31.12.2026." in text
    assert reverse("termination-checklist", args=[termination.pk]) in text


def test_the_evidence_pack_is_one_link_away(client: Client, viewer, termination) -> None:
    text = page(client, viewer, termination)
    assert reverse("termination-evidence", args=[termination.contract.pk]) in text


def test_without_letters_and_tasks_it_explains_the_next_step(
    client: Client, viewer, termination
) -> None:
    text = page(client, viewer, termination)
    assert "No letter yet. Start with the notice" in text
    assert "No exit tasks yet" in text


def test_a_withdrawn_termination_says_so_and_offers_no_changes(
    client: Client, editor, termination
) -> None:
    termination.status = Termination.Status.WITHDRAWN
    termination.save()
    text = page(client, editor, termination)
    assert "This termination was withdrawn." in text
    assert reverse("termination-edit", args=[termination.pk]) not in text
    assert reverse("termination-start", args=[termination.contract.pk]) in text


def test_anonymous_visitors_are_sent_to_log_in(client: Client, termination) -> None:
    response = client.get(reverse("termination-detail", args=[termination.pk]))
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_contract_starting_in_the_year_9999_and_the_longest_texts_show(
    client: Client, editor, language: str
) -> None:
    contract = make_contract(start_date=date(9999, 1, 1), title=longest_text(Contract, "title"))
    long = "x" * 5_000
    termination = make_termination(contract, notes=long)
    for_cause = make_termination(
        make_contract(start_date=date(9999, 1, 1)),
        kind=Termination.Kind.FOR_CAUSE,
        reason=long,
        dispensable_reason=long,
        warning_dispensable=True,
        learned_on=date(9999, 12, 30),
    )
    make_letter(for_cause, subject=longest_text(Letter, "subject"), body=long)
    assert "status-error" in page(client, editor, termination, language)
    assert long in page(client, editor, for_cause, language)
