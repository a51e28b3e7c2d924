"""A problem's SLA clocks: its events turned into the engine's ticket, and the engine's answer.

How the timeline maps onto the engine:

- The clocks start when the problem was reported to the provider, under the SLA version valid
  on that day (a later version never changes the targets of an earlier problem).
- The response clock stops at the first "first response", "workaround" or "resolved" event:
  a workaround or a fix is an answer, too.
- "Waiting on us" pauses both clocks until "resumed", "reopened" or the resolution;
  "workaround" pauses only if the version lists the accepted workaround as a pausing state.
- The resolution clock stops at "resolved" (or "confirmed" without a "resolved" before it).
  "Reopened" lets it run on from where it stopped: the time between resolution and reopening
  does not count, so the provider keeps the budget that was left.
- A clock that stopped keeps its due time and verdict: waiting on us after a first response
  in time does not move the response's due time (the engine counts pauses only while a
  clock runs).
- No SLA (none agreed with the provider, or no priority for the problem): no clock. A time
  no business means (a year 9999 written to the database), a version valid only after the
  report, or anything else the engine refuses: the state "cannot be computed", and the
  record is shown as such instead of taking a page down.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from vendorwatch.core import businesstime as bt
from vendorwatch.problems.models import ClockState, EventKind, ProblemEvent, Status, plausible
from vendorwatch.sla.models import SlaVersion

# What a stored record can hold that no clock can use: an unknown time zone, windows that are
# no windows, a year the calendar cannot reach, a snapshot missing a key.
UNCOMPUTABLE = (ValueError, TypeError, LookupError, AttributeError, ArithmeticError)

RESPONSE_KINDS = {EventKind.FIRST_RESPONSE, EventKind.WORKAROUND, EventKind.RESOLVED}
STATUS_OF_KIND = {
    EventKind.WAITING_ON_US: "waiting_on_us",
    EventKind.WORKAROUND: "workaround_accepted",
    EventKind.RESUMED: "in_progress",
    EventKind.REOPENED: "in_progress",
}


@dataclass(frozen=True)
class Timeline:
    ticket: bt.Ticket
    status: str
    is_open: bool


def timeline(
    *, created: datetime, priority: str, events: Iterable[ProblemEvent], now: datetime
) -> Timeline:
    """The engine's ticket as of ``now`` (events later than now have not happened yet)."""
    ordered = sorted(
        (e for e in events if e.occurred_at <= now), key=lambda e: (e.occurred_at, e.pk or 0)
    )
    first_response: datetime | None = None
    resolved: datetime | None = None
    pauses: list[tuple[datetime, datetime]] = []
    changes: list[bt.StatusChange] = []
    updates: list[datetime] = []
    status, is_open = Status.REPORTED, True
    for event in ordered:
        kind, at = event.kind, event.occurred_at
        if kind in RESPONSE_KINDS and first_response is None:
            first_response = at
        if kind == EventKind.STATUS_UPDATE:
            updates.append(at)
        if kind in STATUS_OF_KIND:
            changes.append(bt.StatusChange(at, STATUS_OF_KIND[EventKind(kind)]))
        if kind == EventKind.RESOLVED and resolved is None:
            resolved, status = at, Status.RESOLVED
        elif kind == EventKind.CONFIRMED:
            resolved = resolved or at
            status, is_open = Status.CLOSED, False
        elif kind == EventKind.REOPENED and resolved is not None:
            pauses.append((resolved, at))
            resolved, status, is_open = None, Status.IN_PROGRESS, True
        elif kind == EventKind.WAITING_ON_US and resolved is None:
            status = Status.WAITING_ON_US
        elif kind in (EventKind.RESUMED, EventKind.FIRST_RESPONSE) and resolved is None:
            status = Status.IN_PROGRESS
    if first_response is not None and status == Status.REPORTED:
        status = Status.IN_PROGRESS
    ticket = bt.Ticket(
        created=created,
        priority=priority,
        status_changes=changes,
        pauses=pauses,
        first_response=first_response,
        resolved=resolved,
        updates=updates,
    )
    return Timeline(ticket, status, is_open)


@dataclass(frozen=True)
class ClockSummary:
    state: str
    response: bt.TargetResult | None
    resolution: bt.TargetResult | None
    status: str
    is_open: bool

    @property
    def breached(self) -> bool:
        return any(r.state is bt.SlaState.BREACHED for r in self.results)

    @property
    def results(self) -> list[bt.TargetResult]:
        return [r for r in (self.response, self.resolution) if r is not None]

    @property
    def breached_at(self) -> datetime | None:
        dues = [r.due for r in self.results if r.state is bt.SlaState.BREACHED]
        return min(dues) if dues else None

    @property
    def next_due(self) -> datetime | None:
        running = [r.due for r in self.results if r.stop is None]
        return min(running) if running else None


def overall_state(results: list[bt.TargetResult]) -> str:
    """Breached if any clock is; met when all stopped in time; else the running clock's state."""
    if not results:
        return ClockState.NO_SLA
    states = {r.state for r in results}
    if bt.SlaState.BREACHED in states:
        return ClockState.BREACHED
    running = [r.state for r in results if r.stop is None]
    for state in (bt.SlaState.PAUSED, bt.SlaState.AT_RISK, bt.SlaState.ON_TRACK):
        if state in running:
            return str(state.value)
    return ClockState.MET


class EngineCache:
    """Engine policies by SLA version, so a job over many problems builds each one once."""

    def __init__(self) -> None:
        self._policies: dict[int, bt.SlaPolicy] = {}

    def policy(self, version: SlaVersion) -> bt.SlaPolicy:
        if version.pk not in self._policies:
            self._policies[version.pk] = version.to_engine()
        return self._policies[version.pk]


def computable(
    *, reported: datetime, events: Sequence[ProblemEvent], version: SlaVersion | None
) -> bool:
    """Every time is one a business can mean, and the SLA version held on the report day."""
    if not plausible(reported) or not all(plausible(e.occurred_at) for e in events):
        return False
    if version is None:
        return True
    # The version was chosen for the report day in the organisation's zone; a day of slack
    # spares a query per problem, and what this catches is a valid-from like 31.12.9999.
    latest_day = reported.date() + timedelta(days=1)
    return plausible(version.valid_from) and version.valid_from <= latest_day


def uncomputable(line: Timeline) -> ClockSummary:
    return ClockSummary(ClockState.INVALID, None, None, line.status, line.is_open)


def summarise(
    *, policy: bt.SlaPolicy | None, line: Timeline, now: datetime
) -> tuple[ClockSummary, bt.TicketSla | None]:
    if policy is None:
        return ClockSummary(ClockState.NO_SLA, None, None, line.status, line.is_open), None
    sla = bt.evaluate(policy, line.ticket, now)
    response = sla.results.get(bt.TargetKind.FIRST_RESPONSE)
    resolution = sla.results.get(bt.TargetKind.RESOLUTION)
    results = [r for r in (response, resolution) if r is not None]
    summary = ClockSummary(overall_state(results), response, resolution, line.status, line.is_open)
    return summary, sla
