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

import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from vendorwatch.core import businesstime as bt
from vendorwatch.core.businesstime.clock import PauseLike
from vendorwatch.core.businesstime.instants import from_epoch, to_epoch
from vendorwatch.core.businesstime.sla import is_paused_now, ticket_pauses
from vendorwatch.problems.models import ClockState, EventKind, Status, plausible
from vendorwatch.sla.models import SlaVersion

logger = logging.getLogger("vendorwatch.problems.services")

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


# The same as plain strings, compared faster in the loop over every event.
_REPORTED, _STATUS_UPDATE = EventKind.REPORTED.value, EventKind.STATUS_UPDATE.value
_RESOLVED, _CONFIRMED = EventKind.RESOLVED.value, EventKind.CONFIRMED.value
_REOPENED, _WAITING_ON_US = EventKind.REOPENED.value, EventKind.WAITING_ON_US.value
_RESPONSE_KINDS = frozenset(kind.value for kind in RESPONSE_KINDS)
_STATUS_OF_KIND = {kind.value: status for kind, status in STATUS_OF_KIND.items()}
_PROGRESS_KINDS = frozenset((EventKind.RESUMED.value, EventKind.FIRST_RESPONSE.value))


def _event_order(event: EventLike) -> tuple[datetime, Any]:
    return (event.occurred_at, event.pk or 0)


class EventLike(Protocol):
    """What the clocks read of an event: a model instance or a row read as values."""

    @property
    def pk(self) -> Any: ...

    @property
    def kind(self) -> str: ...

    @property
    def occurred_at(self) -> datetime: ...


@dataclass(frozen=True)
class Timeline:
    ticket: bt.Ticket
    status: str
    is_open: bool


def timeline(
    *,
    created: datetime,
    priority: str,
    events: Iterable[EventLike],
    now: datetime,
    in_order: bool = False,
) -> Timeline:
    """The engine's ticket as of ``now`` (events later than now have not happened yet).

    ``in_order``: the events come sorted by time and number already."""
    happened = (e for e in events if e.occurred_at <= now)
    ordered = list(happened) if in_order else sorted(happened, key=_event_order)
    first_response: datetime | None = None
    resolved: datetime | None = None
    pauses: list[tuple[datetime, datetime]] = []
    changes: list[bt.StatusChange] = []
    updates: list[datetime] = []
    status, is_open = Status.REPORTED, True
    for event in ordered:
        kind, at = event.kind, event.occurred_at
        if kind == _REPORTED:  # the commonest event says nothing the clocks use
            continue
        if first_response is None and kind in _RESPONSE_KINDS:
            first_response = at
        if kind == _STATUS_UPDATE:
            updates.append(at)
            continue
        if kind in _STATUS_OF_KIND:
            changes.append(bt.StatusChange(at, _STATUS_OF_KIND[kind]))
        if kind == _RESOLVED and resolved is None:
            resolved, status = at, Status.RESOLVED
        elif kind == _CONFIRMED:
            resolved = resolved or at
            status, is_open = Status.CLOSED, False
        elif kind == _REOPENED and resolved is not None:
            pauses.append((resolved, at))
            resolved, status, is_open = None, Status.IN_PROGRESS, True
        elif kind == _WAITING_ON_US and resolved is None:
            status = Status.WAITING_ON_US
        elif kind in _PROGRESS_KINDS and resolved is None:
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
    running = []
    for result in results:
        if result.state is BREACHED:
            return ClockState.BREACHED
        if result.stop is None:
            running.append(result.state)
    for state in RUNNING_ORDER:
        if state in running:
            return state.value
    return ClockState.MET


BREACHED = bt.SlaState.BREACHED
RUNNING_ORDER = (bt.SlaState.PAUSED, bt.SlaState.AT_RISK, bt.SlaState.ON_TRACK)


class EngineCache:
    """Engine policies by SLA version, so a job over many problems builds each one once."""

    def __init__(self) -> None:
        self._policies: dict[int, bt.SlaPolicy] = {}
        self._versions: dict[int, SlaVersion] = {}

    def versions(self, pks: Iterable[int]) -> dict[int, SlaVersion]:
        """SLA versions by primary key, each read once (with what its engine policy needs)."""
        missing = [pk for pk in pks if pk not in self._versions]
        if missing:
            found = SlaVersion.objects.select_related("policy", "calendar")
            self._versions |= found.prefetch_related("priorities").in_bulk(missing)
        return self._versions

    def policy(self, version: SlaVersion) -> bt.SlaPolicy:
        if version.pk not in self._policies:
            self._policies[version.pk] = version.to_engine()
        return self._policies[version.pk]


def computable(
    *, reported: datetime, events: Sequence[EventLike], version: SlaVersion | None
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


# --- many problems at once --------------------------------------------------------------------


@dataclass(frozen=True)
class ClockInput:
    """What the clocks of one problem are computed from (read as values, not as models)."""

    pk: int
    reported: datetime
    priority: str | None  # the priority's code; None without a priority
    version: SlaVersion | None
    policy_id: int | None
    events: Sequence[EventLike]  # sorted by time, then number


@dataclass(frozen=True)
class Clocked:
    """One problem's clocks as of ``now``, with what it takes to know when they change."""

    pk: int
    policy_id: int | None
    summary: ClockSummary
    policy: bt.SlaPolicy | None
    reopened: int  # times reopened: each round runs through the escalation ladder again
    pauses: tuple[tuple[int, int], ...]  # epoch seconds, cut at now
    future: datetime | None  # the earliest event entered for a time still to come


def summarise_many(
    items: Sequence[ClockInput], *, now: datetime, cache: EngineCache
) -> list[Clocked]:
    """The clocks of many problems as of ``now``, the same as :func:`summarise` gives each.

    Problems under the same SLA version are evaluated a column at a time
    (:func:`~vendorwatch.core.businesstime.evaluate_columns`); a group the engine refuses is
    computed one problem at a time, so that only the bad records end "cannot be computed".
    """
    lines = [
        timeline(
            created=i.reported, priority=i.priority or "", events=i.events, now=now, in_order=True
        )
        for i in items
    ]
    results: dict[int, tuple[ClockSummary, bt.SlaPolicy | None, list[PauseLike]]] = {}
    groups: dict[int, list[int]] = {}
    # What each problem's events say beyond its timeline, in one look at them.
    reopened, future, plausible_events = [], [], []
    for item in items:
        times, count, ahead = True, 0, None
        for event in item.events:
            at = event.occurred_at
            if times and not plausible(at):
                times = False
            if event.kind == REOPENED:
                count += 1
            if at > now and (ahead is None or at < ahead):
                ahead = at
        reopened.append(count)
        future.append(ahead)
        plausible_events.append(times)
    for position, (item, line) in enumerate(zip(items, lines, strict=True)):
        if not plausible_events[position] or not computable(
            reported=item.reported, events=(), version=item.version
        ):
            logger.info("Problem #%s: a stored time or its SLA version is implausible", item.pk)
            results[position] = (uncomputable(line), None, [])
        elif item.version is None or item.priority is None:
            results[position] = (summarise(policy=None, line=line, now=now)[0], None, [])
        else:
            groups.setdefault(item.version.pk, []).append(position)
    for positions in groups.values():
        version = items[positions[0]].version
        assert version is not None
        group = [lines[p] for p in positions]
        results |= _evaluate_group(
            version, group, [items[p].pk for p in positions], positions, now, cache
        )
    now_s = to_epoch(now)
    clocked = []
    for position, item in enumerate(items):
        summary, policy, pauses = results[position]
        cut = tuple(
            (to_epoch(start), min(to_epoch(end), now_s)) for start, end in pauses if start < now
        )
        clocked.append(
            Clocked(
                pk=item.pk,
                policy_id=item.policy_id,
                summary=summary,
                policy=policy,
                reopened=reopened[position],
                pauses=cut,
                future=future[position],
            )
        )
    return clocked


GroupResults = dict[int, tuple[ClockSummary, bt.SlaPolicy | None, list[PauseLike]]]


def _evaluate_group(
    version: SlaVersion,
    lines: list[Timeline],
    pks: list[int],
    positions: list[int],
    now: datetime,
    cache: EngineCache,
) -> GroupResults:
    try:
        policy = cache.policy(version)
        return _evaluate_columns(policy, lines, positions, now)
    except UNCOMPUTABLE:
        pass  # one record the engine refuses: find it, problem by problem
    results: GroupResults = {}
    for pk, position, line in zip(pks, positions, lines, strict=True):
        try:
            policy = cache.policy(version)
            summary, _sla = summarise(policy=policy, line=line, now=now)
            results[position] = (summary, policy, ticket_pauses(policy, line.ticket, now))
        except UNCOMPUTABLE:
            logger.info("Problem #%s: its SLA clocks cannot be computed", pk, exc_info=True)
            results[position] = (uncomputable(line), None, [])
    return results


def _epochs(moments: list[datetime | None]) -> npt.NDArray[np.int64]:
    return np.array([bt.MISSING if m is None else to_epoch(m) for m in moments], dtype=np.int64)


def _evaluate_columns(
    policy: bt.SlaPolicy, lines: list[Timeline], positions: list[int], now: datetime
) -> GroupResults:
    tickets = [line.ticket for line in lines]
    pauses = [ticket_pauses(policy, ticket, now) for ticket in tickets]
    now_s = to_epoch(now)
    index, starts, ends = [], [], []
    for row, (ticket, own) in enumerate(zip(tickets, pauses, strict=True)):
        for start, end in own:
            index.append(row)
            starts.append(to_epoch(start))
            ends.append(to_epoch(end))
        if is_paused_now(policy, ticket, now):
            # The columns know "paused now" from a pause around now; this one second after
            # now is cut away by every clock (each ends at now or before).
            index.append(row)
            starts.append(now_s)
            ends.append(now_s + 1)
    columns = bt.evaluate_columns(
        policy,
        [ticket.priority for ticket in tickets],
        _epochs([ticket.created for ticket in tickets]),
        now,
        _epochs([ticket.first_response for ticket in tickets]),
        _epochs([ticket.resolved for ticket in tickets]),
        (
            np.array(index, dtype=np.int64),
            np.array(starts, dtype=np.int64),
            np.array(ends, dtype=np.int64),
        ),
    )
    response = _Column(columns[bt.TargetKind.FIRST_RESPONSE])
    resolution = _Column(columns[bt.TargetKind.RESOLUTION])
    results: GroupResults = {}
    for row, (position, line) in enumerate(zip(positions, lines, strict=True)):
        ticket = line.ticket
        targets = policy.targets_for(ticket.priority)
        answer = response.result(row, targets.first_response, ticket, FIRST)
        fix = resolution.result(row, targets.resolution, ticket, FIX)
        found = [r for r in (answer, fix) if r is not None]
        summary = ClockSummary(overall_state(found), answer, fix, line.status, line.is_open)
        results[position] = (summary, policy, pauses[row])
    return results


FIRST, FIX = bt.TargetKind.FIRST_RESPONSE, bt.TargetKind.RESOLUTION


class _Column:
    """The engine's arrays for one clock as Python lists (reading numpy items one at a time
    costs more than the clocks)."""

    def __init__(self, column: bt.ColumnResult) -> None:
        self.has_target = column.has_target.tolist()
        self.target_seconds = column.target_seconds.tolist()
        self.due = column.due.tolist()
        self.elapsed_seconds = column.elapsed_seconds.tolist()
        self.margin_seconds = column.margin_seconds.tolist()
        self.state = [STATES[value] for value in column.state.tolist()]

    def result(
        self, row: int, target: bt.Target | None, ticket: bt.Ticket, kind: bt.TargetKind
    ) -> bt.TargetResult | None:
        if target is None or not self.has_target[row]:
            return None
        tz = ticket.created.tzinfo
        assert tz is not None
        return bt.TargetResult(
            kind=kind,
            clock=target.clock,
            target_seconds=self.target_seconds[row],
            start=ticket.created,
            stop=ticket.first_response if kind is FIRST else ticket.resolved,
            due=datetime.fromtimestamp(self.due[row], tz),  # as from_epoch, faster
            elapsed_seconds=self.elapsed_seconds[row],
            margin_seconds=self.margin_seconds[row],
            state=self.state[row],
        )


REOPENED = EventKind.REOPENED.value
STATES = {state.value: state for state in bt.SlaState} | {"": bt.SlaState.ON_TRACK}


def next_checks(
    clocked: Sequence[Clocked], *, now: datetime, ladder: dict[int, dict[bt.TargetKind, list[int]]]
) -> dict[int, datetime | None]:
    """When the stored clocks of each problem can change next by time alone.

    A running clock changes its state when the business time it used reaches the at-risk
    share or passes the target, and an escalation rule fires at its own threshold (``ladder``:
    the business seconds at which a rule not yet applied fires, per problem and clock). Each
    such mark is turned into the instant the clock reaches it (the engine's due time for that
    budget, pauses counted), so nothing is computed before it can change. A paused clock's
    due time moves with every minute of service hours: it is looked at every time. An event
    entered for a time still to come counts from that time on.
    """
    checks: dict[int, datetime | None] = {}
    asked: dict[tuple[int, bt.Clock], list[tuple[int, int, int, tuple[tuple[int, int], ...]]]] = {}
    calendars: dict[tuple[int, bt.Clock], bt.BusinessCalendar] = {}
    for item in clocked:
        # A closed problem is not looked at again (an event reopens it, and is seen then).
        checks[item.pk] = item.future if item.summary.is_open else None
        if item.policy is None or not item.summary.is_open:
            continue
        for result in item.summary.results:
            if result.stop is not None:
                continue
            if result.state is bt.SlaState.PAUSED:
                checks[item.pk] = now
                continue
            marks = list(ladder.get(item.pk, {}).get(result.kind, []))
            if result.state is bt.SlaState.ON_TRACK:
                marks.append(math.ceil(item.policy.at_risk_share * result.target_seconds))
            if result.state is not bt.SlaState.BREACHED:
                marks.append(result.target_seconds + 1)
            ahead = [mark for mark in marks if mark > result.elapsed_seconds]
            if not ahead:
                continue
            key = (id(item.policy), result.clock)
            calendars[key] = item.policy.clock_calendar(bt.Target(0, bt.Unit.HOURS, result.clock))
            start = to_epoch(result.start)
            asked.setdefault(key, []).append((item.pk, start, min(ahead), item.pauses))
    for key, rows in asked.items():
        try:
            reached = _reached(calendars[key], rows)
        except UNCOMPUTABLE:
            reached = [now] * len(rows)  # looked at every time, as before
        for pk, moment in zip((row[0] for row in rows), reached, strict=True):
            current = checks[pk]
            checks[pk] = moment if current is None else min(current, moment)
    return checks


def _reached(
    calendar: bt.BusinessCalendar, rows: list[tuple[int, int, int, tuple[tuple[int, int], ...]]]
) -> list[datetime]:
    """The instant each clock (start, business seconds, pauses) has used up that budget."""
    index = [row for row, (*_head, pauses) in enumerate(rows) for _pause in pauses]
    starts = [start for *_head, pauses in rows for start, _end in pauses]
    ends = [end for *_head, pauses in rows for _start, end in pauses]
    pauses = (
        np.array(index, dtype=np.int64),
        np.array(starts, dtype=np.int64),
        np.array(ends, dtype=np.int64),
    )
    due = bt.due_array(
        calendar,
        np.array([row[1] for row in rows], dtype=np.int64),
        np.array([row[2] for row in rows], dtype=np.int64),
        pauses if index else None,
    )
    return [from_epoch(int(moment), UTC) for moment in due]
