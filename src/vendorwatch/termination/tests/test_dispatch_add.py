"""Recording how a letter was sent: the form the contract requires is checked against the
channel — refused for the notice, a warning for the other letters."""

from datetime import date

import pytest
from django.contrib.messages import get_messages

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination.models import Dispatch, Letter, Termination
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination
from vendorwatch.testing.factory import longest_text

pytestmark = pytest.mark.django_db

PAPER = ["post", "registered", "registered_receipt", "courier", "by_hand"]
REFUSAL = "Ihr Vertrag verlangt die Schriftform: einen eigenhändig unterschriebenen Brief."


@pytest.fixture(autouse=True)
def _today(time_machine) -> None:
    time_machine.move_to("2026-09-20 10:00+02:00", tick=False)


def letter_for(required_form: str = "written", kind: str = "termination") -> Letter:
    termination = make_termination(make_contract(required_form=required_form))
    return make_letter(termination, kind=kind)


def record(client, letter: Letter, channel: str, sent_on: str = "18.09.2026", **extra):
    data = {"channel": channel, "sent_on": sent_on, "tracking_number": "", "notes": "", **extra}
    return client.post(f"/exit/letters/{letter.pk}/dispatch/new/", data)


@pytest.mark.parametrize("channel", PAPER)
def test_a_signed_letter_meets_written_form(client, editor, channel) -> None:
    letter = letter_for("written")
    client.force_login(editor)
    response = record(client, letter, channel)
    assert response.status_code == 302
    assert Dispatch.objects.get().channel == channel


@pytest.mark.parametrize("channel", ["email", "fax"])
def test_an_email_or_fax_notice_is_refused_under_written_form(client, editor, channel) -> None:
    letter = letter_for("written")
    client.force_login(editor)
    response = record(client, letter, channel)
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert not Dispatch.objects.exists()


@pytest.mark.parametrize("required", ["text", "email"])
@pytest.mark.parametrize("channel", ["email", "fax", "post"])
def test_text_or_email_form_accepts_every_channel(client, editor, required, channel) -> None:
    letter = letter_for(required)
    client.force_login(editor)
    assert record(client, letter, channel).status_code == 302
    assert Dispatch.objects.count() == 1


def test_an_email_of_another_letter_is_recorded_with_a_warning(client, editor) -> None:
    letter = letter_for("written", kind=Letter.Kind.CONFIRMATION)
    client.force_login(editor)
    response = record(client, letter, "email")
    assert response.status_code == 302
    assert Dispatch.objects.count() == 1
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1 and "Schriftform" in warnings[0]


def test_the_choices_show_the_proof_each_channel_leaves(client, editor) -> None:
    letter = letter_for("written")
    client.force_login(editor)
    page = client.get(f"/exit/letters/{letter.pk}/dispatch/new/").content.decode()
    assert "Brief per Post – kein Nachweis des Zugangs" in page
    assert "Einwurf-Einschreiben – mit Zustellnachweis" in page
    assert "Einschreiben mit Rückschein – der stärkste Nachweis des Zugangs" in page
    assert "E-Mail – kein Nachweis des Zugangs, außer der Dienstleister bestätigt ihn " in page
    assert "(genügt nicht der verlangten Form)" in page


def test_a_day_in_the_future_is_refused(client, editor) -> None:
    letter = letter_for()
    client.force_login(editor)
    response = record(client, letter, "registered", sent_on="21.09.2026")
    assert response.status_code == 200
    assert not Dispatch.objects.exists()


def test_today_is_allowed(client, editor) -> None:
    letter = letter_for()
    client.force_login(editor)
    assert record(client, letter, "registered", sent_on="20.09.2026").status_code == 302
    assert Dispatch.objects.get().sent_on == date(2026, 9, 20)


def test_sending_the_notice_moves_the_termination_to_sent(client, editor) -> None:
    letter = letter_for()
    assert letter.termination.status == Termination.Status.PREPARING
    client.force_login(editor)
    record(client, letter, "registered")
    letter.termination.refresh_from_db()
    assert letter.termination.status == Termination.Status.SENT


def test_sending_another_letter_leaves_the_termination_in_preparation(client, editor) -> None:
    letter = letter_for(kind=Letter.Kind.WARNING)
    client.force_login(editor)
    record(client, letter, "registered")
    letter.termination.refresh_from_db()
    assert letter.termination.status == Termination.Status.PREPARING


def test_the_person_who_recorded_it_is_kept(client, editor) -> None:
    letter = letter_for()
    client.force_login(editor)
    record(client, letter, "courier", tracking_number="JD0146 0001 2345")
    dispatch = Dispatch.objects.get()
    assert (dispatch.recorded_by, dispatch.tracking_number) == (editor, "JD0146 0001 2345")


def test_nothing_is_recorded_for_a_withdrawn_termination(client, editor) -> None:
    letter = letter_for()
    Termination.objects.filter(pk=letter.termination_id).update(status="withdrawn")
    client.force_login(editor)
    response = record(client, letter, "registered")
    assert response.status_code == 302
    assert not Dispatch.objects.exists()


def test_a_viewer_cannot_record_a_dispatch(client, viewer) -> None:
    letter = letter_for()
    client.force_login(viewer)
    assert client.get(f"/exit/letters/{letter.pk}/dispatch/new/").status_code == 403
    assert record(client, letter, "registered").status_code == 403
    assert not Dispatch.objects.exists()


def test_an_unknown_letter_is_not_found(client, editor) -> None:
    client.force_login(editor)
    assert client.get("/exit/letters/999999/dispatch/new/").status_code == 404


def test_the_page_copes_with_the_longest_texts_and_the_year_9999(client, editor) -> None:
    contract = make_contract(title=longest_text(Contract, "title"))
    termination = make_termination(contract)
    subject = longest_text(Letter, "subject")
    letter = make_letter(termination, subject=subject, letter_date=date(9999, 12, 31))
    make_dispatch(letter, sent_on=date(9999, 12, 31), notes="y" * 5_000)
    client.force_login(editor)
    page = client.get(f"/exit/letters/{letter.pk}/dispatch/new/").content.decode()
    assert "Schreiben vom 31.12.9999" in page


def test_5000_characters_of_notes_are_kept(client, editor) -> None:
    letter = letter_for()
    client.force_login(editor)
    assert record(client, letter, "registered", notes="n" * 5_000).status_code == 302
    assert len(Dispatch.objects.get().notes) == 5_000


def test_5001_characters_of_notes_are_refused(client, editor) -> None:
    letter = letter_for()
    client.force_login(editor)
    assert record(client, letter, "registered", notes="n" * 5_001).status_code == 200
    assert not Dispatch.objects.exists()
