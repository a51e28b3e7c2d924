"""The e-mail outbox: enqueue now, send from the job runner, retry until it went out."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from vendorwatch.jobs.models import OutboxMessage

logger = logging.getLogger(__name__)

# How long a runner may hold a message while it talks to the mail server.
CLAIM_SECONDS = 300
# Waits after the 1st, 2nd, ... failed attempt; the last one repeats.
RETRY_DELAYS = (60, 300, 900, 3600, 4 * 3600)


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
) -> OutboxMessage:
    """Queue a message; with a ``key`` that is already queued, return that one instead."""
    if key:
        existing = OutboxMessage.objects.filter(key=key).first()
        if existing is not None:
            return existing
    message = OutboxMessage(
        key=key or None,
        to=list(to),
        cc=list(cc),
        reply_to=list(reply_to),
        subject=subject[:300],
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


def _claim(message_id: int, now: datetime) -> bool:
    """Take the message for this runner; a conditional UPDATE, so only one runner wins."""
    claimable = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    updated = OutboxMessage.objects.filter(claimable, pk=message_id, sent_at__isnull=True).update(
        claimed_until=now + timedelta(seconds=CLAIM_SECONDS)
    )
    return updated == 1


def _deliver(message: OutboxMessage) -> None:
    EmailMessage(
        subject=message.subject,
        body=message.body,
        to=message.to,
        cc=message.cc,
        reply_to=message.reply_to,
    ).send(fail_silently=False)


def outbox_send_due(*, now: datetime | None = None, limit: int = 100) -> int:
    """Send what is due; a failure is recorded and retried later. Returns how many went out."""
    now = now or timezone.now()
    due = OutboxMessage.objects.filter(sent_at__isnull=True, send_after__lte=now).filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )
    sent = 0
    for message_id in list(due.order_by("send_after", "pk").values_list("pk", flat=True)[:limit]):
        if not _claim(message_id, now):
            continue
        message = OutboxMessage.objects.get(pk=message_id)
        attempts = message.attempts + 1
        try:
            _deliver(message)
        except Exception as error:  # any failure of the mail server: keep the message, retry
            delay = RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
            logger.warning("e-mail %s not sent (attempt %d): %s", message.pk, attempts, error)
            OutboxMessage.objects.filter(pk=message.pk).update(
                attempts=attempts,
                last_error=str(error)[:2000],
                send_after=now + timedelta(seconds=delay),
                claimed_until=None,
            )
            continue
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=attempts, sent_at=timezone.now(), claimed_until=None, last_error=""
        )
        sent += 1
    return sent
