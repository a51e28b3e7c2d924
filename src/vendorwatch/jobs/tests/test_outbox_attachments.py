"""Attachments go out as MIME parts that keep their type's parameters, also after a failed
first attempt: an invitation survives a mail server that is down."""

from email.message import Message

import icalendar
import pytest

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.meetings.mail import series_invite
from vendorwatch.meetings.tests.factory import make_series

pytestmark = pytest.mark.django_db


def test_an_invitation_survives_a_failed_first_attempt(smtp_server, editor) -> None:
    series = make_series(title="Jour fixe")
    series.participants.set([editor])
    series_invite(series, by=editor)
    smtp_server.refuse()  # 451: try again later
    assert outbox_send_due() == 0
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.failed_at is None and message.attempts == 1
    smtp_server.accept()
    assert outbox_send_due(now=message.send_after) == 1
    (received,) = smtp_server.inbox.messages
    (part,) = [p for p in received.walk() if p.get_filename() == "einladung.ics"]
    assert part.get_param("method") == "REQUEST"
    assert part.get_param("charset") == "utf-8"
    assert part.get_filename() == "einladung.ics"
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    calendar = icalendar.Calendar.from_ical(payload)
    assert str(calendar.walk("VEVENT")[0]["UID"]) == series.uid
    assert received.get_body(("plain",)) is not None


def test_a_binary_attachment_arrives_unchanged(smtp_server) -> None:
    from vendorwatch.jobs.outbox import outbox_enqueue

    content = bytes(range(256)) * 4
    outbox_enqueue(
        to=["office@example.com"],
        subject="Protokoll",
        body="Im Anhang.",
        attachments=[("protokoll.pdf", content, "application/pdf")],
    )
    assert outbox_send_due() == 1
    (received,) = smtp_server.inbox.messages
    (pdf,) = [p for p in received.walk() if p.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == "protokoll.pdf"
    assert pdf.get_payload(decode=True) == content


def invitation_received(smtp_server, editor) -> Message:
    series = make_series(title="Jour fixe")
    series.participants.set([editor])
    series_invite(series, by=editor)
    assert outbox_send_due() == 1
    (received,) = smtp_server.inbox.messages
    return received


def test_the_calendar_is_also_an_alternative_to_the_text_body(smtp_server, editor) -> None:
    received = invitation_received(smtp_server, editor)
    assert received.get_content_type() == "multipart/mixed"
    (alternative,) = [p for p in received.walk() if p.get_content_type() == "multipart/alternative"]
    plain, calendar = alternative.get_payload()
    assert plain.get_content_type() == "text/plain"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_param("charset") == "utf-8"
    assert calendar.get_content_disposition() is None
    payload = calendar.get_payload(decode=True)
    assert isinstance(payload, bytes)
    parsed = icalendar.Calendar.from_ical(payload)
    assert str(parsed["METHOD"]) == "REQUEST"
    assert parsed.walk("VEVENT")


def test_the_calendar_stays_attached_as_a_file_too(smtp_server, editor) -> None:
    received = invitation_received(smtp_server, editor)
    attached = [p for p in received.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert [p.get_filename() for p in attached] == ["einladung.ics"]
    assert attached[0].get_param("method") == "REQUEST"
    inline = [p for p in received.walk() if p.get_content_type() == "text/calendar"]
    assert inline[0].get_payload(decode=True) == attached[0].get_payload(decode=True)


def test_a_cancellation_is_inline_with_method_cancel(smtp_server, editor) -> None:
    from vendorwatch.meetings.mail import series_cancelled

    series = make_series(title="Jour fixe")
    series.participants.set([editor])
    series_cancelled(series, by=editor)
    assert outbox_send_due() == 1
    (received,) = smtp_server.inbox.messages
    (alternative,) = [p for p in received.walk() if p.get_content_type() == "multipart/alternative"]
    _plain, calendar = alternative.get_payload()
    assert calendar.get_param("method") == "CANCEL"


def test_a_message_without_a_calendar_has_no_alternative_part(smtp_server) -> None:
    from vendorwatch.jobs.outbox import outbox_enqueue

    outbox_enqueue(
        to=["office@example.com"],
        subject="Protokoll",
        body="Im Anhang.",
        attachments=[("protokoll.pdf", b"%PDF-1.7", "application/pdf")],
    )
    assert outbox_send_due() == 1
    (received,) = smtp_server.inbox.messages
    assert [p.get_content_type() for p in received.walk()] == [
        "multipart/mixed",
        "text/plain",
        "application/pdf",
    ]
