"""E-mail about meetings: invitations and updates with a calendar file, cancellations, the
agenda before and the minutes after a meeting. Everything goes through the outbox, so a mail
server that is down or slow only delays it.

Each message goes to one recipient (our participants and the provider's contacts that have an
e-mail address) in the organisation's document language, under a key that names what was
sent, so a double click queues nothing twice.

SEQUENCE (RFC 5546): a calendar program replaces its entry only by one with a higher SEQUENCE
under the same UID. ``MeetingSeries.sequence`` is the highest SEQUENCE ever sent under the
series' UID, and every VEVENT of the series' calendar carries it:

- An invitation (``*_invite``) sends the current state at the current SEQUENCE; it raises the
  SEQUENCE only when something different was already sent at that SEQUENCE.
- A change or cancellation (``*_changed``, ``meeting_cancelled``) raises it, unless exactly
  this state was already sent at the current SEQUENCE (a second click on the same button).
- A single occurrence of a series has the series' UID and its RECURRENCE-ID. Changing it
  raises the *series'* SEQUENCE and gives the occurrence that value (``Meeting.sequence``):
  the occurrence is then newer than anything sent before, and the next update of the whole
  series, which carries the series' SEQUENCE on every VEVENT, is not older than the moved
  occurrence (Outlook ignores an exception whose SEQUENCE is below the series').
- A one-off meeting has its own UID and its own SEQUENCE.

The SEQUENCE is raised with a conditional ``UPDATE … SET sequence = sequence + 1 WHERE
sequence = n``; when two clicks race, the second sends the state at the raised SEQUENCE
without raising again, and the keys make the two one message per recipient.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from vendorwatch.audit.recording import record_update
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_enqueue
from vendorwatch.meetings import ical
from vendorwatch.meetings.models import Meeting, MeetingSeries, MinutesRevision
from vendorwatch.meetings.recurrence import next_occurrences

logger = logging.getLogger(__name__)

# DTSTAMP for comparing two states of a calendar: only the content counts.
FIXED_STAMP = datetime(2000, 1, 1, tzinfo=UTC)
CALENDAR_TYPE = "text/calendar; method={method}; charset=utf-8"
# Dates shown in an invitation to a series.
NEXT_DATES = 3


def language() -> str:
    from vendorwatch.organisation.models import Organisation

    organisation = Organisation.load()
    return organisation.document_language if organisation else settings.LANGUAGE_CODE


def render_body(template: str, context: dict[str, Any]) -> str:
    """A plain-text body from its template, with at most one empty line in a row."""
    text = render_to_string(template, context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _digest(data: bytes | str) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()[:16]


def _address_key(email: str) -> str:
    return _digest(email.strip().lower())


def local_text(moment: datetime, zone: str) -> str:
    """03.03.2026 10:00 in the given zone (the same in German and English); in UTC, and
    saying so, for a moment the zone cannot show (the last hours of the year 9999)."""
    try:
        return moment.astimezone(ZoneInfo(zone)).strftime("%d.%m.%Y %H:%M")
    except (OverflowError, ValueError, KeyError):
        return moment.astimezone(UTC).strftime("%d.%m.%Y %H:%M UTC")


def meeting_zone(meeting: Meeting) -> str:
    """The zone the meeting is shown in, the same as in its calendar file."""
    return ical.display_zone(meeting)


def _reply_to(by: Any) -> list[str]:
    email = getattr(by, "email", "") if getattr(by, "pk", None) else ""
    return [email] if email else []


def _sent_digests(prefix: str) -> set[str]:
    keys = OutboxMessage.objects.filter(key__startswith=prefix).values_list("key", flat=True)
    return {key[len(prefix) :].split(":", 1)[0] for key in keys if key}


def _queue_each(
    *,
    recipients: list[tuple[str, str]],
    key_prefix: str,
    subject: str,
    body: str,
    related: Any,
    by: Any,
    attachments: list[tuple[str, bytes, str]],
) -> int:
    """One message per recipient; returns how many were newly queued."""
    queued = 0
    for _name, email in recipients:
        key = f"{key_prefix}:{_address_key(email)}"
        if OutboxMessage.objects.filter(key=key).exists():
            continue
        outbox_enqueue(
            to=[email],
            subject=subject,
            body=body,
            key=key,
            reply_to=_reply_to(by),
            related=related,
            created_by=by,
            attachments=attachments,
        )
        queued += 1
    return queued


# --- series -----------------------------------------------------------------------------------


def _raise_series(series: MeetingSeries, seen: int) -> bool:
    raised = MeetingSeries.objects.filter(pk=series.pk, sequence=seen).update(
        sequence=F("sequence") + 1
    )
    series.refresh_from_db(fields=["sequence"])
    return raised == 1


def _settle_sequence(
    *,
    current: Callable[[], int],
    prefix: Callable[[int], str],
    digest: str,
    change: bool,
    raise_from: Callable[[int], bool],
) -> int:
    """The SEQUENCE to send ``digest`` at, raising it when the rules above say so."""
    sequence = current()
    sent = _sent_digests(prefix(sequence))
    if digest in sent:
        return sequence
    if change or sent:
        if raise_from(sequence):
            return sequence + 1
        # Raised by someone else a moment ago: send at theirs.
        return current()
    return sequence


def _settle_series_sequence(series: MeetingSeries, content: bytes, *, change: bool) -> int:
    """The SEQUENCE to send ``content`` at under the series' UID (see :func:`_settle_sequence`)."""
    return _settle_sequence(
        current=lambda: _series_sequence(series),
        prefix=lambda n: f"meetings:series:{series.pk}:{n}:",
        digest=_digest(content),
        change=change,
        raise_from=lambda n: _raise_series(series, n),
    )


def _series_sequence(series: MeetingSeries) -> int:
    series.refresh_from_db(fields=["sequence"])
    return series.sequence


def _send_series(series: MeetingSeries, *, by: Any, change: bool) -> int:
    with translation.override(language()):
        try:
            content = ical.build_series(series, method="REQUEST", stamp=FIXED_STAMP, sequence=0)
            zone = ical.display_zone(series)
            upcoming = (
                next_occurrences(series, timezone.now(), NEXT_DATES) if not series.ended else []
            )
            dates = [local_text(moment, zone) for moment in upcoming]
        except ical.CALENDAR_ERRORS as error:
            logger.warning("meeting series %s: no invitation sent, %s", series.pk, error)
            return 0
        sequence = _settle_series_sequence(series, content, change=change)
        calendar = ical.build_series(
            series, method="REQUEST", stamp=ical.now_stamp(), sequence=sequence
        )
        context = {
            "series": series,
            "provider": series.provider.name,
            "changed": change,
            "dates": dates,
            "duration": series.duration_minutes,
            "people": ical.people(series),
        }
        template = "meetings/mail/series_changed.txt" if change else "meetings/mail/series.txt"
        body = render_body(template, context)
        values = {"title": series.title, "provider": series.provider.name}
        if change:
            subject = gettext("Changed: %(title)s with %(provider)s") % values
        else:
            subject = gettext("Invitation: %(title)s with %(provider)s") % values
        filename = gettext("invitation.ics")
    return _queue_each(
        recipients=ical.people(series),
        key_prefix=f"meetings:series:{series.pk}:{sequence}:{_digest(content)}",
        subject=subject,
        body=body,
        related=series,
        by=by,
        attachments=[(filename, calendar, CALENDAR_TYPE.format(method="REQUEST"))],
    )


def series_invite(series: MeetingSeries, *, by: Any) -> int:
    """Invite everyone in the series to all its meetings; returns how many e-mails were
    queued (0 when this invitation went out already)."""
    return _send_series(series, by=by, change=False)


def series_changed(series: MeetingSeries, *, by: Any) -> int:
    """Send the series as it is now after a change of its time, rule, place or people; the
    calendar programs update their entries (same UID, higher SEQUENCE)."""
    return _send_series(series, by=by, change=True)


def _addresses(recipients: list[str]) -> list[tuple[str, str]]:
    """(name, e-mail) for plain addresses: each once, empty ones left out."""
    seen: set[str] = set()
    result = []
    for address in recipients:
        email = address.strip()
        if email and email.lower() not in seen:
            seen.add(email.lower())
            result.append(("", email))
    return result


def series_cancelled(series: MeetingSeries, *, by: Any, recipients: list[str] | None = None) -> int:
    """Call off the whole series in calendars: METHOD:CANCEL under the series' UID with a
    raised SEQUENCE, to everyone in the series or only to ``recipients`` (addresses taken
    off the series; they are the CANCEL's attendees). Returns how many e-mails were queued.

    Everything is queued before it returns, with the calendar file as bytes, so it may be
    called right before the series is deleted (in the same transaction or not); the
    messages do not depend on the series' rows afterwards."""
    targets = ical.people(series) if recipients is None else _addresses(recipients)
    if not targets:
        return 0
    with translation.override(language()):
        try:
            content = ical.build_series(
                series, method="CANCEL", stamp=FIXED_STAMP, sequence=0, attendees=targets
            )
        except ical.CALENDAR_ERRORS as error:
            logger.warning("meeting series %s: no cancellation sent, %s", series.pk, error)
            return 0
        sequence = _settle_series_sequence(series, content, change=True)
        calendar = ical.build_series(
            series, method="CANCEL", stamp=ical.now_stamp(), sequence=sequence, attendees=targets
        )
        context = {
            "series": series,
            "provider": series.provider.name,
            "removed": recipients is not None,
        }
        body = render_body("meetings/mail/series_cancelled.txt", context)
        values = {"title": series.title, "provider": series.provider.name}
        subject = gettext("Cancelled: %(title)s with %(provider)s") % values
        filename = gettext("cancellation.ics")
    return _queue_each(
        recipients=targets,
        key_prefix=f"meetings:series:{series.pk}:{sequence}:{_digest(content)}",
        subject=subject,
        body=body,
        related=series,
        by=by,
        attachments=[(filename, calendar, CALENDAR_TYPE.format(method="CANCEL"))],
    )


# --- single meetings --------------------------------------------------------------------------


def _is_occurrence(meeting: Meeting) -> bool:
    return meeting.series is not None and meeting.recurrence_id is not None


def _meeting_sequence(meeting: Meeting) -> int:
    if _is_occurrence(meeting):
        assert meeting.series is not None
        meeting.series.refresh_from_db(fields=["sequence"])
        return max(meeting.series.sequence, meeting.sequence)
    meeting.refresh_from_db(fields=["sequence"])
    return meeting.sequence


def _raise_meeting(meeting: Meeting, seen: int) -> bool:
    if _is_occurrence(meeting):
        series = meeting.series
        assert series is not None
        if not _raise_series(series, seen):
            return False
        Meeting.objects.filter(pk=meeting.pk).update(sequence=series.sequence)
        meeting.sequence = series.sequence
        return True
    raised = Meeting.objects.filter(pk=meeting.pk, sequence=seen).update(sequence=F("sequence") + 1)
    meeting.refresh_from_db(fields=["sequence"])
    return raised == 1


def _send_meeting(meeting: Meeting, *, by: Any, kind: str) -> int:
    """``kind``: "invite", "changed" or "cancelled"."""
    method = "CANCEL" if kind == "cancelled" else "REQUEST"
    with translation.override(language()):
        try:
            content = ical.build_meeting(meeting, method=method, stamp=FIXED_STAMP, sequence=0)
        except ical.CALENDAR_ERRORS as error:
            logger.warning("meeting %s: no %s e-mail sent, %s", meeting.pk, kind, error)
            return 0
        sequence = _settle_sequence(
            current=lambda: _meeting_sequence(meeting),
            prefix=lambda n: f"meetings:meeting:{meeting.pk}:{n}:",
            digest=_digest(content),
            change=kind != "invite",
            raise_from=lambda n: _raise_meeting(meeting, n),
        )
        if _is_occurrence(meeting) and meeting.sequence != sequence:
            Meeting.objects.filter(pk=meeting.pk).update(sequence=sequence)
            meeting.sequence = sequence
        calendar = ical.build_meeting(
            meeting, method=method, stamp=ical.now_stamp(), sequence=sequence
        )
        zone = meeting_zone(meeting)
        when = local_text(meeting.starts_at, zone)
        context = {
            "meeting": meeting,
            "provider": meeting.provider.name,
            "when": when,
            "until": local_text(meeting.ends_at, zone).removesuffix(" UTC")[-5:],
            "kind": kind,
            "people": ical.people(meeting),
        }
        body = render_body(f"meetings/mail/meeting_{kind}.txt", context)
        values = {"title": meeting.title, "date": when}
        if kind == "cancelled":
            subject = gettext("Cancelled: %(title)s on %(date)s") % values
            filename = gettext("cancellation.ics")
        elif kind == "changed":
            subject = gettext("Changed: %(title)s on %(date)s") % values
            filename = gettext("invitation.ics")
        else:
            subject = gettext("Invitation: %(title)s on %(date)s") % values
            filename = gettext("invitation.ics")
    return _queue_each(
        recipients=ical.people(meeting),
        key_prefix=f"meetings:meeting:{meeting.pk}:{sequence}:{_digest(content)}",
        subject=subject,
        body=body,
        related=meeting,
        by=by,
        attachments=[(filename, calendar, CALENDAR_TYPE.format(method=method))],
    )


def meeting_invite(meeting: Meeting, *, by: Any) -> int:
    """Invite the meeting's people to this one meeting (a one-off, or one occurrence of a
    series under the series' UID)."""
    return _send_meeting(meeting, by=by, kind="invite")


def meeting_changed(meeting: Meeting, *, by: Any) -> int:
    """After a meeting was moved or its place changed: the update for the calendars. For an
    occurrence of a series the series' SEQUENCE is raised and given to the occurrence (see
    the module's notes), so the moved date wins over the series and the next update of the
    series does not undo it."""
    return _send_meeting(meeting, by=by, kind="changed")


def meeting_cancelled(meeting: Meeting, *, by: Any) -> int:
    """Call the meeting off in everyone's calendar (METHOD:CANCEL, STATUS:CANCELLED; for an
    occurrence only that date of the series)."""
    return _send_meeting(meeting, by=by, kind="cancelled")


# --- agenda and minutes -----------------------------------------------------------------------


def agenda_send(meeting: Meeting, *, by: Any) -> int:
    """The agenda as text to everyone in the meeting; again only when it changed. Our
    participants get all points, the provider's contacts the agenda without our internal
    points (contract deadlines, the contract review)."""
    from vendorwatch.meetings.agenda import agenda_text

    ours, theirs = ical.people_by_side(meeting)
    bodies: list[tuple[list[tuple[str, str]], str]] = []
    with translation.override(language()):
        when = local_text(meeting.starts_at, meeting_zone(meeting))
        context = {"meeting": meeting, "provider": meeting.provider.name, "when": when}
        for internal, recipients in ((True, ours), (False, theirs)):
            if recipients:
                text = agenda_text(meeting, internal=internal)
                body = render_body("meetings/mail/agenda.txt", {**context, "text": text})
                bodies.append((recipients, body))
        subject = gettext("Agenda: %(title)s on %(date)s") % {
            "title": meeting.title,
            "date": when,
        }
    queued = 0
    for recipients, body in bodies:
        queued += _queue_each(
            recipients=recipients,
            key_prefix=f"meetings:agenda:{meeting.pk}:{_digest(body)}",
            subject=subject,
            body=body,
            related=meeting,
            by=by,
            attachments=[],
        )
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(agenda_sent_at=now)
    record_update(meeting, {"agenda_sent_at": meeting.agenda_sent_at}, {"agenda_sent_at": now})
    meeting.agenda_sent_at = now
    return queued


def _minutes_prefix(meeting: Meeting) -> str:
    return f"meetings:minutes:{meeting.pk}:r{meeting.revision}"


def minutes_already_sent(meeting: Meeting) -> bool:
    """The minutes in their current revision were already queued (to at least one person);
    :func:`minutes_send` then queues only for people added since."""
    return OutboxMessage.objects.filter(key__startswith=_minutes_prefix(meeting) + ":").exists()


def approved_text(meeting: Meeting) -> str | None:
    """The text of the approved revision the minutes are in, as it was approved; ``None``
    while they are not approved (or no text of that revision was kept)."""
    if meeting.minutes_status != Meeting.Minutes.APPROVED:
        return None
    revision = MinutesRevision.objects.filter(meeting=meeting, number=meeting.revision).first()
    if revision is None:
        logger.warning(
            "meeting %s: no text kept of minutes revision %s", meeting.pk, meeting.revision
        )
        return None
    return revision.text


def minutes_send(meeting: Meeting, *, by: Any) -> int:
    """The approved minutes as text and as PDF to everyone in the meeting, once per revision.
    The text is the approved revision's as it was approved (``MinutesRevision``); the PDF is
    made from the meeting. The PDF is made first: when it cannot be made now
    (``PdfUnavailable``), nothing is queued and the caller shows a calm message. Returns how
    many e-mails were queued: 0 when everyone has this revision already
    (:func:`minutes_already_sent`) or nobody has an e-mail address."""
    from vendorwatch.meetings.minutes_doc import minutes_pdf, minutes_text

    prefix = _minutes_prefix(meeting)
    recipients = [
        (name, email)
        for name, email in ical.people(meeting)
        if not OutboxMessage.objects.filter(key=f"{prefix}:{_address_key(email)}").exists()
    ]
    if not recipients:
        return 0
    with translation.override(language()):
        text = approved_text(meeting)
        if text is None:
            text = minutes_text(meeting)
        pdf = minutes_pdf(meeting)
        zone = meeting_zone(meeting)
        when = local_text(meeting.starts_at, zone)
        context = {
            "meeting": meeting,
            "provider": meeting.provider.name,
            "when": when,
            "text": text,
            "revision": meeting.revision,
        }
        body = render_body("meetings/mail/minutes.txt", context)
        values = {"title": meeting.title, "date": when, "revision": meeting.revision}
        if meeting.revision > 1:
            subject = gettext("Minutes (correction %(revision)s): %(title)s of %(date)s") % values
        else:
            subject = gettext("Minutes: %(title)s of %(date)s") % values
        try:
            day = meeting.starts_at.astimezone(ZoneInfo(zone)).date()
        except (OverflowError, ValueError, KeyError):
            day = meeting.starts_at.astimezone(UTC).date()
        filename = gettext("minutes-%(date)s.pdf") % {"date": day.isoformat()}
    queued = _queue_each(
        recipients=recipients,
        key_prefix=prefix,
        subject=subject,
        body=body,
        related=meeting,
        by=by,
        attachments=[(filename, pdf, "application/pdf")],
    )
    if queued:
        now = timezone.now()
        Meeting.objects.filter(pk=meeting.pk).update(minutes_sent_at=now)
        record_update(
            meeting, {"minutes_sent_at": meeting.minutes_sent_at}, {"minutes_sent_at": now}
        )
        meeting.minutes_sent_at = now
    return queued
