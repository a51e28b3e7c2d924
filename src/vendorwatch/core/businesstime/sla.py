"""SLA evaluation for one ticket: due instants, elapsed business time, state and margin.

Compliance is ``elapsed <= target`` (business seconds, pauses excluded). A running ticket
whose elapsed time exceeds the target is BREACHED before it is resolved; exactly at the due
instant it is not yet breached. While a ticket is paused, due instants are given as if work
resumed now (the earliest they can still be). Pauses apply to every target, but only while
its clock runs: a pause after a target was met cannot move its due time, and a pause after a
breach cannot undo it (see :func:`clip_pauses`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from .calendar import BusinessCalendar, Provenance
from .clock import PauseLike, business_seconds, due
from .days import DayConvention, business_days_budget, business_days_due
from .i18n import gettext_noop
from .instants import require_aware


class Clock(Enum):
    BUSINESS = "business"
    CALENDAR = "calendar"


class Unit(Enum):
    MINUTES = 60
    HOURS = 3600
    DAYS = 86_400


class TargetKind(Enum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"
    UPDATE = "update"


class SlaState(Enum):
    MET = "met"
    BREACHED = "breached"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    PAUSED = "paused"


STATE_LABELS = {
    SlaState.MET: gettext_noop("met"),
    SlaState.BREACHED: gettext_noop("breached"),
    SlaState.ON_TRACK: gettext_noop("on track"),
    SlaState.AT_RISK: gettext_noop("at risk"),
    SlaState.PAUSED: gettext_noop("paused"),
}
KIND_LABELS = {
    TargetKind.FIRST_RESPONSE: gettext_noop("first response"),
    TargetKind.RESOLUTION: gettext_noop("resolution"),
    TargetKind.UPDATE: gettext_noop("update interval"),
}


@dataclass(frozen=True)
class Target:
    """An amount of business or calendar time, e.g. ``Target(4, Unit.HOURS)``."""

    amount: int
    unit: Unit
    clock: Clock = Clock.BUSINESS

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("an SLA target must not be negative")


@dataclass(frozen=True)
class PriorityTargets:
    first_response: Target | None = None
    resolution: Target | None = None
    update_interval: Target | None = None

    def get(self, kind: TargetKind) -> Target | None:
        return {
            TargetKind.FIRST_RESPONSE: self.first_response,
            TargetKind.RESOLUTION: self.resolution,
            TargetKind.UPDATE: self.update_interval,
        }[kind]


@dataclass(frozen=True)
class SlaPolicy:
    calendar: BusinessCalendar
    targets: Mapping[str, PriorityTargets]
    pausing_statuses: frozenset[str] = frozenset()
    day_convention: DayConvention = DayConvention.DAILY_HOURS
    at_risk_share: float = 0.75
    name: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.at_risk_share <= 1:
            raise ValueError("at_risk_share must be between 0 and 1")

    def clock_calendar(self, target: Target) -> BusinessCalendar:
        if target.clock is Clock.CALENDAR:
            return BusinessCalendar.always_open(self.calendar.tz)
        return self.calendar

    def budget(self, target: Target, start: datetime) -> int:
        """Seconds of (business or calendar) time the target allows from ``start``."""
        calendar = self.clock_calendar(target)
        if target.unit is Unit.DAYS:
            return business_days_budget(calendar, start, target.amount, self.day_convention)
        return target.amount * int(target.unit.value)

    def due(self, target: Target, start: datetime, pauses: Sequence[PauseLike] = ()) -> datetime:
        """Due instant of ``target`` for a clock started at ``start``."""
        calendar = self.clock_calendar(target)
        if target.unit is Unit.DAYS:
            return business_days_due(calendar, start, target.amount, self.day_convention, pauses)
        return due(calendar, start, target.amount * int(target.unit.value), pauses)

    def targets_for(self, priority: str) -> PriorityTargets:
        try:
            return self.targets[priority]
        except KeyError:
            raise ValueError(f"SLA policy has no targets for priority {priority!r}") from None


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    status: str


@dataclass(frozen=True)
class Ticket:
    created: datetime
    priority: str
    status_changes: Sequence[StatusChange] = ()
    pauses: Sequence[PauseLike] = ()
    first_response: datetime | None = None
    resolved: datetime | None = None
    updates: Sequence[datetime] = ()


@dataclass(frozen=True)
class TargetResult:
    kind: TargetKind
    clock: Clock
    target_seconds: int
    start: datetime
    stop: datetime | None
    due: datetime
    elapsed_seconds: int
    margin_seconds: int  # target - elapsed; negative means overrun
    state: SlaState


@dataclass(frozen=True)
class TicketSla:
    priority: str
    results: dict[TargetKind, TargetResult] = field(default_factory=dict)
    provenance: Provenance | None = None


def ticket_pauses(policy: SlaPolicy, ticket: Ticket, now: datetime) -> list[PauseLike]:
    """Explicit pauses plus the spans spent in a pausing status (an open one ends at now)."""
    pauses = list(ticket.pauses)
    changes = sorted(ticket.status_changes, key=lambda c: c.at)
    end_of_story = min(now, ticket.resolved) if ticket.resolved else now
    for i, change in enumerate(changes):
        if change.status in policy.pausing_statuses:
            until = changes[i + 1].at if i + 1 < len(changes) else end_of_story
            until = min(until, end_of_story)  # nothing is paused after the resolution
            if until > change.at:
                pauses.append((change.at, until))
    return pauses


def clip_pauses(pauses: Sequence[PauseLike], until: datetime) -> list[PauseLike]:
    """The parts of ``pauses`` before ``until``, the moment a clock stopped (or now).

    A pause can only move a target whose clock is still running. Without the cut, waiting on
    the customer after a first response in time would push that response's due time out by
    the length of the wait, and the met target would show a due time days after its answer.
    """
    return [(start, min(end, until)) for start, end in pauses if start < until]


def is_paused_now(policy: SlaPolicy, ticket: Ticket, now: datetime) -> bool:
    """In a pausing status at ``now`` (or inside an explicit pause), and not resolved."""
    if ticket.resolved is not None and ticket.resolved <= now:
        return False
    if any(start <= now < end for start, end in ticket.pauses):
        return True
    earlier = [c for c in ticket.status_changes if c.at <= now]
    if not earlier:
        return False
    return max(earlier, key=lambda c: c.at).status in policy.pausing_statuses


def _state(
    policy: SlaPolicy, elapsed: int, budget: int, stopped: bool, paused_now: bool
) -> SlaState:
    if stopped:
        return SlaState.MET if elapsed <= budget else SlaState.BREACHED
    if elapsed > budget:
        return SlaState.BREACHED
    if paused_now:
        return SlaState.PAUSED
    if elapsed >= policy.at_risk_share * budget:
        return SlaState.AT_RISK
    return SlaState.ON_TRACK


def evaluate_clock(
    policy: SlaPolicy,
    kind: TargetKind,
    target: Target,
    start: datetime,
    stop: datetime | None,
    now: datetime,
    pauses: Sequence[PauseLike],
    paused_now: bool = False,
) -> TargetResult:
    """One clock from ``start`` until ``stop`` (or ``now`` while running)."""
    calendar = policy.clock_calendar(target)
    budget = policy.budget(target, start)
    end = stop if stop is not None else now
    # Only what happened while this clock ran counts; an open pause ends at ``now``, so the
    # due time of a running clock is the earliest still possible.
    counted = clip_pauses(pauses, end)
    elapsed = business_seconds(calendar, start, end, counted)
    due_at = policy.due(target, start, counted)
    return TargetResult(
        kind=kind,
        clock=target.clock,
        target_seconds=budget,
        start=start,
        stop=stop,
        due=due_at,
        elapsed_seconds=elapsed,
        margin_seconds=budget - elapsed,
        state=_state(policy, elapsed, budget, stop is not None, paused_now and stop is None),
    )


def update_results(
    policy: SlaPolicy,
    ticket: Ticket,
    target: Target,
    now: datetime,
    pauses: Sequence[PauseLike],
    paused_now: bool = False,
) -> list[TargetResult]:
    """One clock per gap between the provider's updates (the first response counts as one).

    Each gap stops at the next update; the last one runs until the resolution (or now).
    """
    first = ticket.first_response
    if first is None or first > now:
        return []
    resolved = ticket.resolved if ticket.resolved is not None and ticket.resolved <= now else None
    # Updates before the first response or after the resolution neither open nor close a gap.
    last = resolved or now
    anchors = sorted({first, *(u for u in ticket.updates if first <= u <= last)})
    gaps = [
        evaluate_clock(policy, TargetKind.UPDATE, target, a, b, now, pauses)
        for a, b in itertools.pairwise(anchors)
    ]
    running = evaluate_clock(
        policy, TargetKind.UPDATE, target, anchors[-1], resolved, now, pauses, paused_now
    )
    return [*gaps, running]


def _update_result(
    policy: SlaPolicy,
    ticket: Ticket,
    target: Target,
    now: datetime,
    pauses: Sequence[PauseLike],
    paused_now: bool,
) -> TargetResult | None:
    """The first missed update if there is one (it stays missed), else the current gap."""
    results = update_results(policy, ticket, target, now, pauses, paused_now)
    if not results:
        return None
    breached = [r for r in results if r.state is SlaState.BREACHED]
    return breached[0] if breached else results[-1]


def evaluate(policy: SlaPolicy, ticket: Ticket, now: datetime) -> TicketSla:
    """SLA results for every target the ticket's priority defines."""
    require_aware(now, "now")
    pauses = ticket_pauses(policy, ticket, now)
    paused_now = is_paused_now(policy, ticket, now)
    targets = policy.targets_for(ticket.priority)
    results: dict[TargetKind, TargetResult] = {}
    stops = {
        TargetKind.FIRST_RESPONSE: ticket.first_response,
        TargetKind.RESOLUTION: ticket.resolved,
    }
    for kind, stop in stops.items():
        target = targets.get(kind)
        if stop is not None and stop > now:
            stop = None  # not yet happened as of ``now``
        if target is not None:
            results[kind] = evaluate_clock(
                policy, kind, target, ticket.created, stop, now, pauses, paused_now
            )
    if targets.update_interval is not None:
        update = _update_result(policy, ticket, targets.update_interval, now, pauses, paused_now)
        if update is not None:
            results[TargetKind.UPDATE] = update
    return TicketSla(ticket.priority, results, policy.calendar.provenance())
