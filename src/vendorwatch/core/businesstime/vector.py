"""Vectorised elapsed business time and due instants for whole columns.

Instants may be int64 epoch seconds, ``datetime64`` (read as UTC) or tz-aware pandas
columns; budgets are seconds (int) or ``timedelta64``. Pauses are three parallel arrays
``(ticket_index, pause_start, pause_end)``; they may overlap and are merged per ticket.

Pass a :class:`BusinessCalendar` to use the cached table (extended automatically) or a
:class:`BusinessTable` to insist on its range (:class:`OutOfRangeError` outside it).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from .calendar import BusinessCalendar
from .instants import NaiveDatetimeError, OutOfRangeError
from .table import I64, BusinessTable, table_for

Source = BusinessCalendar | BusinessTable
Pauses = tuple[Any, Any, Any]
T = TypeVar("T")
_YEAR = 366 * 86_400


# --- the numerical core (int64 epoch seconds, no range checks) ------------------------------


def merge_pauses(index: I64, starts: I64, ends: I64) -> tuple[I64, I64, I64]:
    """Union of possibly overlapping intervals per index, sorted by (index, start)."""
    keep = ends > starts
    index, starts, ends = index[keep], starts[keep], ends[keep]
    if index.size == 0:
        return index, starts, ends
    order = np.lexsort((starts, index))
    index, starts, ends = index[order], starts[order], ends[order]
    # Running maximum of the ends within each group: offset groups so one accumulate works.
    low = int(min(starts.min(), ends.min()))
    width = int(ends.max()) - low + 1
    keyed = index * width + (ends - low)
    running = np.maximum.accumulate(keyed) - index * width + low
    new_group = np.ones(index.size, dtype=bool)
    new_group[1:] = index[1:] != index[:-1]
    new_block = new_group.copy()
    new_block[1:] |= starts[1:] > running[:-1]
    first = np.flatnonzero(new_block)
    merged_ends: I64 = np.maximum.reduceat(ends, first)
    return index[first], starts[first], merged_ends


def elapsed_core(table: BusinessTable, starts: I64, ends: I64) -> I64:
    result: I64 = np.maximum(table.cumulative(ends) - table.cumulative(starts), 0)
    return result


def paused_core(table: BusinessTable, starts: I64, ends: I64, pauses: tuple[I64, I64, I64]) -> I64:
    """Business seconds of the merged pauses inside each ``[start, end)``."""
    index, p_start, p_end = pauses
    p_start = np.maximum(p_start, starts[index])
    p_end = np.minimum(p_end, ends[index])
    index, p_start, p_end = merge_pauses(index, p_start, p_end)
    lost = table.cumulative(p_end) - table.cumulative(p_start)
    return np.bincount(index, weights=lost, minlength=starts.size).round().astype(np.int64)


def elapsed_paused_core(
    table: BusinessTable, starts: I64, ends: I64, pauses: tuple[I64, I64, I64]
) -> I64:
    ends = np.maximum(ends, starts)
    return elapsed_core(table, starts, ends) - paused_core(table, starts, ends, pauses)


def due_core(table: BusinessTable, starts: I64, budgets: I64) -> I64:
    return np.maximum(starts, table.inverse(table.cumulative(starts) + budgets))


def due_paused_core(
    table: BusinessTable, starts: I64, budgets: I64, pauses: tuple[I64, I64, I64]
) -> I64:
    """Due instants where business time inside pauses does not consume the budget."""
    index, p_start, p_end = pauses
    p_start = np.maximum(p_start, starts[index])
    index, p_start, p_end = merge_pauses(index, p_start, p_end)
    base = table.cumulative(starts)
    extra = np.zeros(starts.size, dtype=np.int64)
    if index.size:
        b_start = table.cumulative(p_start)
        lost = table.cumulative(p_end) - b_start
        before = np.cumsum(lost) - lost  # lost business time of earlier pauses (global)
        first = np.flatnonzero(np.r_[True, index[1:] != index[:-1]])
        group_offset = np.repeat(before[first], np.diff(np.r_[first, index.size]))
        before -= group_offset
        # The budget runs out before pause k iff unpaused time up to its start covers it.
        runs_out = b_start - base[index] - before >= budgets[index]
        extra = np.bincount(index, weights=lost, minlength=starts.size).round().astype(np.int64)
        hit = np.flatnonzero(runs_out)
        if hit.size:
            tickets, first_hit = np.unique(index[hit], return_index=True)
            extra[tickets] = before[hit[first_hit]]
    return np.maximum(starts, table.inverse(base + budgets + extra))


# --- conversions ------------------------------------------------------------------------------


def _is_pandas(values: Any) -> bool:
    return type(values).__module__.split(".")[0] == "pandas"


def to_epoch_array(values: Any, what: str = "instants") -> I64:
    """int64 epoch seconds from ints, ``datetime64`` (UTC) or a tz-aware pandas column."""
    if _is_pandas(values):
        dtype_tz = getattr(values.dtype, "tz", None)
        if dtype_tz is None:
            raise NaiveDatetimeError(
                f"{what}: pandas column is tz-naive; localize it first (.dt.tz_localize('UTC'))"
            )
        if hasattr(values, "dt"):  # Series
            values = values.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
        else:  # DatetimeIndex
            values = values.tz_convert("UTC").tz_localize(None).to_numpy()
    array = np.asarray(values)
    if np.issubdtype(array.dtype, np.datetime64):
        if np.isnat(array).any():
            raise ValueError(f"{what}: missing values (NaT) are not allowed")
        return array.astype("datetime64[s]").astype(np.int64)
    if np.issubdtype(array.dtype, np.integer):
        return array.astype(np.int64)
    raise TypeError(f"{what}: expected int64 epoch seconds or datetime64, got {array.dtype}")


def to_seconds_array(values: Any, what: str = "budgets") -> I64:
    array = np.asarray(values.to_numpy() if _is_pandas(values) else values)
    if np.issubdtype(array.dtype, np.timedelta64):
        array = array.astype("timedelta64[s]").astype(np.int64)
    elif not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"{what}: expected integer seconds or timedelta64, got {array.dtype}")
    array = array.astype(np.int64)
    if array.size and int(array.min()) < 0:
        raise ValueError(f"{what}: business-time budgets must not be negative")
    return array


def _like(template: Any, epoch: I64, tz: str) -> Any:
    """Return due instants in the same form as the start instants were given."""
    if _is_pandas(template):
        pd: Any = importlib.import_module("pandas")
        stamps = pd.to_datetime(epoch, unit="s", utc=True).tz_convert(tz)
        index = getattr(template, "index", None)
        return pd.Series(stamps, index=index) if hasattr(template, "dt") else stamps
    array = np.asarray(template)
    if np.issubdtype(array.dtype, np.datetime64):
        return epoch.astype("datetime64[s]")
    return epoch


def _pauses(pauses: Pauses | None, n: int) -> tuple[I64, I64, I64] | None:
    if pauses is None:
        return None
    index = np.asarray(pauses[0], dtype=np.int64)
    starts = to_epoch_array(pauses[1], "pause starts")
    ends = to_epoch_array(pauses[2], "pause ends")
    if not index.shape == starts.shape == ends.shape:
        raise ValueError("pause index, starts and ends must have the same length")
    if index.size and (int(index.min()) < 0 or int(index.max()) >= n):
        raise ValueError(f"pause ticket index out of range 0..{n - 1}")
    return index, starts, ends


def _run(source: Source, lo: int, hi: int, compute: Callable[[BusinessTable], T]) -> T:
    if isinstance(source, BusinessTable):
        return compute(source)
    while True:
        table = table_for(source, lo, hi)
        try:
            return compute(table)
        except OutOfRangeError:
            if not source.has_hours():
                raise ValueError(
                    f"calendar {source.name or source.tz!r} has no business hours"
                ) from None
            hi = table.hi + max(2 * (table.hi - lo), _YEAR)


def _bounds(*arrays: I64) -> tuple[int, int]:
    sizes = [a for a in arrays if a.size]
    if not sizes:
        return 0, 1
    return min(int(a.min()) for a in sizes), max(int(a.max()) for a in sizes)


# --- public API -------------------------------------------------------------------------------


def business_seconds_array(
    source: Source, starts: Any, ends: Any, pauses: Pauses | None = None
) -> I64:
    """Business seconds in each ``[start, end)`` (0 where end <= start), minus pauses."""
    s = to_epoch_array(starts, "starts")
    e = to_epoch_array(ends, "ends")
    if s.shape != e.shape:
        raise ValueError("starts and ends must have the same length")
    p = _pauses(pauses, s.size)
    lo, hi = _bounds(s, e)

    def compute(table: BusinessTable) -> I64:
        table.check(s)
        table.check(e)
        if p is None:
            return elapsed_core(table, s, e)
        return elapsed_paused_core(
            table,
            s,
            e,
            (p[0], np.clip(p[1], table.lo, table.hi), np.clip(p[2], table.lo, table.hi)),
        )

    return _run(source, lo, hi, compute)


def due_array(source: Source, starts: Any, budgets: Any, pauses: Pauses | None = None) -> Any:
    """The instant each budget of business seconds is used up, counting from ``starts``.

    A budget that runs out exactly at closing time is due at closing time. Returned in the
    form of ``starts`` (epoch seconds, ``datetime64[s]`` or a pandas column in the calendar's
    time zone).
    """
    s = to_epoch_array(starts, "starts")
    b = np.broadcast_to(to_seconds_array(budgets), s.shape)
    p = _pauses(pauses, s.size)
    lo, hi = _bounds(s)
    if p is not None:
        lo, hi = min(lo, hi), max(hi, _bounds(p[1], p[2])[1])

    def compute(table: BusinessTable) -> I64:
        table.check(s)
        if p is None:
            return due_core(table, s, b)
        index, p_start, p_end = p
        # Pauses beyond the table end cannot matter unless the due is there too,
        # in which case inverse() raises and the calendar path widens the table.
        return due_paused_core(
            table,
            s,
            b,
            (index, np.clip(p_start, table.lo, table.hi), np.clip(p_end, table.lo, table.hi)),
        )

    source_calendar = source.calendar if isinstance(source, BusinessTable) else source
    return _like(starts, _run(source, lo, hi, compute), source_calendar.tz)
