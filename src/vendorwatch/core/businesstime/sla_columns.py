"""SLA evaluation for a column of tickets at once (same rules as :mod:`.sla`).

Missing instants (no first response yet, not resolved) are ``NaT`` in ``datetime64`` input
or :data:`MISSING` in int64 epoch seconds. Pauses are ``(ticket_index, start, end)`` arrays
with every pausing status already turned into an interval; an open pause ends at ``now``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from .days import DayConvention, calendar_day_due
from .instants import from_epoch, to_epoch
from .sla import SlaPolicy, SlaState, TargetKind, Unit
from .table import I64
from .vector import Pauses, business_seconds_array, due_array, to_epoch_array

MISSING = np.iinfo(np.int64).min


@dataclass(frozen=True)
class ColumnResult:
    """Per-ticket arrays for one target kind; ``has_target`` is False where none applies."""

    has_target: npt.NDArray[np.bool_]
    target_seconds: I64
    due: I64
    elapsed_seconds: I64
    margin_seconds: I64
    state: npt.NDArray[np.str_]


def _optional_epochs(values: Any, n: int) -> I64:
    if values is None:
        return np.full(n, MISSING, dtype=np.int64)
    array = np.asarray(values)
    if np.issubdtype(array.dtype, np.datetime64):
        missing = np.isnat(array)
        epochs = np.where(missing, np.datetime64(0, "s"), array).astype("datetime64[s]")
        return np.where(missing, MISSING, epochs.astype(np.int64))
    return to_epoch_array(values)


def evaluate_columns(
    policy: SlaPolicy,
    priorities: Sequence[str] | npt.NDArray[np.str_],
    created: Any,
    now: datetime,
    first_response: Any = None,
    resolved: Any = None,
    pauses: Pauses | None = None,
) -> dict[TargetKind, ColumnResult]:
    """First-response and resolution results for many tickets (update intervals: use
    :func:`.sla.evaluate` per ticket)."""
    prio = np.asarray(priorities).astype(str)
    start = to_epoch_array(created, "created")
    n = start.size
    now_s = to_epoch(now, "now")
    stops = {
        TargetKind.FIRST_RESPONSE: _optional_epochs(first_response, n),
        TargetKind.RESOLUTION: _optional_epochs(resolved, n),
    }
    resolved_s = stops[TargetKind.RESOLUTION]
    p_index = p_start = p_end = np.zeros(0, dtype=np.int64)
    if pauses is not None:
        p_index = np.asarray(pauses[0], dtype=np.int64)
        p_start, p_end = to_epoch_array(pauses[1]), to_epoch_array(pauses[2])
    inside = (p_start <= now_s) & (now_s < p_end)
    paused_now = np.bincount(p_index[inside], minlength=n) > 0
    paused_now &= ~((resolved_s != MISSING) & (resolved_s <= now_s))
    return {
        kind: _evaluate_kind(
            policy, kind, prio, start, stop, now_s, paused_now, (p_index, p_start, p_end)
        )
        for kind, stop in stops.items()
    }


def _evaluate_kind(
    policy: SlaPolicy,
    kind: TargetKind,
    prio: npt.NDArray[np.str_],
    start: I64,
    stop: I64,
    now: int,
    paused_now: npt.NDArray[np.bool_],
    pauses: tuple[I64, I64, I64],
) -> ColumnResult:
    n = start.size
    stopped = (stop != MISSING) & (stop <= now)
    end = np.where(stopped, stop, now)
    has = np.zeros(n, dtype=bool)
    budget = np.zeros(n, dtype=np.int64)
    due = np.zeros(n, dtype=np.int64)
    elapsed = np.zeros(n, dtype=np.int64)
    for priority in np.unique(prio):
        target = policy.targets_for(str(priority)).get(kind)
        if target is None:
            continue
        rows = np.flatnonzero(prio == priority)
        has[rows] = True
        calendar = policy.clock_calendar(target)
        sub = _subset_pauses(pauses, rows, n, end)
        earliest = start[rows]  # the convention's own instant, when it has one
        if target.unit is Unit.DAYS and policy.day_convention is not DayConvention.DAILY_HOURS:
            zone = calendar.zone
            instants = [
                calendar_day_due(
                    calendar, from_epoch(int(s), zone), target.amount, policy.day_convention
                )
                for s in start[rows]
            ]
            earliest = np.array([to_epoch(i) for i in instants], dtype=np.int64)
            budget[rows] = business_seconds_array(calendar, start[rows], earliest)
        else:
            budget[rows] = policy.budget(target, from_epoch(int(start[rows[0]]), calendar.zone))
        elapsed[rows] = business_seconds_array(calendar, start[rows], end[rows], sub)
        due[rows] = np.maximum(due_array(calendar, start[rows], budget[rows], sub), earliest)
    state = np.full(n, "", dtype="<U8")
    running = has & ~stopped
    state[has & stopped] = np.where(elapsed <= budget, SlaState.MET.value, SlaState.BREACHED.value)[
        has & stopped
    ]
    at_risk = elapsed >= policy.at_risk_share * budget
    state[running] = np.select(
        [elapsed > budget, paused_now, at_risk],
        [SlaState.BREACHED.value, SlaState.PAUSED.value, SlaState.AT_RISK.value],
        SlaState.ON_TRACK.value,
    )[running]
    return ColumnResult(has, budget, due, elapsed, budget - elapsed, state)


def _subset_pauses(
    pauses: tuple[I64, I64, I64], rows: I64, n: int, end: I64
) -> tuple[I64, I64, I64] | None:
    """The pauses of ``rows``, renumbered, and cut at each clock's end (its stop or now):
    a pause after a target was met or breached cannot move its due time (as in
    :func:`.sla.clip_pauses`)."""
    index, p_start, p_end = pauses
    if index.size == 0:
        return None
    position = np.full(n, -1, dtype=np.int64)
    position[rows] = np.arange(rows.size)
    limit = end[index]
    keep = (position[index] >= 0) & (p_start < limit)
    return position[index][keep], p_start[keep], np.minimum(p_end, limit)[keep]
