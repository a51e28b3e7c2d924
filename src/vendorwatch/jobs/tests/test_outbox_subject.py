"""A subject with a line break (a problem title pasted with CR/LF) still goes out, on one line."""

import pytest

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import clean_subject, outbox_enqueue, outbox_send_due


def test_line_breaks_become_single_spaces() -> None:
    assert clean_subject("SLA-Warnung: #7 Drucker\r\n  im Lager\rdefekt\n") == (
        "SLA-Warnung: #7 Drucker im Lager defekt"
    )


def test_control_characters_and_unicode_line_separators_are_removed() -> None:
    assert clean_subject("Server\u2028steht\x00still\tseit\x0b09:00") == (
        "Server steht still seit 09:00"
    )


def test_umlauts_and_punctuation_stay() -> None:
    assert clean_subject("Kündigung – Frist läuft ab!") == "Kündigung – Frist läuft ab!"


def test_a_long_subject_is_cut_to_the_column_length() -> None:
    assert len(clean_subject("x" * 400)) == 300


@pytest.mark.django_db
def test_a_subject_with_cr_lf_is_delivered_on_one_line(smtp_server) -> None:
    outbox_enqueue(to=["it@example.com"], subject="Störung #12 Drucker\r\nkaputt", body="Text")
    assert outbox_send_due() == 1
    assert smtp_server.inbox.subjects == ["Störung #12 Drucker kaputt"]


@pytest.mark.django_db
def test_a_message_queued_with_a_line_break_before_the_fix_is_delivered(smtp_server) -> None:
    # Written straight to the table, as messages queued by an older version are.
    OutboxMessage.objects.create(
        to=["it@example.com"],
        subject="Störung #12 Drucker\r\nkaputt",
        body="Text",
        send_after="2020-01-01T00:00:00Z",
    )
    assert outbox_send_due() == 1
    assert smtp_server.inbox.subjects == ["Störung #12 Drucker kaputt"]
