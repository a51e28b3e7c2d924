"""The e-mail outbox: enqueue now, send from the job runner, retry until it went out."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from email import encoders
from email.message import Message
from email.mime.base import MIMEBase
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone

from vendorwatch.jobs.locking import retry_when_locked
from vendorwatch.jobs.models import OutboxAttachment, OutboxMessage

logger = logging.getLogger(__name__)

# How long a runner may hold one message while it talks to the mail server; far longer than
# the SMTP timeout (VENDORWATCH_EMAIL_URL ...?timeout=, 20 s by default).
CLAIM_SECONDS = 300
# Waits after the 1st, 2nd, ... failed attempt; the last one repeats.
RETRY_DELAYS = (60, 300, 900, 3600, 4 * 3600)
# Attempts before a message is given up and shown to administrators as failed: with the waits
# above that is about 21 hours, enough to ride out a mail server's bad day.
MAX_ATTEMPTS = 10
SUBJECT_LENGTH = 300


def outbox_enqueue(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    key: str | None = None,
    cc: Sequence[str] = (),
    reply_to: Sequence[str] = (),
    related: models.Model | None = None,
    send_after: datetime | None = None,
    created_by: Any = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> OutboxMessage:
    """Queue a message; with a ``key`` that is already queued, return that one instead.

    ``attachments`` are ``(filename, content, content type)``; the content type may carry
    parameters (``text/calendar; method=REQUEST; charset=utf-8``)."""
    if key:
        existing = OutboxMessage.objects.filter(key=key).first()
        if existing is not None:
            return existing
    message = OutboxMessage(
        key=key or None,
        to=list(to),
        cc=list(cc),
        reply_to=list(reply_to),
        subject=clean_subject(subject),
        body=body,
        send_after=send_after or timezone.now(),
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    if related is not None:
        message.related_type = ContentType.objects.get_for_model(related)
        message.related_id = related.pk
    try:
        with transaction.atomic():
            message.save()
            OutboxAttachment.objects.bulk_create(
                OutboxAttachment(
                    message=message, filename=name, content=bytes(content), content_type=kind
                )
                for name, content, kind in attachments
            )
    except IntegrityError:
        # Another process queued the same key a moment ago.
        if key:
            return OutboxMessage.objects.get(key=key)
        raise
    return message


def messages_about(obj: models.Model) -> models.QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(
        related_type=ContentType.objects.get_for_model(obj), related_id=obj.pk
    )


def clean_subject(subject: str) -> str:
    """The subject on one line: a line break in a header (say from a problem title pasted with
    CR/LF) makes every send attempt fail, so line breaks and control characters become spaces."""
    printable = "".join(char if char.isprintable() else " " for char in subject)
    return " ".join(printable.split())[:SUBJECT_LENGTH]


def _claim(message_id: int) -> bool:
    """Take the message for this runner with a conditional UPDATE, so only one runner wins.

    The claim is counted from this moment, not from the start of the round: a round on a slow
    mail server can take longer than a claim lasts, and a claim that has run out lets another
    runner send the same message again. Taking it counts as an attempt, so a message that
    brings its runner down is still given up after MAX_ATTEMPTS.
    """
    moment = timezone.now()
    claimable = Q(claimed_until__isnull=True) | Q(claimed_until__lt=moment)
    updated = OutboxMessage.objects.filter(
        claimable,
        pk=message_id,
        sent_at__isnull=True,
        failed_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
    ).update(claimed_until=moment + timedelta(seconds=CLAIM_SECONDS), attempts=F("attempts") + 1)
    return updated == 1


class CalendarEmail(EmailMultiAlternatives):
    """An e-mail whose calendar file is also an alternative to the text body
    (``multipart/alternative``: ``text/plain``, then ``text/calendar; method=…``), as
    Outlook and Exchange send invitations themselves: Outlook shows an invitation with
    "accept" only then, and a calendar file that is just an attachment as a file.

    Django writes an alternative's type without parameters; :meth:`message` puts the
    calendar's own type (with ``method``) on that part."""

    calendar_type = ""

    def attach_calendar(self, content: bytes, content_type: str) -> None:
        self.calendar_type = content_type
        self.attach_alternative(content.decode("utf-8", "replace"), "text/calendar")

    def message(self, **kwargs: Any) -> Any:
        msg = super().message(**kwargs)
        if self.calendar_type:
            for part in _inline_calendars(msg):
                part.replace_header("Content-Type", self.calendar_type)
        return msg


def _inline_calendars(msg: Message) -> list[Message]:
    """The ``text/calendar`` parts directly inside a ``multipart/alternative``."""
    found = []
    for part in msg.walk():
        if part.get_content_type() == "multipart/alternative":
            payload = part.get_payload()
            assert isinstance(payload, list)
            found += [
                p
                for p in payload
                if isinstance(p, Message) and p.get_content_type() == "text/calendar"
            ]
    return found


def _calendar_type(content_type: str) -> str:
    """``text/calendar; method=REQUEST; charset=utf-8``, or "" for any other type."""
    main, _sep, params = content_type.partition(";")
    if main.strip().lower() != "text/calendar":
        return ""
    kept = [p.strip() for p in params.split(";") if p.strip()]
    kept = [p for p in kept if not p.lower().startswith("charset=")] + ["charset=utf-8"]
    return "; ".join(["text/calendar", *kept])


def _deliver(message: OutboxMessage) -> None:
    email = CalendarEmail(
        subject=clean_subject(message.subject),
        body=message.body,
        to=message.to,
        cc=message.cc,
        reply_to=message.reply_to,
    )
    for attachment in message.attachments.all():
        kind = _calendar_type(attachment.content_type)
        if kind and not email.calendar_type:
            # Shown as the invitation itself, and kept as an attachment for other programs.
            email.attach_calendar(bytes(attachment.content), kind)
        email.attach(_mime_part(attachment))
    email.send(fail_silently=False)


def _mime_part(attachment: OutboxAttachment) -> MIMEBase:
    """The attachment as a MIME part that keeps the parameters of its type: calendar programs
    read ``method=REQUEST`` from the part's Content-Type to offer "accept" and to update an
    entry they already hold."""
    main, _sep, params = attachment.content_type.partition(";")
    maintype, _slash, subtype = main.strip().partition("/")
    part = MIMEBase(maintype or "application", subtype or "octet-stream")
    for param in params.split(";"):
        name, _eq, value = param.strip().partition("=")
        if name:
            part.set_param(name, value)
    part.set_payload(bytes(attachment.content))
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename=attachment.filename)
    return part


def _permanent(error: Exception) -> bool:
    """Failures that waiting cannot cure: the message itself is malformed, or the mail server
    refused every recipient for good (5xx). Anything else (server down, 4xx) is retried."""
    if isinstance(error, ValueError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    return False


def describe_error(error: Exception) -> str:
    """The mail server's own answer ("451 4.3.0 Mailbox busy") rather than Python's repr."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [
            f"{address}: {code} {_text(answer)}"
            for address, (code, answer) in error.recipients.items()
        ]
        return "; ".join(parts)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return str(error) or type(error).__name__


def _text(answer: bytes | str) -> str:
    return answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    now = timezone.now()
    give_up = message.attempts >= MAX_ATTEMPTS or _permanent(error)
    fields: dict[str, Any] = {"last_error": describe_error(error)[:2000]}
    if give_up:
        fields["failed_at"] = now
        logger.error("e-mail %s given up (attempt %d): %s", message.pk, message.attempts, error)
    else:
        delay = RETRY_DELAYS[min(message.attempts, len(RETRY_DELAYS)) - 1]
        fields["send_after"] = now + timedelta(seconds=delay)
        logger.warning("e-mail %s not sent (attempt %d): %s", message.pk, message.attempts, error)
    retry_when_locked(
        lambda: OutboxMessage.objects.filter(pk=message.pk).update(claimed_until=None, **fields),
        what=f"e-mail {message.pk}",
    )


def _record_sent(message_id: int) -> None:
    # The mail server has the message: this record must be written whatever it takes, or the
    # message goes out again once the claim runs out.
    retry_when_locked(
        lambda: OutboxMessage.objects.filter(pk=message_id).update(
            sent_at=timezone.now(), claimed_until=None, last_error=""
        ),
        what=f"e-mail {message_id}",
    )


def _give_up_abandoned(now: datetime) -> None:
    """A message whose last allowed attempt never finished (its runner died) is given up."""
    OutboxMessage.objects.filter(
        sent_at__isnull=True,
        failed_at__isnull=True,
        attempts__gte=MAX_ATTEMPTS,
        claimed_until__lt=now,
    ).update(failed_at=now, claimed_until=None)


def outbox_send_due(
    *, now: datetime | None = None, limit: int = 100, progress: Callable[[], object] | None = None
) -> int:
    """Send what is due; a failure is recorded and retried later. Returns how many went out.

    ``progress`` is called before each message, so a long round can show it is alive.
    """
    now = now or timezone.now()
    _give_up_abandoned(now)
    due = OutboxMessage.objects.filter(
        sent_at__isnull=True, failed_at__isnull=True, send_after__lte=now
    ).filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
    sent = 0
    for message_id in list(due.order_by("send_after", "pk").values_list("pk", flat=True)[:limit]):
        if progress is not None:
            progress()
        if not _claim(message_id):
            continue
        message = OutboxMessage.objects.get(pk=message_id)
        try:
            _deliver(message)
        except Exception as error:  # any failure of the mail server: keep the message, retry
            _record_failure(message, error)
            continue
        _record_sent(message_id)
        sent += 1
    return sent


def failed_messages() -> models.QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(failed_at__isnull=False, sent_at__isnull=True)


def outbox_retry(*, message_ids: Sequence[int] | None = None) -> int:
    """Give failed messages (all of them, or these) a fresh set of attempts, starting now."""
    messages = failed_messages()
    if message_ids is not None:
        messages = messages.filter(pk__in=message_ids)
    return messages.update(
        failed_at=None, attempts=0, claimed_until=None, send_after=timezone.now()
    )
