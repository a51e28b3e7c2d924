"""Starting a termination from a contract: the page leads with the answer "by when" for an
ordinary notice as of today, names the required form in plain words, and starts one
termination (never two).

The factory contract: from 01.01.2025 for 24 months, renews by 12, three months' notice to
the end of the term; the company is in North Rhine-Westphalia, the post takes 3 postal days.
"""

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.termination import services
from vendorwatch.termination.models import Termination
from vendorwatch.termination.tests.factory import make_termination

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract() -> Contract:
    nrw()
    return make_contract(number="MS-2025-17")


def page(client: Client, user, contract: Contract, language: str = "en") -> str:
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    response = client.get(reverse("termination-start", args=[contract.pk]))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_it_leads_with_the_end_the_receipt_deadline_and_the_posting_day(
    client: Client, editor, contract
) -> None:
    text = page(client, editor, contract)
    assert (
        "Your contract ends on 31.12.2026 if the notice reaches the provider by 30.09.2026."
        " Hand it to the post by Saturday 26.09.2026 at the latest."
    ) in text
    assert "25 days left to post it." in text


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_it_says_the_same_in_german(client: Client, editor, contract) -> None:
    text = page(client, editor, contract, "de")
    assert (
        "Ihr Vertrag endet am 31.12.2026, wenn die Kündigung bis zum 30.09.2026 beim"
        " Dienstleister eingeht. Geben Sie sie spätestens am Samstag, 26.09.2026 zur Post."
    ) in text


@time_machine.travel("2026-09-28 10:00 +0200", tick=False)
def test_too_late_for_the_post_it_says_courier_or_in_person_today(
    client: Client, editor, contract
) -> None:
    text = page(client, editor, contract)
    assert (
        "Too late for the post — deliver by courier or in person today, or the contract runs"
        " until 31.12.2027."
    ) in text
    assert (
        "Your contract ends on 31.12.2026 if the notice reaches the provider by 30.09.2026." in text
    )
    assert "Hand it to the post by" not in text


@time_machine.travel("2026-09-28 10:00 +0200", tick=False)
def test_too_late_for_the_post_in_german(client: Client, editor, contract) -> None:
    text = page(client, editor, contract, "de")
    assert "Zu spät für die Post" in text
    assert "31.12.2027" in text


@time_machine.travel("2026-10-01 10:00 +0200", tick=False)
def test_after_the_deadline_it_names_the_missed_end_and_the_next(
    client: Client, editor, contract
) -> None:
    text = page(client, editor, contract)
    assert (
        "The deadline for the end on 31.12.2026 has passed. The earliest end is now 31.12.2027."
        in text
    )
    assert (
        "Your contract ends on 31.12.2027 if the notice reaches the provider by 30.09.2027."
        " Hand it to the post by Monday 27.09.2027 at the latest."
    ) in text


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_a_fixed_term_needs_no_notice(client: Client, editor) -> None:
    nrw()
    contract = make_contract(
        after_minimum_term=Contract.AfterMinimum.ENDS, renewal_term_amount=None
    )
    text = page(client, editor, contract)
    assert "This contract has a fixed term and ends on 31.12.2026 without notice." in text


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_incomplete_terms_say_so_and_link_to_the_contract_form(client: Client, editor) -> None:
    contract = make_contract(notice_amount=None)
    text = page(client, editor, contract)
    assert "The notice terms of this contract are incomplete" in text
    assert reverse("contracts-edit", args=[contract.pk]) in text


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_written_form_means_print_sign_and_send_by_post(client: Client, editor, contract) -> None:
    text = page(client, editor, contract)
    assert "print the notice, sign it by hand and send it by post or courier" in text
    assert "An e-mail or a fax is not enough." in text


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_text_form_means_an_e_mail_is_enough(client: Client, editor) -> None:
    contract = make_contract(required_form=Contract.Form.TEXT)
    text = page(client, editor, contract)
    assert "<strong>text form</strong>: an e-mail is enough." in text


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_the_derivation_is_one_click_away(client: Client, editor, contract) -> None:
    text = page(client, editor, contract)
    assert '<details class="explanation-details">' in text
    assert '<ol class="explanation"><li>' in text


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_starting_creates_the_termination_and_opens_it(client: Client, editor, contract) -> None:
    client.force_login(editor)
    url = reverse("termination-start", args=[contract.pk])
    response = client.post(url, {"kind": "ordinary"})
    termination = Termination.objects.get()
    assert response["Location"] == reverse("termination-detail", args=[termination.pk])
    assert (termination.kind, termination.created_by) == ("ordinary", editor)


def test_a_termination_for_cause_can_be_started(client: Client, editor, contract) -> None:
    client.force_login(editor)
    client.post(reverse("termination-start", args=[contract.pk]), {"kind": "for_cause"})
    assert Termination.objects.get().is_for_cause


def test_an_unknown_kind_is_refused(client: Client, editor, contract) -> None:
    client.force_login(editor)
    response = client.post(reverse("termination-start", args=[contract.pk]), {"kind": "x"})
    assert response.status_code == 200
    assert not Termination.objects.exists()


def test_starting_twice_leaves_one_termination(client: Client, editor, contract) -> None:
    client.force_login(editor)
    url = reverse("termination-start", args=[contract.pk])
    client.post(url, {"kind": "ordinary"})
    response = client.post(url, {"kind": "for_cause"}, follow=True)
    termination = Termination.objects.get()
    assert not termination.is_for_cause
    assert response.redirect_chain[-1][0] == reverse("termination-detail", args=[termination.pk])
    assert "Für diesen Vertrag läuft bereits eine Kündigung: Hier ist sie." in response.text


def test_the_start_page_of_a_contract_in_termination_leads_to_it(
    client: Client, editor, contract
) -> None:
    termination = make_termination(contract)
    client.force_login(editor)
    response = client.get(reverse("termination-start", args=[contract.pk]))
    assert response["Location"] == reverse("termination-detail", args=[termination.pk])


def test_a_race_lost_to_another_user_shows_the_winners_termination(
    client: Client, editor, contract, monkeypatch
) -> None:
    winner = make_termination(contract)
    answers = iter([None])
    real = services.active_termination
    monkeypatch.setattr(services, "active_termination", lambda c: next(answers, real(c)))
    client.force_login(editor)
    response = client.post(reverse("termination-start", args=[contract.pk]), {"kind": "ordinary"})
    assert response["Location"] == reverse("termination-detail", args=[winner.pk])
    assert Termination.objects.count() == 1


def test_a_withdrawn_termination_leaves_room_for_a_new_one(
    client: Client, editor, contract
) -> None:
    make_termination(contract, status=Termination.Status.WITHDRAWN)
    client.force_login(editor)
    client.post(reverse("termination-start", args=[contract.pk]), {"kind": "ordinary"})
    assert Termination.objects.exclude(status="withdrawn").count() == 1


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_a_viewer_sees_the_dates_but_no_form(client: Client, viewer, contract) -> None:
    text = page(client, viewer, contract)
    assert "Hand it to the post by Saturday 26.09.2026" in text
    assert 'name="kind"' not in text


def test_a_viewer_cannot_start(client: Client, viewer, contract) -> None:
    client.force_login(viewer)
    response = client.post(reverse("termination-start", args=[contract.pk]), {"kind": "ordinary"})
    assert response.status_code == 403
    assert not Termination.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client: Client, contract) -> None:
    response = client.get(reverse("termination-start", args=[contract.pk]))
    assert response["Location"].startswith("/login/")


def test_an_unknown_contract_is_not_found(client: Client, editor) -> None:
    client.force_login(editor)
    assert client.get(reverse("termination-start", args=[999])).status_code == 404


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_contract_starting_in_the_year_9999_shows_cannot_be_computed(
    client: Client, editor, language: str
) -> None:
    contract = make_contract(start_date=date(9999, 1, 1))
    text = page(client, editor, contract, language)
    assert "status-error" in text
