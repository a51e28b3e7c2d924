"""The receipt line leads with the answer — received in time or late, how long is left to
prove it, or not sent yet — and the list below shows each letter's dispatches and proof."""

from datetime import date

import pytest
from django.contrib.auth.context_processors import PermWrapper
from django.template.loader import render_to_string

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination import services
from vendorwatch.termination.models import Dispatch, Letter, Termination, TerminationFile
from vendorwatch.termination.templatetags.termination_tags import receipt_line
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination
from vendorwatch.testing.factory import longest_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def termination(time_machine) -> Termination:
    """Started on 01.09.2026: the contract ends 31.12.2026, the notice must arrive by 30.09."""
    time_machine.move_to("2026-09-01 10:00+02:00", tick=False)
    return make_termination()


def line(termination: Termination, today: str) -> tuple[str, str]:
    termination = Termination.objects.select_related("contract").get(pk=termination.pk)
    found = receipt_line(
        services.receipt_status(termination, date.fromisoformat(today)), termination
    )
    return found.text, found.tone


def sent(termination: Termination, **fields) -> Dispatch:
    return make_dispatch(make_letter(termination), sent_on=date(2026, 9, 2), **fields)


def test_not_sent_with_time_enough(termination) -> None:
    assert line(termination, "2026-09-01") == (
        "Noch nicht versandt – noch 29 Tage bis zur Frist am 30.09.2026",
        "",
    )


def test_not_sent_with_few_days_left_is_amber(termination) -> None:
    assert line(termination, "2026-09-25") == (
        "Noch nicht versandt – noch 5 Tage bis zur Frist am 30.09.2026",
        "message-warning",
    )


def test_sent_and_not_proven_with_days_left(termination) -> None:
    sent(termination)
    assert line(termination, "2026-09-25") == (
        "Zugang noch nicht nachgewiesen – noch 5 Tage bis zur Frist am 30.09.2026",
        "message-warning",
    )


def test_one_day_left_is_singular(termination) -> None:
    sent(termination)
    assert line(termination, "2026-09-29")[0].endswith("noch 1 Tag bis zur Frist am 30.09.2026")


def test_the_last_day(termination) -> None:
    sent(termination)
    assert line(termination, "2026-09-30") == (
        "Zugang noch nicht nachgewiesen – die Frist endet heute, am 30.09.2026",
        "message-warning",
    )


def test_a_passed_deadline_is_red(termination) -> None:
    sent(termination)
    assert line(termination, "2026-10-03") == (
        "Zugang noch nicht nachgewiesen – die Frist am 30.09.2026 ist seit 3 Tagen abgelaufen",
        "message-error",
    )


def test_received_in_time(termination) -> None:
    sent(termination, received_on=date(2026, 9, 29))
    assert line(termination, "2026-10-03") == (
        "Kündigung eingegangen am 29.09.2026 – rechtzeitig (Frist 30.09.2026). "
        "Der Vertrag endet am 31.12.2026.",
        "message-success",
    )


def test_received_late_the_contract_runs_another_year(termination) -> None:
    sent(termination, received_on=date(2026, 10, 1))
    assert line(termination, "2026-10-03") == (
        "Kündigung eingegangen am 01.10.2026 – verspätet (Frist 30.09.2026): "
        "Der Vertrag läuft bis 31.12.2027.",
        "message-error",
    )


def test_a_withdrawn_termination_says_so(termination) -> None:
    termination.status = Termination.Status.WITHDRAWN
    termination.save()
    assert line(termination, "2026-09-25")[0] == "Diese Kündigung wurde zurückgenommen."


def test_dates_that_cannot_be_computed_say_so(time_machine) -> None:
    time_machine.move_to("2026-09-01 10:00+02:00", tick=False)
    termination = make_termination(make_contract(start_date=date(9999, 1, 1)))
    text, _tone = line(termination, "2026-09-25")
    assert text.startswith("Die Daten dieser Kündigung lassen sich nicht berechnen")


def render(termination: Termination, user, today: str = "2026-09-25") -> str:
    termination = Termination.objects.select_related("contract").get(pk=termination.pk)
    receipt = services.receipt_status(termination, date.fromisoformat(today))
    context = {"receipt": receipt, "termination": termination, "perms": PermWrapper(user)}
    return render_to_string("termination/_receipt.html", context)


def test_the_list_shows_each_dispatch_with_its_proof(termination, editor) -> None:
    dispatch = sent(termination, tracking_number="RR123", received_on=date(2026, 9, 4))
    record = TerminationFile.objects.create(
        termination=termination,
        dispatch=dispatch,
        kind="delivery_record",
        file="termination/x.pdf",
        filename="beleg.pdf",
        content_type="application/pdf",
        size=1,
    )
    html = render(termination, editor)
    assert "Einwurf-Einschreiben, versandt am 02.09.2026" in html
    assert "Sendungsnummer RR123" in html
    assert "eingegangen am 04.09.2026" in html
    assert f'href="/exit/files/{record.pk}/"' in html
    assert f'href="/exit/dispatches/{dispatch.pk}/edit/"' in html


def test_a_confirmed_end_that_differs_shows_a_note(termination, editor) -> None:
    sent(termination, received_on=date(2026, 9, 4), confirmed_end=date(2027, 3, 31))
    html = render(termination, editor)
    assert "Vertragsende zum 31.03.2027 bestätigt" in html
    assert "endet der Vertrag aber am 31.12.2026" in html


def test_an_email_notice_under_written_form_is_flagged(termination, editor) -> None:
    sent(termination, channel=Dispatch.Channel.EMAIL)
    assert "genügt nicht der verlangten Form" in render(termination, editor)


def test_a_viewer_sees_no_buttons_to_change(termination, viewer) -> None:
    dispatch = sent(termination)
    html = render(termination, viewer)
    assert "/dispatch/new/" not in html
    assert f"/exit/dispatches/{dispatch.pk}/edit/" not in html


def test_without_letters_it_says_what_comes_first(termination, editor) -> None:
    assert "Noch kein Schreiben verfasst." in render(termination, editor)


def test_the_list_copes_with_the_longest_texts_and_the_year_9999(termination, editor) -> None:
    letter = make_letter(
        termination,
        subject=longest_text(Letter, "subject"),
        letter_date=date(9999, 12, 31),
    )
    Contract.objects.filter(pk=termination.contract_id).update(
        title=longest_text(Contract, "title")
    )
    make_dispatch(
        letter,
        sent_on=date(9999, 12, 30),
        received_on=date(9999, 12, 31),
        confirmed_on=date(9999, 12, 31),
        confirmed_end=date(9999, 12, 31),
        tracking_number=longest_text(Dispatch, "tracking_number"),
        notes="n" * 5_000,
    )
    html = render(termination, editor)
    assert "eingegangen am 31.12.9999" in html
    assert "n" * 30 in html


def test_the_list_asks_the_database_as_often_for_many_dispatches(
    termination, editor, django_assert_max_num_queries
) -> None:
    for _ in range(8):
        letter = make_letter(termination)
        for _ in range(3):
            make_dispatch(letter)
    termination = Termination.objects.select_related("contract").get(pk=termination.pk)
    receipt = services.receipt_status(termination, date(2026, 9, 25))
    perms = PermWrapper(editor)
    assert "termination.add_dispatch" in perms  # the permissions are read once per request
    context = {"receipt": receipt, "termination": termination, "perms": perms}
    with django_assert_max_num_queries(3):
        render_to_string("termination/_receipt.html", context)
