"""Scalar business time: elapsed seconds and due instants for single datetimes.

Both use the same cached table and numerical core as the vectorised API, so scalar and
column results agree by construction. Instants are whole seconds (sub-seconds are floored).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import numpy as np

from .calendar import BusinessCalendar
from .instants import from_epoch, require_aware, to_epoch, to_seconds
from .table import I64
from .vector import business_seconds_array, due_array

PauseLike = tuple[datetime, datetime]


def pause_arrays(pauses: Iterable[PauseLike]) -> tuple[I64, I64, I64] | None:
    starts: list[int] = []
    ends: list[int] = []
    for start, end in pauses:
        starts.append(to_epoch(start, "pause start"))
        ends.append(to_epoch(end, "pause end"))
    if not starts:
        return None
    return (
        np.zeros(len(starts), dtype=np.int64),
        np.array(starts, dtype=np.int64),
        np.array(ends, dtype=np.int64),
    )


def business_seconds(
    calendar: BusinessCalendar,
    start: datetime,
    end: datetime,
    pauses: Iterable[PauseLike] = (),
) -> int:
    """Business seconds in ``[start, end)``; 0 if ``end <= start``.

    ``pauses`` are merged and clipped to the interval; only their overlap with business
    hours is subtracted. Naive datetimes raise :class:`NaiveDatetimeError`.
    """
    s = np.array([to_epoch(start, "start")], dtype=np.int64)
    e = np.array([to_epoch(end, "end")], dtype=np.int64)
    return int(business_seconds_array(calendar, s, e, pause_arrays(pauses))[0])


def due(
    calendar: BusinessCalendar,
    start: datetime,
    business_seconds: int | float | timedelta,
    pauses: Iterable[PauseLike] = (),
) -> datetime:
    """The instant at which ``business_seconds`` of business time after ``start`` are used up.

    A deadline landing exactly on a closing time is that closing time; a zero budget is due
    at ``start``. Business time inside ``pauses`` does not count, so pauses before the due
    instant push it out by their business-hours overlap. The result is expressed in the
    time zone of ``start``.
    """
    s = np.array([to_epoch(start, "start")], dtype=np.int64)
    budget = np.array([to_seconds(business_seconds, "business_seconds")], dtype=np.int64)
    result = due_array(calendar, s, budget, pause_arrays(pauses))
    tz = require_aware(start).tzinfo
    assert tz is not None
    return from_epoch(int(result[0]), tz)
