"""Invitations, updates, cancellations, agenda and minutes by e-mail through the outbox."""

import logging
import sys
import types
from datetime import UTC, date, datetime, time, timedelta
from email.message import Message
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail as django_mail

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.meetings import mail
from vendorwatch.meetings.ical import display_zone
from vendorwatch.meetings.models import Meeting, MeetingSeries, MinutesRevision
from vendorwatch.meetings.tests.factory import make_meeting, make_series
from vendorwatch.organisation.models import Organisation
from vendorwatch.providers.models import Contact

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def series(editor) -> MeetingSeries:
    series = make_series(title="Jour fixe IT", location="Raum 2")
    series.participants.set([editor])
    Contact.objects.create(provider=series.provider, name="Paula", email="paula@it.example")
    Contact.objects.create(provider=series.provider, name="Ohne Adresse")
    series.contacts.set(series.provider.contacts.all())
    return series


def calendar_of(message: OutboxMessage) -> icalendar.Calendar:
    (attachment,) = message.attachments.all()
    return icalendar.Calendar.from_ical(bytes(attachment.content))


def sequences(message: OutboxMessage) -> list[int]:
    return [int(e["SEQUENCE"]) for e in calendar_of(message).walk("VEVENT")]


def test_an_invitation_goes_to_each_recipient_with_an_e_mail(series, editor) -> None:
    assert mail.series_invite(series, by=editor) == 2
    recipients = sorted(m.to[0] for m in OutboxMessage.objects.all())
    assert recipients == sorted([editor.email, "paula@it.example"])


def test_the_invitation_carries_the_calendar_as_a_request(series, editor) -> None:
    mail.series_invite(series, by=editor)
    message = OutboxMessage.objects.first()
    assert message is not None
    (attachment,) = message.attachments.all()
    assert attachment.filename == "einladung.ics"
    assert attachment.content_type == "text/calendar; method=REQUEST; charset=utf-8"
    calendar = calendar_of(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar.walk("VEVENT")[0]["UID"]) == series.uid
    assert message.subject == "Einladung: Jour fixe IT mit " + series.provider.name
    assert message.reply_to == [editor.email]


def test_the_invitation_is_in_the_organisations_document_language(series, editor) -> None:
    Organisation.objects.update_or_create(
        pk=Organisation.SINGLETON_ID, defaults={"name": "Muster GmbH", "document_language": "en"}
    )
    mail.series_invite(series, by=editor)
    message = OutboxMessage.objects.first()
    assert message is not None
    assert message.subject.startswith("Invitation: Jour fixe IT")
    assert message.attachments.get().filename == "invitation.ics"
    assert "Open the attached calendar file" in message.body


def test_a_second_click_on_invite_queues_nothing(series, editor) -> None:
    mail.series_invite(series, by=editor)
    assert mail.series_invite(series, by=editor) == 0
    assert OutboxMessage.objects.count() == 2


def test_a_change_keeps_the_uid_and_raises_the_sequence(series, editor) -> None:
    mail.series_invite(series, by=editor)
    series.start_time = time(11, 0)
    series.save()
    assert mail.series_changed(series, by=editor) == 2
    series.refresh_from_db()
    assert series.sequence == 1
    latest = OutboxMessage.objects.order_by("-pk").first()
    assert latest is not None
    event = calendar_of(latest).walk("VEVENT")[0]
    assert str(event["UID"]) == series.uid
    assert int(event["SEQUENCE"]) == 1
    assert latest.subject.startswith("Geändert:")


def test_a_second_click_on_the_change_does_not_raise_again(series, editor) -> None:
    mail.series_invite(series, by=editor)
    series.location = "Raum 3"
    series.save()
    mail.series_changed(series, by=editor)
    assert mail.series_changed(series, by=editor) == 0
    series.refresh_from_db()
    assert series.sequence == 1
    assert OutboxMessage.objects.count() == 4


def test_inviting_again_after_a_change_raises_the_sequence(series, editor) -> None:
    mail.series_invite(series, by=editor)
    series.location = "Raum 3"
    series.save()
    mail.series_invite(series, by=editor)
    series.refresh_from_db()
    assert series.sequence == 1


def test_a_moved_occurrence_gets_a_sequence_above_the_series(series, editor) -> None:
    mail.series_invite(series, by=editor)
    original = datetime(2026, 4, 7, 10, 0, tzinfo=BERLIN)
    meeting = make_meeting(series=series, recurrence_id=original, starts_at=original)
    meeting.starts_at = original + timedelta(days=1)
    meeting.ends_at = meeting.starts_at + timedelta(hours=1)
    meeting.save()
    meeting.participants.set(series.participants.all())
    meeting.contacts.set(series.contacts.all())
    assert mail.meeting_changed(meeting, by=editor) == 2
    series.refresh_from_db()
    meeting.refresh_from_db()
    assert series.sequence == meeting.sequence == 1
    latest = OutboxMessage.objects.order_by("-pk").first()
    assert latest is not None
    (event,) = calendar_of(latest).walk("VEVENT")
    assert str(event["UID"]) == series.uid
    assert event.decoded("RECURRENCE-ID") == original
    assert int(event["SEQUENCE"]) == 1
    # The next update of the whole series is not older than the moved date.
    series.location = "Raum 9"
    series.save()
    mail.series_changed(series, by=editor)
    latest = OutboxMessage.objects.order_by("-pk").first()
    assert latest is not None
    master, moved = calendar_of(latest).walk("VEVENT")
    assert int(master["SEQUENCE"]) == int(moved["SEQUENCE"]) == 2


def test_a_cancelled_occurrence_is_sent_as_cancel(series, editor) -> None:
    meeting = make_meeting(series=series)
    meeting.contacts.set(series.contacts.all())
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = "Urlaub"
    meeting.save()
    assert mail.meeting_cancelled(meeting, by=editor) == 1
    message = OutboxMessage.objects.get()
    calendar = calendar_of(message)
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == series.uid
    assert message.attachments.get().content_type.startswith("text/calendar; method=CANCEL")
    assert "Urlaub" in message.body
    assert message.subject.startswith("Abgesagt:")


def test_a_one_off_meeting_is_invited_and_updated_under_its_own_uid(editor) -> None:
    meeting = make_meeting()
    meeting.participants.set([editor])
    mail.meeting_invite(meeting, by=editor)
    meeting.starts_at += timedelta(hours=2)
    meeting.ends_at += timedelta(hours=2)
    meeting.save()
    mail.meeting_changed(meeting, by=editor)
    first, second = OutboxMessage.objects.order_by("pk")
    assert [str(e["UID"]) for e in calendar_of(second).walk("VEVENT")] == [meeting.uid]
    assert sequences(first) == [0]
    assert sequences(second) == [1]


def test_a_recipient_without_e_mail_is_skipped(editor) -> None:
    meeting = make_meeting()
    editor.email = ""
    editor.save()
    meeting.participants.set([editor])
    assert mail.meeting_invite(meeting, by=editor) == 0


def fake_agenda_text(meeting: Meeting, *, internal: bool = True) -> str:
    text = "1. Offene Aufgaben\n2. Störungen\n"
    return text + "3. Kündigungsfrist (intern)\n" if internal else text


@pytest.fixture
def helpers(monkeypatch):
    agenda = types.ModuleType("vendorwatch.meetings.agenda")
    agenda.agenda_text = fake_agenda_text  # type: ignore[attr-defined]
    minutes = types.ModuleType("vendorwatch.meetings.minutes_doc")
    minutes.minutes_text = lambda meeting: "Beschlüsse: keine"  # type: ignore[attr-defined]
    minutes.minutes_pdf = lambda meeting: b"%PDF-1.7 test"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "vendorwatch.meetings.agenda", agenda)
    monkeypatch.setitem(sys.modules, "vendorwatch.meetings.minutes_doc", minutes)


def test_the_agenda_is_sent_as_text_once(helpers, series, editor) -> None:
    meeting = make_meeting(series=series)
    meeting.participants.set([editor])
    assert mail.agenda_send(meeting, by=editor) == 1
    assert mail.agenda_send(meeting, by=editor) == 0
    message = OutboxMessage.objects.get()
    assert "2. Störungen" in message.body
    assert message.subject.startswith("Tagesordnung:")
    meeting.refresh_from_db()
    assert meeting.agenda_sent_at is not None


def test_the_minutes_go_out_as_text_and_pdf_once_per_revision(helpers, series, editor) -> None:
    meeting = make_meeting(series=series)
    meeting.participants.set([editor])
    meeting.contacts.set(series.contacts.all())
    assert mail.minutes_send(meeting, by=editor) == 2
    assert mail.minutes_send(meeting, by=editor) == 0
    message = OutboxMessage.objects.filter(to=[editor.email]).get()
    assert "Beschlüsse: keine" in message.body
    (pdf,) = message.attachments.all()
    assert pdf.content_type == "application/pdf"
    assert pdf.filename == "protokoll-2026-03-03.pdf"
    assert bytes(pdf.content).startswith(b"%PDF")
    meeting.refresh_from_db()
    assert meeting.minutes_sent_at is not None
    Meeting.objects.filter(pk=meeting.pk).update(revision=2)
    meeting.refresh_from_db()
    assert mail.minutes_send(meeting, by=editor) == 2


def test_the_sent_message_has_the_calendar_part_with_its_method(series, editor) -> None:
    mail.series_invite(series, by=editor)
    outbox_send_due()
    sent = django_mail.outbox[0].message()
    parts: list[Message] = [p for p in sent.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 2  # inline for Outlook, and as the attached file
    for part in parts:
        assert part.get_param("method") == "REQUEST"
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        assert icalendar.Calendar.from_ical(payload).walk("VEVENT")


# --- calling off a series ---------------------------------------------------------------------


def cancel_message(address: str) -> OutboxMessage:
    return OutboxMessage.objects.get(
        to=[address], attachments__content_type__contains="method=CANCEL"
    )


def test_a_contact_taken_off_the_series_receives_a_cancel_with_a_higher_sequence(
    series, editor
) -> None:
    mail.series_invite(series, by=editor)
    invitation = OutboxMessage.objects.get(to=["paula@it.example"])
    series.contacts.remove(Contact.objects.get(email="paula@it.example"))
    assert mail.series_cancelled(series, by=editor, recipients=["paula@it.example"]) == 1
    calendar = calendar_of(cancel_message("paula@it.example"))
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == series.uid
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) > max(sequences(invitation))
    assert str(event["ATTENDEE"]) == "mailto:paula@it.example"


def test_a_cancel_for_removed_people_goes_only_to_them(series, editor) -> None:
    mail.series_cancelled(series, by=editor, recipients=["paula@it.example"])
    assert [m.to for m in OutboxMessage.objects.all()] == [["paula@it.example"]]


def test_cancelling_the_series_reaches_everyone_after_the_series_is_deleted(series, editor) -> None:
    assert mail.series_cancelled(series, by=editor) == 2
    series.delete()
    assert outbox_send_due() == 2
    recipients = sorted(m.to[0] for m in django_mail.outbox)
    assert recipients == sorted([editor.email, "paula@it.example"])
    assert all(m.subject.startswith("Abgesagt: Jour fixe IT") for m in django_mail.outbox)


def test_a_second_click_on_removing_queues_no_second_cancel(series, editor) -> None:
    mail.series_cancelled(series, by=editor, recipients=["paula@it.example"])
    series.refresh_from_db()
    sequence = series.sequence
    assert mail.series_cancelled(series, by=editor, recipients=["paula@it.example"]) == 0
    series.refresh_from_db()
    assert series.sequence == sequence


def test_an_invitation_after_a_cancel_carries_a_higher_sequence(series, editor) -> None:
    mail.series_cancelled(series, by=editor, recipients=["old@it.example"])
    cancelled = max(sequences(cancel_message("old@it.example")))
    mail.series_invite(series, by=editor)
    invitation = OutboxMessage.objects.get(to=["paula@it.example"])
    assert min(sequences(invitation)) > cancelled


# --- records a calendar cannot show (a year 9999 typed by mistake) -----------------------------


def test_inviting_to_a_series_in_the_year_9999_does_not_raise(editor) -> None:
    series = make_series(first_date=date(9999, 6, 7), time_zone="Europe/London")
    series.participants.set([editor])
    assert mail.series_invite(series, by=editor) in (0, 1)


def test_a_series_at_the_very_end_of_the_calendar_is_not_invited_and_logged(editor, caplog) -> None:
    series = make_series(
        first_date=date(9999, 12, 31), start_time=time(23, 30), time_zone="Europe/London"
    )
    series.participants.set([editor])
    with caplog.at_level(logging.WARNING, logger="vendorwatch.meetings.mail"):
        assert mail.series_invite(series, by=editor) == 0
    assert f"meeting series {series.pk}" in caplog.text
    assert not OutboxMessage.objects.exists()


def test_a_meeting_at_the_very_end_of_the_calendar_is_not_invited(editor) -> None:
    start = datetime(9999, 12, 31, 23, 0, tzinfo=UTC)
    provider = make_meeting().provider
    meeting = Meeting.objects.create(
        provider=provider,
        title="Tippfehler",
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
    )
    meeting.participants.set([editor])
    assert mail.meeting_invite(meeting, by=editor) == 0


# --- minutes as approved ----------------------------------------------------------------------


def approved(meeting: Meeting, text: str) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=Meeting.Minutes.APPROVED)
    MinutesRevision.objects.create(
        meeting=meeting, number=meeting.revision, approved_at=datetime.now(UTC), text=text
    )
    meeting.refresh_from_db()
    return meeting


def test_approved_minutes_are_sent_with_the_text_of_the_approved_revision(
    helpers, series, editor
) -> None:
    meeting = make_meeting(series=series)
    meeting.participants.set([editor])
    approved(meeting, "Beschlüsse: wie genehmigt")
    mail.minutes_send(meeting, by=editor)
    body = OutboxMessage.objects.get().body
    assert "Beschlüsse: wie genehmigt" in body
    assert "Beschlüsse: keine" not in body  # the live rendering


def test_minutes_already_sent_is_true_once_the_revision_was_queued(helpers, series, editor) -> None:
    meeting = approved(make_meeting(series=series), "Fassung 1")
    meeting.participants.set([editor])
    assert not mail.minutes_already_sent(meeting)
    mail.minutes_send(meeting, by=editor)
    assert mail.minutes_already_sent(meeting)


def test_a_new_revision_is_not_already_sent(helpers, series, editor) -> None:
    meeting = approved(make_meeting(series=series), "Fassung 1")
    meeting.participants.set([editor])
    mail.minutes_send(meeting, by=editor)
    Meeting.objects.filter(pk=meeting.pk).update(revision=2)
    meeting.refresh_from_db()
    assert not mail.minutes_already_sent(meeting)


def test_minutes_for_nobody_with_an_address_are_not_already_sent(helpers, editor) -> None:
    meeting = approved(make_meeting(), "Fassung 1")
    assert mail.minutes_send(meeting, by=editor) == 0
    assert not mail.minutes_already_sent(meeting)
    meeting.refresh_from_db()
    assert meeting.minutes_sent_at is None


# --- the agenda: our internal points stay with us ---------------------------------------------


def test_the_provider_gets_the_agenda_without_our_internal_points(helpers, series, editor) -> None:
    meeting = make_meeting(series=series)
    meeting.participants.set([editor])
    meeting.contacts.set(series.contacts.all())
    assert mail.agenda_send(meeting, by=editor) == 2
    theirs = OutboxMessage.objects.get(to=["paula@it.example"]).body
    assert "2. Störungen" in theirs
    assert "Kündigungsfrist" not in theirs


def test_our_participants_get_the_agenda_with_the_internal_points(helpers, series, editor) -> None:
    meeting = make_meeting(series=series)
    meeting.participants.set([editor])
    meeting.contacts.set(series.contacts.all())
    mail.agenda_send(meeting, by=editor)
    assert "3. Kündigungsfrist (intern)" in OutboxMessage.objects.get(to=[editor.email]).body


# --- one zone for a meeting in the calendar file and in the e-mail -----------------------------


def test_a_one_off_meeting_is_shown_in_the_organisations_zone_in_mail_and_calendar(
    editor,
) -> None:
    Organisation.objects.update_or_create(
        pk=Organisation.SINGLETON_ID, defaults={"name": "Muster", "time_zone": "America/New_York"}
    )
    meeting = make_meeting(starts_at=datetime(2026, 3, 3, 15, 0, tzinfo=UTC))
    meeting.participants.set([editor])
    mail.meeting_invite(meeting, by=editor)
    message = OutboxMessage.objects.get()
    (event,) = calendar_of(message).walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event.decoded("DTSTART").strftime("%d.%m.%Y %H:%M") == "03.03.2026 10:00"
    assert "03.03.2026 10:00" in message.body
    assert message.subject.endswith("03.03.2026 10:00")


def test_a_meeting_of_a_series_without_its_own_date_uses_the_series_zone(editor) -> None:
    series = make_series(time_zone="Asia/Tokyo")
    meeting = make_meeting(series=series, recurrence_id=None, uid="own@vendorwatch")
    meeting.participants.set([editor])
    mail.meeting_invite(meeting, by=editor)
    message = OutboxMessage.objects.get()
    (event,) = calendar_of(message).walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event.decoded("DTSTART").strftime("%d.%m.%Y %H:%M") in message.body


def test_without_an_organisation_a_one_off_meeting_is_shown_in_the_sites_zone(settings) -> None:
    Organisation.objects.all().delete()
    settings.TIME_ZONE = "Europe/Vienna"
    assert display_zone(make_meeting()) == "Europe/Vienna"
