"""Precomputed business-time table for one calendar and a UTC range.

Rule for wall-clock windows (applies everywhere in the engine): an instant is business time
iff its local wall-clock reading lies in a window of its local date. Consequences on DST days:
a window boundary in the spring gap takes effect at the first instant after the gap; wall
times repeated in the autumn fold count both times (a 24x7 day has 25 h); ``24:00`` is the
next local midnight.

The table holds sorted, disjoint UTC intervals ``[open, close)`` as int64 epoch seconds and
the business seconds accumulated before each one, so that the cumulative business time
``B(t)`` and its inverse are one :func:`numpy.searchsorted` each.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from .calendar import DAY, BusinessCalendar
from .instants import OutOfRangeError

I64 = npt.NDArray[np.int64]
EPOCH_DATE = date(1970, 1, 1)
_SAMPLE = 2 * 3600  # zones never change offset twice within two hours


def offset_at(zone: ZoneInfo, instant: int) -> int:
    delta = datetime.fromtimestamp(instant, zone).utcoffset()
    assert delta is not None
    return int(delta.total_seconds())


def offset_segments(zone: ZoneInfo, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """``(start, end, utc_offset)`` pieces of constant offset covering ``[lo, hi)``."""
    segments: list[tuple[int, int, int]] = []
    start, current = lo, offset_at(zone, lo)
    probe = lo
    while probe < hi:
        nxt = min(probe + _SAMPLE, hi)
        off = offset_at(zone, nxt) if nxt < hi else current
        if off != current:
            a, b = probe, nxt  # offset(a) == current, offset(b) != current
            while b - a > 1:
                mid = (a + b) // 2
                if offset_at(zone, mid) == current:
                    a = mid
                else:
                    b = mid
            segments.append((start, b, current))
            start, current = b, offset_at(zone, b)
        probe = nxt
    segments.append((start, hi, current))
    return segments


def wall_to_instant(zone: ZoneInfo, day: date, seconds: int) -> int:
    """First instant whose local reading is at or after ``seconds`` past midnight of ``day``.

    In the autumn fold this is the first occurrence; in the spring gap it is the end of the gap.
    """
    wall = (day - EPOCH_DATE).days * DAY + seconds
    candidates = []
    lo = wall - 26 * 3600
    for start, end, off in offset_segments(zone, lo, wall + 26 * 3600):
        # In this segment the reading is u + off; the first u with u + off >= wall:
        u = max(start, wall - off)
        if u < end:
            candidates.append(u)
    return min(candidates)


def local_date(zone: ZoneInfo, instant: int) -> date:
    return datetime.fromtimestamp(instant, zone).date()


def build_intervals(calendar: BusinessCalendar, lo: int, hi: int) -> tuple[I64, I64]:
    """Merged business intervals of ``calendar`` clipped to ``[lo, hi)``."""
    zone = calendar.zone
    pieces: list[tuple[int, int]] = []
    rules: dict[int, tuple[tuple[int, int], ...]] = {}
    for seg_start, seg_end, off in offset_segments(zone, lo - 2 * DAY, hi + 2 * DAY):
        w0, w1 = seg_start + off, seg_end + off
        for day_number in range(w0 // DAY, (w1 - 1) // DAY + 1):
            if day_number not in rules:
                day = EPOCH_DATE + timedelta(days=day_number)
                rules[day_number] = tuple((w.start, w.end) for w in calendar.windows_on(day))
            base = day_number * DAY
            for a, b in rules[day_number]:
                start, end = max(base + a, w0), min(base + b, w1)
                if start < end:
                    pieces.append((max(start - off, lo), min(end - off, hi)))
    pieces.sort()
    opens: list[int] = []
    closes: list[int] = []
    for start, end in pieces:
        if start >= end:
            continue
        if closes and start <= closes[-1]:
            closes[-1] = max(closes[-1], end)
        else:
            opens.append(start)
            closes.append(end)
    return np.array(opens, dtype=np.int64), np.array(closes, dtype=np.int64)


class SortedLookup:
    """``np.searchsorted(values, x, side)`` for queries in ``[lo, hi]``, via a bucket index.

    Buckets of ``2**shift`` seconds store the answer at their start; each bucket holds at most
    ``steps`` values, so a few vectorised comparisons finish the search. This is several times
    faster than a binary search over a million queries.
    """

    def __init__(self, values: I64, lo: int, hi: int, side: str) -> None:
        span = max(hi - lo, 1)
        gaps = np.diff(values)
        gaps = gaps[gaps > 0]
        finest = int(gaps.min()).bit_length() - 1 if gaps.size else 30
        coarsest_allowed = max(0, (span >> 22).bit_length())  # at most ~4M buckets
        self.shift = max(min(finest, 30), coarsest_allowed)
        self.lo = lo
        self.left = side == "left"
        starts = lo + (np.arange((span >> self.shift) + 2, dtype=np.int64) << self.shift)
        self.base: I64 = np.searchsorted(values, starts, side="left").astype(np.int64)
        inside = values[(values >= lo) & (values <= hi)]
        counts = np.bincount((inside - lo) >> self.shift) if inside.size else np.zeros(1, np.int64)
        self.steps = int(counts.max())
        sentinel = np.iinfo(np.int64).max
        self.values: I64 = np.concatenate((values, [sentinel] * (self.steps + 1))).astype(np.int64)

    def __call__(self, x: I64) -> I64:
        found: I64 = self.base[(x - self.lo) >> self.shift]
        for _ in range(self.steps):
            nxt = self.values[found]
            found += (nxt < x) if self.left else (nxt <= x)
        return found


class BusinessTable:
    """Business intervals of one calendar over ``[lo, hi)`` (epoch seconds, UTC).

    ``cumulative(t)`` is the business time in ``[lo, t)``; every query must lie in
    ``[lo, hi]`` or :class:`OutOfRangeError` is raised.
    """

    def __init__(self, calendar: BusinessCalendar, lo: int, hi: int) -> None:
        if hi <= lo:
            raise ValueError("table range must not be empty")
        self.calendar = calendar
        self.lo = lo
        self.hi = hi
        opens, closes = build_intervals(calendar, lo, hi)
        # A zero-length sentinel at lo keeps every searchsorted index >= 0.
        self.opens: I64 = np.concatenate(([lo], opens)).astype(np.int64)
        self.closes: I64 = np.concatenate(([lo], closes)).astype(np.int64)
        lengths = self.closes - self.opens
        self.cum_end: I64 = np.cumsum(lengths, dtype=np.int64)
        self.cum_open: I64 = self.cum_end - lengths
        self._base: I64 = self.cum_open - self.opens
        self.total = int(self.cum_end[-1])
        self._open_index = SortedLookup(self.opens, lo, hi, "right")
        self._due_index = SortedLookup(self.cum_end, 0, self.total, "left")

    @classmethod
    def for_years(cls, calendar: BusinessCalendar, first: int, last: int) -> BusinessTable:
        """A table from 1 January ``first`` to 1 January ``last + 1`` (UTC)."""
        return cls(calendar, _year_start(first), _year_start(last + 1))

    @classmethod
    def for_range(cls, calendar: BusinessCalendar, lo: datetime, hi: datetime) -> BusinessTable:
        """A table covering ``[lo, hi]``, widened to whole UTC years."""
        return cls.for_years(calendar, lo.astimezone(UTC).year, hi.astimezone(UTC).year)

    def __repr__(self) -> str:
        first = datetime.fromtimestamp(self.lo, UTC).date()
        last = datetime.fromtimestamp(self.hi, UTC).date()
        return f"<BusinessTable {self.calendar.name or self.calendar.tz} {first}..{last}>"

    def covers(self, lo: int, hi: int) -> bool:
        return self.lo <= lo and hi <= self.hi

    def check(self, values: I64) -> None:
        if values.size and (int(values.min()) < self.lo or int(values.max()) > self.hi):
            raise OutOfRangeError(
                f"instants between {_iso(int(values.min()))} and {_iso(int(values.max()))} "
                f"fall outside this table's range {_iso(self.lo)} to {_iso(self.hi)}; "
                "build a wider table (BusinessTable.for_years) or pass the calendar instead"
            )

    def cumulative(self, t: I64) -> I64:
        """Business seconds in ``[lo, t)`` for each ``t`` (no range check)."""
        i = self._open_index(t) - 1
        return self._base[i] + np.minimum(t, self.closes[i])

    def inverse(self, target: I64) -> I64:
        """Smallest ``t`` with ``cumulative(t) >= target`` (closing time, not next opening)."""
        if target.size and int(target.max()) > self.total:
            raise OutOfRangeError(
                f"a due instant lies after the end of this table ({_iso(self.hi)}); "
                "build a wider table or pass the calendar instead"
            )
        return target - self._base[self._due_index(target)]

    def next_open(self, t: I64) -> I64:
        """The first business instant at or after ``t`` (``t`` itself if inside hours)."""
        k = np.searchsorted(self.closes, t, side="right")
        k = np.minimum(k, self.closes.size - 1)
        return np.maximum(t, self.opens[k])

    def intervals_between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Business intervals clipped to ``[lo, hi)``."""
        first = int(np.searchsorted(self.closes, lo, side="right"))
        last = int(np.searchsorted(self.opens, hi, side="left"))
        return [
            (max(int(o), lo), min(int(c), hi))
            for o, c in zip(self.opens[first:last], self.closes[first:last], strict=True)
            if max(int(o), lo) < min(int(c), hi)
        ]


def _year_start(year: int) -> int:
    return int(datetime(year, 1, 1, tzinfo=UTC).timestamp())


def _iso(instant: int) -> str:
    return datetime.fromtimestamp(instant, UTC).isoformat()


_CACHE: dict[BusinessCalendar, BusinessTable] = {}
_LOCK = threading.Lock()
_MAX_YEAR = 2200
_CACHE_SIZE = 256


def table_for(calendar: BusinessCalendar, lo: int, hi: int) -> BusinessTable:
    """The cached table for ``calendar``, rebuilt wider when ``[lo, hi]`` is not covered."""
    table = _CACHE.get(calendar)
    if table is not None and table.covers(lo, hi):
        return table
    with _LOCK:
        table = _CACHE.get(calendar)
        if table is not None and table.covers(lo, hi):
            return table
        first = datetime.fromtimestamp(lo, UTC).year - 1
        last = datetime.fromtimestamp(hi, UTC).year + 1
        if table is not None:
            first = min(first, datetime.fromtimestamp(table.lo, UTC).year)
            last = max(last, datetime.fromtimestamp(table.hi, UTC).year)
        if last > _MAX_YEAR:
            raise OutOfRangeError(f"business time after the year {_MAX_YEAR} is not supported")
        table = BusinessTable.for_years(calendar, first, last)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[calendar] = table
        return table
