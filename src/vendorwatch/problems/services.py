"""Workflows of the problem log: report, record events, keep the clock columns current."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from vendorwatch.core import businesstime as bt
from vendorwatch.problems.clock import ClockSummary, EngineCache, summarise, timeline
from vendorwatch.problems.models import (
    Attachment,
    ClockState,
    EventEdit,
    EventKind,
    Problem,
    ProblemEvent,
)

CLOCK_FIELDS = [
    "status",
    "is_open",
    "state",
    "response_state",
    "resolution_state",
    "response_due",
    "resolution_due",
    "next_due",
    "breached",
    "breached_at",
    "clock_refreshed_at",
]


def problem_assign_priority(problem: Problem) -> None:
    """SLA version valid when the problem was reported, and the priority its matrix gives."""
    version = problem.sla_policy.version_at(problem.reported_to_provider_at)
    problem.sla_version = version
    problem.priority = version.priority_for(problem.impact, problem.urgency) if version else None
    problem.priority_rank = problem.priority.rank if problem.priority else 99


def problem_clock(
    *, problem: Problem, now: datetime | None = None, cache: EngineCache | None = None
) -> tuple[ClockSummary, bt.TicketSla | None, bt.SlaPolicy | None, bt.Ticket]:
    """The live clocks of one problem (nothing is saved)."""
    now = now or timezone.now()
    policy = None
    if problem.sla_version is not None and problem.priority is not None:
        policy = (cache or EngineCache()).policy(problem.sla_version)
    line = timeline(
        created=problem.reported_to_provider_at,
        priority=problem.priority.code if problem.priority else "",
        events=list(problem.events.all()),
        now=now,
    )
    summary, sla = summarise(policy=policy, line=line, now=now)
    return summary, sla, policy, line.ticket


def problem_refresh(
    *, problem: Problem, now: datetime | None = None, cache: EngineCache | None = None
) -> ClockSummary:
    """Recompute the clocks and store what the list shows; returns the summary."""
    now = now or timezone.now()
    summary, _sla, _policy, _ticket = problem_clock(problem=problem, now=now, cache=cache)
    problem.status = summary.status
    problem.is_open = summary.is_open
    problem.state = summary.state
    problem.response_state = str(summary.response.state.value) if summary.response else ""
    problem.resolution_state = str(summary.resolution.state.value) if summary.resolution else ""
    problem.response_due = summary.response.due if summary.response else None
    problem.resolution_due = summary.resolution.due if summary.resolution else None
    problem.next_due = summary.next_due
    problem.breached = summary.breached
    problem.breached_at = summary.breached_at
    problem.clock_refreshed_at = now
    problem.save(update_fields=CLOCK_FIELDS)
    return summary


@transaction.atomic
def problem_create(*, problem: Problem, user: Any) -> Problem:
    """Save a new problem with its "reported" event and its clocks."""
    problem.reporter = user if getattr(user, "pk", None) else None
    problem_assign_priority(problem)
    problem.save()
    ProblemEvent.objects.create(
        problem=problem,
        kind=EventKind.REPORTED,
        occurred_at=problem.reported_to_provider_at,
        text=problem.get_channel_display(),
        author=problem.reporter,
    )
    problem_refresh(problem=problem)
    return problem


@transaction.atomic
def problem_update(*, problem: Problem) -> Problem:
    problem_assign_priority(problem)
    problem.save()
    problem.events.filter(kind=EventKind.REPORTED).update(
        occurred_at=problem.reported_to_provider_at
    )
    problem_refresh(problem=problem)
    return problem


@transaction.atomic
def problem_event_add(
    *, problem: Problem, kind: str, occurred_at: datetime, text: str = "", user: Any = None
) -> ProblemEvent:
    event = ProblemEvent.objects.create(
        problem=problem,
        kind=kind,
        occurred_at=occurred_at,
        text=text,
        author=user if getattr(user, "pk", None) else None,
    )
    problem_refresh(problem=problem)
    return event


@transaction.atomic
def problem_event_change(
    *, event: ProblemEvent, occurred_at: datetime, text: str, reason: str, user: Any
) -> ProblemEvent:
    """Change an event; a changed time is recorded with its reason."""
    # Read the stored time: a model form has already put the new one on ``event``.
    old = ProblemEvent.objects.filter(pk=event.pk).values_list("occurred_at", flat=True).get()
    if occurred_at != old:
        EventEdit.objects.create(
            event=event,
            old_occurred_at=old,
            new_occurred_at=occurred_at,
            reason=reason,
            user=user if getattr(user, "pk", None) else None,
        )
    event.occurred_at = occurred_at
    event.text = text
    event.save(update_fields=["occurred_at", "text"])
    problem_refresh(problem=event.problem)
    return event


def problems_refresh_open(*, now: datetime) -> list[tuple[Problem, ClockSummary]]:
    """Refresh every open problem's clocks (states change with time); the job calls this."""
    cache = EngineCache()
    refreshed = []
    problems = (
        Problem.objects.filter(is_open=True)
        .exclude(state=ClockState.NO_SLA)
        .select_related("sla_version", "priority", "provider", "owner", "reporter", "sla_policy")
        .prefetch_related("events")
    )
    for problem in problems.iterator(chunk_size=200):
        refreshed.append((problem, problem_refresh(problem=problem, now=now, cache=cache)))
    return refreshed


def attachment_add(*, problem: Problem, upload: Any, user: Any) -> Attachment:
    attachment = Attachment(
        problem=problem,
        token=secrets.token_hex(16),
        filename=(upload.name or "datei")[:200],
        content_type=upload.content_type or "application/octet-stream",
        size=upload.size or 0,
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    attachment.file.save(upload.name or "datei", upload, save=False)
    attachment.save()
    return attachment
