"""Reminders for action items and open questions: one a few days before the due date, one
notice the day after it when the item is still open.

Each is queued in the outbox under a key that names the item, the kind and the due date, so
it is queued once however many job runners run the job and however often; a new due date
reminds again. A job that did not run for days sends only what is still current: no
reminder once the item is overdue, just the overdue notice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_enqueue
from vendorwatch.jobs.registry import periodic
from vendorwatch.meetings.ical import page_link
from vendorwatch.meetings.mail import language, render_body
from vendorwatch.meetings.models import ActionItem

REMINDER_JOB = "meetings-action-reminders"
# Days before the due date on which the reminder goes out.
REMIND_DAYS = 3


def reminder_key(item: ActionItem) -> str:
    return f"action-{item.pk}-reminder-{item.due_date:%Y-%m-%d}"


def overdue_key(item: ActionItem) -> str:
    return f"action-{item.pk}-overdue-{item.due_date:%Y-%m-%d}"


def recipients(item: ActionItem, fallback: list[str]) -> list[str]:
    """Who on our side hears about the item: the person responsible on our side, else whoever
    entered it, else our participants of the meeting it came from, else the editors.
    For an item the provider owes, the same people: they follow it up with the provider."""
    for person in (item.owner, item.created_by):
        if person is not None and person.is_active and person.email:
            return [person.email]
    if item.meeting is not None:
        emails = sorted(
            {u.email for u in item.meeting.participants.all() if u.is_active and u.email}
        )
        if emails:
            return emails
    return fallback


def _due(item: ActionItem, today: date) -> str | None:
    """ "reminder", "overdue" or nothing for this item today."""
    if item.due_date < today:
        return "overdue"
    if item.due_date - timedelta(days=REMIND_DAYS) <= today:
        return "reminder"
    return None


def action_reminders_queue(*, today: date) -> int:
    """Queue the reminders and overdue notices whose day has come; returns how many were
    newly queued."""
    from vendorwatch.contracts.reminders import default_recipients

    items = list(
        ActionItem.objects.filter(
            status=ActionItem.Status.OPEN, due_date__lte=today + timedelta(days=REMIND_DAYS)
        ).select_related("provider", "owner", "created_by", "contact", "meeting")
    )
    wanted = []
    for item in items:
        kind = _due(item, today)
        if kind is not None:
            wanted.append(
                (item, kind, reminder_key(item) if kind == "reminder" else overdue_key(item))
            )
    done = set(
        OutboxMessage.objects.filter(key__in=[key for _i, _k, key in wanted]).values_list(
            "key", flat=True
        )
    )
    fallback: list[str] | None = None
    queued = 0
    for item, kind, key in wanted:
        if key in done:
            continue
        fallback = default_recipients() if fallback is None else fallback
        to = recipients(item, fallback)
        if not to:
            continue
        _enqueue(item, kind, key, to, today)
        queued += 1
    return queued


def _enqueue(item: ActionItem, kind: str, key: str, to: list[str], today: date) -> None:
    with translation.override(language()):
        context: dict[str, Any] = {
            "item": item,
            "provider": item.provider.name,
            "due": item.due_date.strftime("%d.%m.%Y"),
            "days_left": (item.due_date - today).days,
            "days_over": (today - item.due_date).days,
            "theirs": item.side == ActionItem.Side.PROVIDER,
            "question": item.kind == ActionItem.Kind.QUESTION,
            "url": page_link("actions-detail", item.pk),
        }
        body = render_body(f"meetings/mail/action_{kind}.txt", context)
        values = {"title": item.title, "date": context["due"]}
        if kind == "overdue":
            subject = gettext("Overdue since %(date)s: %(title)s") % values
        else:
            subject = gettext("Due on %(date)s: %(title)s") % values
    outbox_enqueue(to=to, subject=subject, body=body, key=key, related=item)


@periodic(REMINDER_JOB, every=timedelta(hours=1))
def queue_action_reminders(now: datetime) -> int:
    """Reminders fall due by the local calendar day; hourly runs catch a new day early."""
    return action_reminders_queue(today=timezone.localdate(now))
