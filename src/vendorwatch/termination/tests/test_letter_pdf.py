"""The letter as PDF: a German business letter (DIN 5008 form B) with the company's letterhead,
the provider's address in the window of the envelope, the dates and the contract number."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest
import time_machine

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination.letters import letter_draft, pdf_context, render_letter_pdf
from vendorwatch.termination.models import TEXT_LIMIT, Letter
from vendorwatch.termination.tests.factory import make_letter, make_termination
from vendorwatch.testing.factory import longest_text, make_organisation, make_provider

pytestmark = pytest.mark.django_db
MM = 72 / 25.4


@pytest.fixture
def termination():
    make_organisation(
        name="Müller Metallbau GmbH",
        street="Industriestraße 12",
        postcode="86150",
        city="Augsburg",
        phone="0821 123456",
        email="info@mueller-metallbau.de",
        website="www.mueller-metallbau.de",
        signatory="Anna Keller, Geschäftsführerin",
        letter_footer="Amtsgericht Augsburg HRB 12345",
    )
    provider = make_provider(
        name="Brandl IT GmbH",
        street="Hauptstraße 1",
        postcode="80331",
        city="München",
        customer_number="K-4711",
    )
    contract = make_contract(provider=provider, number="V-2024-17", title="Managed Services")
    with time_machine.travel("2026-09-01 10:00 +0200", tick=False):
        return make_termination(contract)


def drafted(termination, kind=Letter.Kind.TERMINATION, **fields):
    with time_machine.travel("2026-09-01 10:00 +0200", tick=False):
        draft = letter_draft(termination, kind, date(2026, 9, 1))
    fields.setdefault("recipient", draft.recipient)
    fields.setdefault("subject", draft.subject)
    fields.setdefault("body", draft.body)
    return make_letter(termination, kind=kind, letter_date=date(2026, 9, 1), **fields)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def placed_lines(content: bytes) -> list[tuple[float, float, str]]:
    """Each line of text on the first page with its position on the sheet, in mm from the
    left and from the top."""
    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x / MM, (height - y) / MM, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def test_the_pdf_holds_the_contract_end_the_number_and_the_providers_address(
    termination,
) -> None:
    text = pdf_text(render_letter_pdf(drafted(termination)))
    assert "31.12.2026" in text
    assert "V-2024-17" in text
    assert "Hauptstraße 1" in text
    assert "80331 München" in text


def test_the_pdf_holds_the_letter_date_and_the_reply_date(termination) -> None:
    text = pdf_text(render_letter_pdf(drafted(termination)))
    assert "01.09.2026" in text
    assert "15.09.2026" in text


def test_the_pdf_of_the_confirmation_request_names_the_notice_and_the_end(termination) -> None:
    make_letter(termination, letter_date=date(2026, 8, 25))
    text = pdf_text(render_letter_pdf(drafted(termination, Letter.Kind.CONFIRMATION)))
    assert "25.08.2026" in text
    assert "31.12.2026" in text


def test_the_pdf_carries_the_company_letterhead_and_footer(termination) -> None:
    text = pdf_text(render_letter_pdf(drafted(termination)))
    for part in (
        "Müller Metallbau GmbH",
        "Industriestraße 12, 86150 Augsburg",
        "Telefon: 0821 123456",
        "E-Mail: info@mueller-metallbau.de",
        "www.mueller-metallbau.de",
        "Anna Keller, Geschäftsführerin",
        "Amtsgericht Augsburg HRB 12345",
    ):
        assert part in text


def test_the_pdf_names_contract_number_and_customer_number_in_the_info_block(termination) -> None:
    text = pdf_text(render_letter_pdf(drafted(termination)))
    assert "Vertragsnummer V-2024-17" in text
    assert "Kundennummer K-4711" in text
    assert "Datum 01.09.2026" in text


def test_the_address_sits_in_the_window_of_the_envelope(termination) -> None:
    lines = placed_lines(render_letter_pdf(drafted(termination)))
    # The window: 20–105 mm from the left, 45–90 mm from the top; the address below the
    # 17.7 mm zone of the sender line.
    provider = next((x, y) for x, y, text in lines if text == "Brandl IT GmbH")
    city = next((x, y) for x, y, text in lines if text == "80331 München")
    assert 20 <= provider[0] <= 30 and 62.7 <= provider[1] < city[1] <= 90


def test_the_sender_line_sits_in_the_top_zone_of_the_window(termination) -> None:
    lines = placed_lines(render_letter_pdf(drafted(termination)))
    sender = next(
        (x, y) for x, y, text in lines if text.startswith("Müller Metallbau GmbH · Industrie")
    )
    assert 20 <= sender[0] <= 30 and 45 <= sender[1] <= 62.7


def test_the_letterhead_stays_in_the_top_45_mm(termination) -> None:
    lines = placed_lines(render_letter_pdf(drafted(termination)))
    phone = next(y for _x, y, text in lines if text == "Telefon: 0821 123456")
    assert phone < 45


def test_the_subject_follows_the_address_field(termination) -> None:
    lines = placed_lines(render_letter_pdf(drafted(termination)))
    subject = next(y for _x, y, text in lines if text.startswith("Kündigung des Vertrags"))
    assert 95 <= subject <= 105


def test_the_pdf_is_written_in_english_for_an_english_letter(termination) -> None:
    make_organisation(document_language="en")
    with time_machine.travel("2026-09-01 10:00 +0200", tick=False):
        draft = letter_draft(termination, Letter.Kind.TERMINATION, date(2026, 9, 1))
    letter = make_letter(
        termination,
        recipient=draft.recipient,
        subject=draft.subject,
        body=draft.body,
        language="en",
    )
    text = pdf_text(render_letter_pdf(letter))
    assert "Termination of the contract" in text
    assert "Kind regards" in text
    assert "Contract number V-2024-17" in text
    assert "Phone: 0821 123456" in text


def test_a_letter_of_5000_characters_is_printed_in_full(termination) -> None:
    body = ("Wort " * 1000).strip()[: TEXT_LIMIT - 1] + "."
    text = pdf_text(render_letter_pdf(drafted(termination, body=body)))
    assert text.count("Wort") >= 999


def test_an_unbroken_text_of_the_longest_length_renders(termination) -> None:
    letter = drafted(
        termination,
        body=longest_text(Letter, "body", TEXT_LIMIT),
        subject=longest_text(Letter, "subject", 300),
        recipient=longest_text(Letter, "recipient", 1000),
    )
    assert render_letter_pdf(letter).startswith(b"%PDF")


def test_a_letter_dated_in_the_year_9999_renders(termination) -> None:
    letter = drafted(termination)
    letter.letter_date = date(9999, 12, 31)
    letter.save()
    assert "31.12.9999" in pdf_text(render_letter_pdf(letter))


def test_the_written_form_gets_a_line_for_the_handwritten_signature(termination) -> None:
    assert pdf_context(drafted(termination))[0]["signature_line"] is True


def test_the_text_form_gets_no_line_for_a_signature(termination) -> None:
    termination.contract.required_form = Contract.Form.TEXT
    termination.contract.save()
    assert pdf_context(drafted(termination))[0]["signature_line"] is False


def test_without_company_details_the_letter_still_renders(termination) -> None:
    from vendorwatch.organisation.models import Organisation

    Organisation.objects.all().delete()
    assert "Brandl IT GmbH" in pdf_text(render_letter_pdf(drafted(termination)))
