"""The drafts of the four letters: what each says, in the company's document language."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination.letters import letter_draft, letter_text
from vendorwatch.termination.models import Letter, Termination
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination
from vendorwatch.testing.factory import make_contact, make_organisation, make_provider

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 1)
NOW = "2026-09-01 10:00 +0200"


@pytest.fixture
def contract():
    make_organisation(name="Müller Metallbau GmbH", street="Industriestraße 12", postcode="86150")
    provider = make_provider(
        name="Brandl IT GmbH",
        street="Hauptstraße 1",
        postcode="80331",
        city="München",
        customer_number="K-4711",
    )
    return make_contract(provider=provider, number="V-2024-17", title="Managed Services")


@pytest.fixture
def ordinary(contract):
    with time_machine.travel(NOW, tick=False):
        return make_termination(contract)


@pytest.fixture
def for_cause(contract):
    with time_machine.travel(NOW, tick=False):
        return make_termination(
            contract,
            kind=Termination.Kind.FOR_CAUSE,
            reason="Seit dem 03.08.2026 fällt der Server jede Woche aus.",
            learned_on=date(2026, 8, 3),
            remedy_deadline=date(2026, 8, 20),
        )


def draft(termination, kind, today=TODAY, **kwargs):
    with time_machine.travel(NOW, tick=False):
        return letter_draft(termination, kind, today, **kwargs)


def test_the_notice_terminates_ordinarily_as_of_the_contract_end(ordinary) -> None:
    body = draft(ordinary, Letter.Kind.TERMINATION).body
    assert "ordentlich und fristgerecht zum 31.12.2026" in body
    assert "hilfsweise zum nächstmöglichen Zeitpunkt" in body


def test_the_notice_asks_to_confirm_receipt_and_the_end_in_writing(ordinary) -> None:
    body = draft(ordinary, Letter.Kind.TERMINATION).body
    assert "Bitte bestätigen Sie uns bis zum 15.09.2026 schriftlich" in body


def test_the_notice_names_the_contract_number_and_our_customer_number(ordinary) -> None:
    body = draft(ordinary, Letter.Kind.TERMINATION).body
    assert "(Vertragsnummer V-2024-17, Kundennummer K-4711)" in body


def test_the_subject_names_the_contract_and_both_numbers(ordinary) -> None:
    subject = draft(ordinary, Letter.Kind.TERMINATION).subject
    assert subject == (
        "Kündigung des Vertrags „Managed Services“ – Vertragsnummer V-2024-17 – Kundennummer K-4711"
    )


def test_a_subject_without_numbers_names_the_contract_only() -> None:
    termination = make_termination(make_contract(title="Telefonanlage"))
    assert draft(termination, Letter.Kind.WARNING).subject == (
        "Abmahnung und Frist zur Abhilfe: Vertrag „Telefonanlage“"
    )


def test_the_recipient_is_the_providers_postal_address(ordinary) -> None:
    recipient = draft(ordinary, Letter.Kind.TERMINATION).recipient
    assert recipient == "Brandl IT GmbH\nHauptstraße 1\n80331 München"


def test_the_recipient_names_the_contact_of_the_highest_escalation_level(ordinary) -> None:
    provider = ordinary.contract.provider
    make_contact(provider, name="Sepp Support", escalation_level=1)
    make_contact(provider, name="Maria Brandl", escalation_level=3)
    recipient = draft(ordinary, Letter.Kind.TERMINATION).recipient
    assert recipient.split("\n")[1] == "z. Hd. Maria Brandl"


def test_without_notice_terms_the_notice_aims_at_the_next_possible_date() -> None:
    contract = make_contract(notice_amount=None)
    termination = make_termination(contract)
    body = draft(termination, Letter.Kind.TERMINATION).body
    assert "ordentlich und fristgerecht zum nächstmöglichen Zeitpunkt." in body


def test_the_notice_for_cause_ends_the_contract_with_immediate_effect(for_cause) -> None:
    body = draft(for_cause, Letter.Kind.TERMINATION).body
    assert "außerordentlich aus wichtigem Grund (§ 314 BGB) mit sofortiger Wirkung" in body
    assert "Hilfsweise kündigen wir den Vertrag ordentlich zum nächstmöglichen Zeitpunkt." in body


def test_the_notice_for_cause_names_a_later_end(for_cause) -> None:
    for_cause.effective_date = date(2026, 9, 30)
    body = draft(for_cause, Letter.Kind.TERMINATION).body
    assert "außerordentlich aus wichtigem Grund (§ 314 BGB) zum 30.09.2026" in body


def test_the_notice_for_cause_states_the_facts(for_cause) -> None:
    body = draft(for_cause, Letter.Kind.TERMINATION).body
    assert "Seit dem 03.08.2026 fällt der Server jede Woche aus." in body


def test_the_notice_for_cause_leaves_a_gap_for_missing_facts(for_cause) -> None:
    for_cause.reason = ""
    body = draft(for_cause, Letter.Kind.TERMINATION).body
    assert "[Bitte hier die Tatsachen schildern" in body


def test_the_notice_for_cause_refers_to_the_warning_and_the_passed_deadline(for_cause) -> None:
    warning = make_letter(for_cause, kind=Letter.Kind.WARNING, letter_date=date(2026, 8, 5))
    make_dispatch(warning, sent_on=date(2026, 8, 5))
    body = draft(for_cause, Letter.Kind.TERMINATION).body
    assert (
        "Mit unserem Schreiben vom 05.08.2026 haben wir Sie abgemahnt und Ihnen eine Frist "
        "zur Abhilfe bis zum 20.08.2026 gesetzt. Die Frist ist ohne Abhilfe verstrichen."
    ) in body


def test_the_notice_for_cause_says_why_no_warning_was_needed(for_cause) -> None:
    for_cause.warning_dispensable = True
    for_cause.dispensable_reason = "Der Dienstleister hat jede weitere Leistung verweigert."
    body = draft(for_cause, Letter.Kind.TERMINATION).body
    assert (
        "Einer Abmahnung und einer Frist zur Abhilfe bedurfte es nicht (§ 314 Abs. 2 BGB): "
        "Der Dienstleister hat jede weitere Leistung verweigert."
    ) in body


def test_the_confirmation_request_names_our_notice_the_end_and_a_reply_date(ordinary) -> None:
    make_letter(ordinary, letter_date=date(2026, 8, 25))
    body = draft(ordinary, Letter.Kind.CONFIRMATION).body
    assert "mit unserem Schreiben vom 25.08.2026 haben wir den Vertrag" in body
    assert "zum 31.12.2026 gekündigt" in body
    assert "bis zum 15.09.2026 schriftlich" in body
    assert "dass der Vertrag zum 31.12.2026 endet" in body


def test_the_warning_letter_states_facts_duty_deadline_and_consequence(for_cause) -> None:
    body = draft(for_cause, Letter.Kind.WARNING, remedy_deadline=date(2026, 9, 15)).body
    assert "hiermit mahnen wir Sie wegen der folgenden Verletzung Ihrer Pflichten" in body
    assert "Seit dem 03.08.2026 fällt der Server jede Woche aus." in body
    assert "Damit verletzen Sie Ihre Pflichten aus dem Vertrag." in body
    assert "bis spätestens zum 15.09.2026 für Abhilfe zu sorgen" in body
    assert "werden wir den Vertrag ohne weitere Ankündigung außerordentlich" in body


def test_the_warning_letter_names_the_agreed_sla(for_cause) -> None:
    from vendorwatch.sla.models import SlaPolicy

    for_cause.contract.sla_policy = SlaPolicy.objects.create(name="SLA Gold")
    body = draft(for_cause, Letter.Kind.WARNING).body
    assert "Service-Level-Vereinbarung (SLA) „SLA Gold“" in body


def test_the_warning_letter_gives_two_weeks_when_no_deadline_is_set(for_cause) -> None:
    for_cause.remedy_deadline = None
    body = draft(for_cause, Letter.Kind.WARNING).body
    assert "bis spätestens zum 15.09.2026" in body


def test_the_data_request_asks_for_handover_deletion_and_its_confirmation(ordinary) -> None:
    body = draft(ordinary, Letter.Kind.DATA_RETURN).body
    assert "endet am 31.12.2026" in body
    assert "bis zum 17.12.2026 vollständig und in gängigen, weiterverwendbaren Formaten" in body
    assert "bestätigen Sie uns die Löschung bis zum 14.01.2027 schriftlich" in body
    assert "Art. 28 Abs. 3 lit. g DSGVO" in body


def test_the_data_request_names_the_data_processing_agreement_and_its_date(ordinary) -> None:
    ordinary.contract.avv_present = True
    ordinary.contract.avv_signed_on = date(2025, 1, 15)
    body = draft(ordinary, Letter.Kind.DATA_RETURN).body
    assert "Vereinbarung zur Auftragsverarbeitung (AVV) vom 15.01.2025" in body


def test_the_letters_are_written_in_english_when_documents_are_english(ordinary) -> None:
    make_organisation(document_language="en")
    body = draft(ordinary, Letter.Kind.TERMINATION).body
    assert body.startswith("Dear Sir or Madam,")
    assert "ordinarily and with due notice as of 31.12.2026" in body


def test_a_draft_dated_in_the_year_9999_leaves_the_reply_date_open(ordinary) -> None:
    body = draft(ordinary, Letter.Kind.CONFIRMATION, today=date(9999, 12, 31)).body
    assert "bis zum [Datum] schriftlich" in body


def test_an_unknown_kind_is_refused(ordinary) -> None:
    with pytest.raises(ValueError):
        letter_draft(ordinary, "love_letter", TODAY)


def test_the_text_for_an_email_holds_subject_text_and_signature(ordinary) -> None:
    make_organisation(
        name="Müller Metallbau GmbH",
        signatory="Anna Keller, Geschäftsführerin",
        phone="0821 123456",
    )
    letter = make_letter(ordinary, subject="Kündigung", body="Sehr geehrte Damen und Herren,")
    text = letter_text(letter)
    assert text.startswith("Betreff: Kündigung\n\nSehr geehrte Damen und Herren,")
    assert (
        "Mit freundlichen Grüßen\n\nAnna Keller, Geschäftsführerin\nMüller Metallbau GmbH" in text
    )
    assert "Telefon: 0821 123456" in text
