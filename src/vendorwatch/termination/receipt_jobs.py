"""A reminder once a local day while the notice was sent but its receipt is not yet proven.

A notice counts from the day it *arrives*; whoever sent it must be able to show that. Every
day until the delivery record or the provider's confirmation is recorded (or the termination
is withdrawn), the person who started the termination hears how many days are left until the
deadline, or that it passed, and what to do.

Each reminder is queued in the outbox under a key that names the termination and the day, and
the day is claimed on the termination first with a conditional UPDATE: however many job
runners run the job, and however often, it is queued once a day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from vendorwatch.contracts.reminders import default_recipients, reminder_language
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_enqueue
from vendorwatch.jobs.registry import periodic
from vendorwatch.meetings.mail import render_body
from vendorwatch.termination import services
from vendorwatch.termination.models import Termination

RECEIPT_JOB = "termination-receipt-reminders"


# Reminders stop this many days after the receipt deadline passed without proof; the
# termination's page and the dashboard go on showing it.
STOP_AFTER_DAYS = 14


def receipt_key(termination: Termination, day: date) -> str:
    return f"termination-{termination.pk}-receipt-{day:%Y-%m-%d}"


def recipients(termination: Termination) -> list[str]:
    """The person who started the termination, else the contract's reminder recipients
    (empty: the caller falls back to the administrators and editors)."""
    person = termination.created_by
    if person is not None and person.is_active and person.email:
        return [person.email]
    return termination.contract.recipient_list


def receipt_reminders_queue(*, today: date) -> int:
    """Queue today's reminder for every termination whose notice is sent and not yet proven
    received; returns how many were newly queued."""
    candidates = (
        Termination.objects.exclude(status=Termination.Status.WITHDRAWN)
        .exclude(receipt_reminded_on=today)
        .filter(letters__dispatches__isnull=False)
        .distinct()
        .select_related("contract__provider", "created_by")
        .prefetch_related("letters__dispatches")
    )
    fallback: list[str] | None = None
    queued = 0
    for termination in candidates:
        receipt = services.receipt_status(termination, today)
        if receipt.sent_on is None or receipt.received_on is not None:
            continue
        if receipt.days_left is not None and receipt.days_left < -STOP_AFTER_DAYS:
            continue  # long past the deadline: a daily e-mail would only be noise
        key = receipt_key(termination, today)
        if OutboxMessage.objects.filter(key=key).exists():
            continue
        to = recipients(termination)
        if not to:
            fallback = default_recipients() if fallback is None else fallback
            to = fallback
        if to and _claim_and_enqueue(termination, receipt, key, to, today):
            queued += 1
    return queued


def _claim_and_enqueue(
    termination: Termination, receipt: services.Receipt, key: str, to: list[str], today: date
) -> bool:
    """Claim today for this termination and queue the reminder, both or neither."""
    with transaction.atomic():
        claimed = (
            Termination.objects.filter(pk=termination.pk)
            .exclude(receipt_reminded_on=today)
            .update(receipt_reminded_on=today)
        )
        if not claimed:
            return False  # another runner queued it a moment ago
        _enqueue(termination, receipt, key, to, today)
    return True


def _enqueue(
    termination: Termination, receipt: services.Receipt, key: str, to: list[str], today: date
) -> None:
    contract = termination.contract
    with translation.override(reminder_language()):
        plan = services.termination_plan(termination, today)
        days = receipt.days_left
        context: dict[str, Any] = {
            "termination": termination,
            "contract": contract,
            "provider": contract.provider.name,
            "sent_on": _day(receipt.sent_on),
            "deadline": _day(receipt.deadline),
            "days_left": days,
            "days_over": -days if days is not None and days < 0 else 0,
            "end": _day(receipt.contract_end),
            "end_if_received_today": _day(plan.end_if_received_today),
            "for_cause": termination.is_for_cause,
            "url": settings.SITE_URL + reverse("termination-detail", args=[termination.pk]),
        }
        body = render_body("termination/mail/receipt_reminder.txt", context)
        subject = gettext("Receipt of the notice not yet proven: %(contract)s") % {
            "contract": contract.title
        }
    outbox_enqueue(to=to, subject=subject, body=body, key=key, related=termination)


def _day(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value is not None else ""


@periodic(RECEIPT_JOB, every=timedelta(hours=1))
def queue_receipt_reminders(now: datetime) -> int:
    """Reminders fall due by the local calendar day; hourly runs catch a new day early."""
    return receipt_reminders_queue(today=timezone.localdate(now))
