"""Workflows of the problem log: report, record events, keep the clock columns current."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from vendorwatch.core import businesstime as bt
from vendorwatch.problems.clock import (
    UNCOMPUTABLE,
    ClockSummary,
    EngineCache,
    computable,
    summarise,
    timeline,
    uncomputable,
)
from vendorwatch.problems.models import (
    Attachment,
    ClockState,
    EventEdit,
    EventKind,
    Problem,
    ProblemEvent,
)

logger = logging.getLogger(__name__)

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
    """SLA version valid when the problem was reported, and the priority its matrix gives;
    none of them without an SLA."""
    policy = problem.sla_policy
    version = policy.version_at(problem.reported_to_provider_at) if policy else None
    problem.sla_version = version
    problem.priority = version.priority_for(problem.impact, problem.urgency) if version else None
    problem.priority_rank = problem.priority.rank if problem.priority else 99


def problem_clock(
    *, problem: Problem, now: datetime | None = None, cache: EngineCache | None = None
) -> tuple[ClockSummary, bt.TicketSla | None, bt.SlaPolicy | None, bt.Ticket]:
    """The live clocks of one problem (nothing is saved).

    A record the engine cannot compute gives the state "cannot be computed" (logged with the
    reason) instead of an error, so that one bad record never takes a page or the job down.
    """
    now = now or timezone.now()
    events = list(problem.events.all())
    line = timeline(
        created=problem.reported_to_provider_at,
        priority=problem.priority.code if problem.priority else "",
        events=events,
        now=now,
    )
    version = problem.sla_version
    if not computable(reported=problem.reported_to_provider_at, events=events, version=version):
        logger.info("Problem #%s: a stored time or its SLA version is implausible", problem.pk)
        return uncomputable(line), None, None, line.ticket
    try:
        policy = None
        if version is not None and problem.priority is not None:
            policy = (cache or EngineCache()).policy(version)
        summary, sla = summarise(policy=policy, line=line, now=now)
    except UNCOMPUTABLE:
        logger.info("Problem #%s: its SLA clocks cannot be computed", problem.pk, exc_info=True)
        return uncomputable(line), None, None, line.ticket
    return summary, sla, policy, line.ticket


def problem_refresh(
    *, problem: Problem, now: datetime | None = None, cache: EngineCache | None = None
) -> ClockSummary:
    """Recompute the clocks and store what the list shows; returns the summary."""
    now = now or timezone.now()
    summary, _sla, _policy, _ticket = problem_clock(problem=problem, now=now, cache=cache)
    if summary.state == ClockState.INVALID and problem.state != ClockState.INVALID:
        # Once, when it happens: the job looks at the record every minute.
        logger.warning("Problem #%s: its SLA clocks cannot be computed, please check", problem.pk)
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


STALE_CHUNK = 500


def problems_refresh_open(*, now: datetime) -> list[tuple[Problem, ClockSummary]]:
    """Refresh every open problem's clocks (states change with time); the job calls this.

    Closed problems marked for it (``clock_refreshed_at`` empty, after a fix of the clock
    rules) are computed again as well, a chunk per run; they are not returned, since nothing
    escalates once a problem is closed.
    """
    cache = EngineCache()
    refreshed = []
    related = ("sla_version", "priority", "provider", "owner", "reporter", "sla_policy")
    problems = (
        Problem.objects.filter(is_open=True)
        .exclude(state=ClockState.NO_SLA)
        .select_related(*related)
        .prefetch_related("events")
    )
    for problem in problems.iterator(chunk_size=200):
        refreshed.append((problem, problem_refresh(problem=problem, now=now, cache=cache)))
    stale = Problem.objects.filter(clock_refreshed_at__isnull=True, is_open=False).order_by("id")
    stale = stale.select_related(*related).prefetch_related("events")
    for problem in stale[:STALE_CHUNK]:
        problem_refresh(problem=problem, now=now, cache=cache)
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
