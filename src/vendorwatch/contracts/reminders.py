"""E-mail reminders before the recommended send date of a notice.

Each lead time ("90 days before the send date") is a reminder of its own, queued in the outbox
under a key that names the contract, the receipt deadline and the lead time, so it is queued
once however often the job runs. When the job did not run for a while, only the most recent
lead time that has come is queued — one reminder, not a burst of stale ones. The e-mail
states the days really left, not the lead time ("25 days", though the 30-day reminder).

Once the send date has passed while the notice can still be received in time, one urgent
reminder says to deliver it by hand or courier today. When the advised arrival day has passed
too (the business day before 24.12./31.12.) and today is the last day left, a last one says
so on that morning, naming the legal deadline.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from vendorwatch.accounts.roles import Role
from vendorwatch.contracts.deadlines import (
    arrive_by_text,
    contract_deadline,
    notice_still_to_send,
    remember_send_dates,
    status_text,
)
from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.models.contract import organisation_subdivision
from vendorwatch.core.deadlines import DeadlineResult, Status
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_enqueue
from vendorwatch.organisation.models import Organisation


def due_lead(leads: list[int], send_date: date, today: date) -> int | None:
    """The smallest lead time whose day has come (send date − lead ≤ today), if any."""
    if today > send_date:
        return None
    come = [lead for lead in leads if send_date - timedelta(days=lead) <= today]
    return min(come) if come else None


def reminder_key(contract: Contract, result: DeadlineResult, lead: int) -> str:
    assert result.receipt_deadline is not None
    return f"contract:{contract.pk}:{result.receipt_deadline:%Y%m%d}:{lead}"


def default_recipients() -> list[str]:
    users = User.objects.filter(is_active=True).exclude(email="")
    wanted = Q(is_superuser=True) | Q(groups__name__in=[Role.ADMINISTRATOR, Role.EDITOR])
    return sorted(set(users.filter(wanted).values_list("email", flat=True)))


def reminder_language() -> str:
    organisation = Organisation.load()
    return organisation.document_language if organisation else settings.LANGUAGE_CODE


def urgent_key(contract: Contract, result: DeadlineResult) -> str:
    assert result.receipt_deadline is not None
    return f"contract:{contract.pk}:{result.receipt_deadline:%Y%m%d}:urgent"


def last_day_key(contract: Contract, result: DeadlineResult) -> str:
    assert result.receipt_deadline is not None
    return f"contract:{contract.pk}:{result.receipt_deadline:%Y%m%d}:last-day"


def is_last_day(result: DeadlineResult, today: date) -> bool:
    """Today is the last day left for receipt and the advised arrival day has passed."""
    advised = result.recommended_arrival_date
    return (
        result.status is Status.TOO_LATE_FOR_POST
        and result.arrive_by == today
        and advised is not None
        and advised < today
    )


def due_reminder(contract: Contract, result: DeadlineResult, today: date) -> tuple[str, int] | None:
    """The reminder due today as ``(key, lead)``; lead 0 for the urgent ones; else ``None``."""
    send = result.recommended_send_date
    leads = contract.reminder_leads
    if send is None or not leads:
        return None  # no notice needed, or the user wants no reminders
    if is_last_day(result, today):
        return last_day_key(contract, result), 0
    if result.status is Status.TOO_LATE_FOR_POST:
        return urgent_key(contract, result), 0
    if result.status not in (Status.ON_TIME, Status.MISSED_ROLLED_OVER):
        return None
    lead = due_lead(leads, send, today)
    return None if lead is None else (reminder_key(contract, result, lead), lead)


def contract_reminders_queue(*, today: date) -> int:
    """Queue the reminders whose day has come; returns how many were newly queued."""
    subdivision = organisation_subdivision()
    fallback: list[str] | None = None
    queued = 0
    rows = []
    for contract in Contract.objects.filter(notice_still_to_send()).select_related("provider"):
        row = contract_deadline(contract, today, subdivision, lookup=False)
        rows.append(row)
        result = row.result
        due = due_reminder(contract, result, today) if result is not None else None
        if result is None or due is None:
            continue
        key, lead = due
        if OutboxMessage.objects.filter(key=key).exists():
            continue
        recipients = contract.recipient_list
        if not recipients:
            fallback = default_recipients() if fallback is None else fallback
            recipients = fallback
        if not recipients:
            continue
        _enqueue(contract, result, lead, key, recipients, today)
        queued += 1
    # Keeps the dashboard's stored send dates current, also after a change of the rules.
    remember_send_dates(rows, today)
    return queued


def _enqueue(
    contract: Contract,
    result: DeadlineResult,
    lead: int,
    key: str,
    recipients: list[str],
    today: date,
) -> None:
    assert result.recommended_send_date is not None
    urgent = result.status is Status.TOO_LATE_FOR_POST
    with translation.override(reminder_language()):
        context = {
            "contract": contract,
            "result": result,
            "lead": lead,
            "days_left": (result.recommended_send_date - today).days,
            "status": status_text(result),
            "arrive_by": arrive_by_text(result),
            "last_day": is_last_day(result, today),
            "summary": result.explanation.render_summary(translation.gettext),
            "explanation": result.explanation.render(translation.gettext),
            "url": settings.SITE_URL + reverse("contracts-detail", args=[contract.pk]),
        }
        kind = "reminder_urgent" if urgent else "reminder"
        subject = render_to_string(f"contracts/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"contracts/email/{kind}.txt", context)
    outbox_enqueue(to=recipients, subject=subject, body=body, key=key, related=contract)
