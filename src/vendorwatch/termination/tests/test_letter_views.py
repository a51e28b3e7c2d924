"""The pages of a letter: write it from a draft, read it ready for an e-mail, download the PDF,
change or delete it until it is sent."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination.models import Letter, Termination
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination
from vendorwatch.testing.factory import longest_text, make_organisation, make_provider

pytestmark = pytest.mark.django_db
NOW = "2026-09-01 10:00 +0200"


@pytest.fixture
def termination():
    make_organisation(name="Müller Metallbau GmbH")
    provider = make_provider(
        name="Brandl IT GmbH", street="Hauptstraße 1", postcode="80331", city="München"
    )
    contract = make_contract(provider=provider, number="V-2024-17")
    with time_machine.travel(NOW, tick=False):
        return make_termination(contract)


@pytest.fixture
def for_cause():
    contract = make_contract(title="Telefonanlage")
    return make_termination(contract, kind=Termination.Kind.FOR_CAUSE, reason="Ausfälle")


def add_url(termination, kind="termination"):
    return reverse("termination-letter-add", args=[termination.pk, kind])


def form_data(**fields):
    data = {
        "letter_date": "01.09.2026",
        "recipient": "Brandl IT GmbH\nHauptstraße 1\n80331 München",
        "subject": "Kündigung",
        "body": "Sehr geehrte Damen und Herren,\n\nhiermit kündigen wir.",
    }
    data.update(fields)
    return data


# --- writing a letter -------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_the_new_letter_is_prefilled_with_the_draft(client, editor, termination) -> None:
    client.force_login(editor)
    response = client.get(add_url(termination))
    assert "ordentlich und fristgerecht zum 31.12.2026" in response.text
    assert "Brandl IT GmbH\nHauptstraße 1\n80331 München" in response.text
    assert 'value="01.09.2026"' in response.text


@time_machine.travel(NOW, tick=False)
def test_the_form_states_the_required_form(client, editor, termination) -> None:
    client.force_login(editor)
    response = client.get(add_url(termination))
    assert "Eine E-Mail oder ein Fax genügt nicht." in response.text


def test_a_new_letter_is_saved_in_the_document_language(client, editor, termination) -> None:
    client.force_login(editor)
    response = client.post(add_url(termination), form_data())
    letter = Letter.objects.get()
    assert response.url == reverse("termination-letter-detail", args=[letter.pk])
    assert (letter.kind, letter.language, letter.created_by) == ("termination", "de", editor)


def test_an_unknown_kind_of_letter_is_not_found(client, editor, termination) -> None:
    client.force_login(editor)
    assert client.get(add_url(termination, "love_letter")).status_code == 404


def test_a_warning_letter_is_only_for_a_termination_for_cause(client, editor, termination) -> None:
    client.force_login(editor)
    assert client.get(add_url(termination, "warning")).status_code == 404


def test_a_withdrawn_termination_gets_no_new_letter(client, editor, termination) -> None:
    termination.status = Termination.Status.WITHDRAWN
    termination.save()
    client.force_login(editor)
    response = client.post(add_url(termination), form_data())
    assert response.url == reverse("termination-detail", args=[termination.pk])
    assert not Letter.objects.exists()


def test_an_address_longer_than_the_window_is_refused(client, editor, termination) -> None:
    client.force_login(editor)
    response = client.post(add_url(termination), form_data(recipient="A\nB\nC\nD\nE\nF\nG"))
    assert "höchstens sechs Zeilen" in response.text
    assert not Letter.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_warning_letter_offers_a_deadline_two_weeks_ahead(client, editor, for_cause) -> None:
    client.force_login(editor)
    response = client.get(add_url(for_cause, "warning"))
    assert 'value="15.09.2026"' in response.text
    assert "bis spätestens zum 15.09.2026" in response.text


def test_saving_a_warning_letter_sets_the_deadline_to_remedy(client, editor, for_cause) -> None:
    client.force_login(editor)
    body = "Wir fordern Sie auf, bis spätestens zum 20.09.2026 für Abhilfe zu sorgen."
    client.post(add_url(for_cause, "warning"), form_data(remedy_deadline="20.09.2026", body=body))
    for_cause.refresh_from_db()
    assert for_cause.remedy_deadline == date(2026, 9, 20)


def test_a_deadline_the_text_does_not_name_is_refused(client, editor, for_cause) -> None:
    client.force_login(editor)
    response = client.post(add_url(for_cause, "warning"), form_data(remedy_deadline="20.09.2026"))
    assert "Der Text nennt diese Frist (20.09.2026) nicht." in response.text
    assert not Letter.objects.exists()


def test_a_deadline_before_the_letter_is_refused(client, editor, for_cause) -> None:
    client.force_login(editor)
    response = client.post(add_url(for_cause, "warning"), form_data(remedy_deadline="31.08.2026"))
    assert "muss nach dem Datum des Schreibens liegen" in response.text


def test_writing_the_text_again_uses_the_new_deadline(client, editor, for_cause) -> None:
    client.force_login(editor)
    data = form_data(remedy_deadline="20.09.2026", redraft="1")
    response = client.post(add_url(for_cause, "warning"), data)
    assert "bis spätestens zum 20.09.2026 für Abhilfe" in response.text
    assert not Letter.objects.exists()


# --- reading it -------------------------------------------------------------------------------


def test_the_letter_page_shows_the_text_ready_for_an_email(client, viewer, termination) -> None:
    make_organisation(name="Müller Metallbau GmbH", signatory="Anna Keller")
    letter = make_letter(
        termination, body="Sehr geehrte Damen und Herren,\n\nhiermit kündigen wir."
    )
    client.force_login(viewer)
    response = client.get(reverse("termination-letter-detail", args=[letter.pk]))
    assert "hiermit kündigen wir.\n\nMit freundlichen Grüßen\n\nAnna Keller" in response.text
    assert reverse("termination-letter-pdf", args=[letter.pk]) in response.text


def test_the_letter_page_says_written_form_needs_a_signature_by_hand(client, viewer, termination):
    letter = make_letter(termination)
    client.force_login(viewer)
    response = client.get(reverse("termination-letter-detail", args=[letter.pk]))
    assert "unterschreiben Sie es von Hand" in response.text
    assert "Im E-Mail-Programm öffnen" not in response.text


def test_the_letter_page_says_an_email_is_enough_for_text_form(client, viewer, termination):
    Contract.objects.filter(pk=termination.contract_id).update(required_form=Contract.Form.TEXT)
    letter = make_letter(termination)
    client.force_login(viewer)
    response = client.get(reverse("termination-letter-detail", args=[letter.pk]))
    assert "Der Vertrag verlangt die Textform: Eine E-Mail genügt" in response.text
    assert "mailto:" in response.text


def test_the_letter_page_links_to_recording_the_dispatch(client, editor, termination) -> None:
    letter = make_letter(termination)
    client.force_login(editor)
    response = client.get(reverse("termination-letter-detail", args=[letter.pk]))
    assert reverse("termination-dispatch-add", args=[letter.pk]) in response.text


def test_the_letter_page_shows_a_dispatch_that_misses_the_form(client, viewer, termination):
    letter = make_letter(termination)
    make_dispatch(letter, channel="email", sent_on=date(2026, 9, 2))
    client.force_login(viewer)
    response = client.get(reverse("termination-letter-detail", args=[letter.pk]))
    assert "02.09.2026" in response.text
    assert "wahrt die Form nicht" in response.text


def test_a_viewer_sees_no_links_to_change_the_letter(client, viewer, termination) -> None:
    letter = make_letter(termination)
    client.force_login(viewer)
    response = client.get(reverse("termination-letter-detail", args=[letter.pk]))
    assert reverse("termination-letter-edit", args=[letter.pk]) not in response.text
    assert reverse("termination-dispatch-add", args=[letter.pk]) not in response.text


def test_a_letter_with_the_longest_texts_and_year_9999_is_shown(client, viewer, termination):
    letter = make_letter(
        termination,
        letter_date=date(9999, 12, 31),
        body=longest_text(Letter, "body", 5000),
        subject=longest_text(Letter, "subject", 300),
    )
    client.force_login(viewer)
    response = client.get(reverse("termination-letter-detail", args=[letter.pk]))
    assert response.status_code == 200
    assert "31.12.9999" in response.text


def test_a_missing_letter_is_not_found(client, viewer) -> None:
    client.force_login(viewer)
    assert client.get(reverse("termination-letter-detail", args=[999])).status_code == 404


# --- the PDF ----------------------------------------------------------------------------------


def test_a_viewer_downloads_the_pdf_named_by_kind_and_date(client, viewer, termination) -> None:
    letter = make_letter(termination)
    client.force_login(viewer)
    response = client.get(reverse("termination-letter-pdf", args=[letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="Kuendigung-2026-09-01.pdf"' in response["Content-Disposition"]


def test_the_pdf_of_a_letter_dated_in_the_year_9999_downloads(client, viewer, termination):
    letter = make_letter(termination, kind=Letter.Kind.DATA_RETURN, letter_date=date(9999, 12, 31))
    client.force_login(viewer)
    response = client.get(reverse("termination-letter-pdf", args=[letter.pk]))
    assert response.status_code == 200
    assert 'filename="Datenherausgabe-9999-12-31.pdf"' in response["Content-Disposition"]


# --- changing and deleting --------------------------------------------------------------------


def test_a_letter_not_yet_sent_can_be_changed(client, editor, termination) -> None:
    letter = make_letter(termination)
    client.force_login(editor)
    client.post(reverse("termination-letter-edit", args=[letter.pk]), form_data(subject="Neu"))
    letter.refresh_from_db()
    assert letter.subject == "Neu"


def test_a_sent_letter_cannot_be_changed(client, editor, termination) -> None:
    letter = make_letter(termination, subject="Kündigung")
    make_dispatch(letter)
    client.force_login(editor)
    url = reverse("termination-letter-edit", args=[letter.pk])
    response = client.post(url, form_data(subject="Neu"))
    letter.refresh_from_db()
    assert letter.subject == "Kündigung"
    assert response.url == reverse("termination-letter-detail", args=[letter.pk])


def test_a_sent_letter_shows_no_edit_link(client, editor, termination) -> None:
    letter = make_letter(termination)
    make_dispatch(letter)
    client.force_login(editor)
    response = client.get(reverse("termination-letter-detail", args=[letter.pk]))
    assert reverse("termination-letter-edit", args=[letter.pk]) not in response.text


def test_deleting_a_letter_asks_first(client, editor, termination) -> None:
    letter = make_letter(termination)
    client.force_login(editor)
    response = client.get(reverse("termination-letter-delete", args=[letter.pk]))
    assert "Das kann nicht rückgängig gemacht werden." in response.text
    assert Letter.objects.filter(pk=letter.pk).exists()


def test_a_letter_not_yet_sent_can_be_deleted(client, editor, termination) -> None:
    letter = make_letter(termination)
    client.force_login(editor)
    client.post(reverse("termination-letter-delete", args=[letter.pk]))
    assert not Letter.objects.filter(pk=letter.pk).exists()


def test_a_sent_letter_cannot_be_deleted(client, editor, termination) -> None:
    letter = make_letter(termination)
    make_dispatch(letter)
    client.force_login(editor)
    client.post(reverse("termination-letter-delete", args=[letter.pk]))
    assert Letter.objects.filter(pk=letter.pk).exists()


# --- a viewer reads only ----------------------------------------------------------------------


def test_a_viewer_may_not_write_a_letter(client, viewer, termination) -> None:
    client.force_login(viewer)
    assert client.post(add_url(termination), form_data()).status_code == 403
    assert not Letter.objects.exists()


def test_a_viewer_may_not_change_a_letter(client, viewer, termination) -> None:
    letter = make_letter(termination)
    client.force_login(viewer)
    url = reverse("termination-letter-edit", args=[letter.pk])
    assert client.post(url, form_data(subject="Neu")).status_code == 403


def test_a_viewer_may_not_delete_a_letter(client, viewer, termination) -> None:
    letter = make_letter(termination)
    client.force_login(viewer)
    assert client.post(reverse("termination-letter-delete", args=[letter.pk])).status_code == 403
    assert Letter.objects.filter(pk=letter.pk).exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, termination) -> None:
    letter = make_letter(termination)
    response = client.get(reverse("termination-letter-detail", args=[letter.pk]))
    assert response.status_code in (302, 403)


# --- the page's language and the letter's -----------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_in_english_only_the_letter_itself_is_german(client, editor, termination) -> None:
    from vendorwatch.testing.crawl import read_page
    from vendorwatch.tests.test_language_scan import GERMAN_WORDS

    letter = make_letter(termination)
    make_dispatch(letter)
    client.force_login(editor)
    client.cookies["vendorwatch_language"] = "en"
    for url in (
        add_url(termination),
        add_url(termination, "data_return"),
        reverse("termination-letter-detail", args=[letter.pk]),
    ):
        _links, texts = read_page(client.get(url).text)
        assert "The form the contract requires" in texts
        german = [text for text in texts if GERMAN_WORDS.search(text)]
        assert not german, (url, german)
