"""Reminders for the exit checklist: one a week before an open item's due date, one notice
the day after it when the item is still open.

The due dates follow the end of the contract, which is derived on every look (a proven
receipt can move it); so each run reads the end of every termination with open items. Each
message is queued in the outbox under a key that names the item, the kind and the due date:
it is queued once however many job runners run the job and however often, and a due date
that moved (the end moved, or the item was changed) reminds again. A job that did not run
for days sends only what is still current: no reminder once the item is overdue, just the
overdue notice. Nothing is sent for a withdrawn termination or while the end is not known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext

from vendorwatch.contracts.reminders import reminder_language as document_language
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_enqueue
from vendorwatch.jobs.registry import periodic
from vendorwatch.meetings.ical import page_link
from vendorwatch.meetings.mail import render_body
from vendorwatch.meetings.minutes_doc import day_text, person
from vendorwatch.termination.checklist import responsible
from vendorwatch.termination.models import ExitTask, Termination
from vendorwatch.termination.services import termination_plan

REMINDER_JOB = "termination-exit-task-reminders"
# Days before the due date on which the reminder goes out: a handover task often needs the
# provider, who needs a few days' notice.
REMIND_DAYS = 7


def reminder_key(task: ExitTask, due: date) -> str:
    return f"exit-task-{task.pk}-reminder-{due:%Y-%m-%d}"


def overdue_key(task: ExitTask, due: date) -> str:
    return f"exit-task-{task.pk}-overdue-{due:%Y-%m-%d}"


def recipients(task: ExitTask, termination: Termination, fallback: list[str]) -> list[str]:
    """The person responsible, else whoever started the termination, else the editors."""
    for user in (task.owner, termination.created_by):
        if user is not None and user.is_active and user.email:
            return [user.email]
    return fallback


def _kind(due: date, today: date) -> str | None:
    if due < today:
        return "overdue"
    if due - timedelta(days=REMIND_DAYS) <= today:
        return "reminder"
    return None


@dataclass(frozen=True)
class Due:
    task: ExitTask
    termination: Termination
    end: date
    due: date
    kind: str  # "reminder" or "overdue"
    key: str


def _wanted(today: date) -> list[Due]:
    """Every message whose day has come."""
    terminations = (
        Termination.objects.exclude(status=Termination.Status.WITHDRAWN)
        .filter(exit_tasks__done_on__isnull=True)
        .distinct()
        .select_related("contract__provider", "created_by")
        .prefetch_related("letters__dispatches")
    )
    wanted = []
    for termination in terminations:
        end = termination_plan(termination, today).contract_end
        if end is None:
            continue
        tasks = termination.exit_tasks.filter(done_on__isnull=True).select_related(
            "owner", "provider_contact"
        )
        for task in tasks:
            due = task.due_date(end)
            kind = None if due is None else _kind(due, today)
            if due is None or kind is None:
                continue
            key = reminder_key(task, due) if kind == "reminder" else overdue_key(task, due)
            wanted.append(Due(task, termination, end, due, kind, key))
    return wanted


def task_reminders_queue(*, today: date) -> int:
    """Queue the reminders and overdue notices whose day has come; returns how many were
    newly queued."""
    from vendorwatch.contracts.reminders import default_recipients

    wanted = _wanted(today)
    done = set(
        OutboxMessage.objects.filter(key__in=[w.key for w in wanted]).values_list("key", flat=True)
    )
    fallback: list[str] | None = None
    queued = 0
    for item in wanted:
        if item.key in done:
            continue
        fallback = default_recipients() if fallback is None else fallback
        to = recipients(item.task, item.termination, fallback)
        if not to:
            continue
        _enqueue(item, to, today)
        # Recorded on the item too, so a page or an export can tell what was sent.
        field = "reminded_for" if item.kind == "reminder" else "overdue_noticed_for"
        ExitTask.objects.filter(pk=item.task.pk).update(**{field: item.due})
        queued += 1
    return queued


def _enqueue(item: Due, to: list[str], today: date) -> None:
    task, termination, due, kind = item.task, item.termination, item.due, item.kind
    contract = termination.contract
    with translation.override(document_language()):
        context: dict[str, Any] = {
            "task": task,
            "contract": contract.title,
            "provider": contract.provider.name,
            "due": day_text(due),
            "end": day_text(item.end),
            "who": responsible(task) or person(termination.created_by) or "–",
            "days_left": (due - today).days,
            "url": page_link("termination-checklist", termination.pk),
        }
        body = render_body(f"termination/mail/task_{kind}.txt", context)
        values = {"title": task.title, "date": context["due"]}
        if kind == "overdue":
            subject = gettext("Exit checklist, overdue since %(date)s: %(title)s") % values
        else:
            subject = gettext("Exit checklist, due on %(date)s: %(title)s") % values
    outbox_enqueue(to=to, subject=subject, body=body, key=item.key, related=task)


@periodic(REMINDER_JOB, every=timedelta(hours=1))
def queue_task_reminders(now: datetime) -> int:
    """Reminders fall due by the local calendar day; hourly runs catch a new day early."""
    return task_reminders_queue(today=timezone.localdate(now))
