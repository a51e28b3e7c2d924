"""Business calendar definition: time zone, weekly windows, holidays, closures, overrides.

Windows are local wall-clock times, stored as seconds after local midnight (``24:00`` is
86400, the next local midnight). The day a window belongs to is always its local date.

Precedence for one local date: a per-date override replaces everything (even a holiday);
otherwise a closure or a public holiday closes the day; otherwise the weekly windows apply.
A date may not be both a closure and an override.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from functools import lru_cache
from importlib.metadata import version
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

DAY = 86_400
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HOLIDAYS_VERSION: str = version("holidays")

TimeLike = str | time | int


def parse_time(value: TimeLike) -> int:
    """Seconds after local midnight for "HH:MM", "HH:MM:SS", a time or int seconds; 24:00 ok."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a time of day")
    if isinstance(value, int):
        seconds = value
    elif isinstance(value, time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
    elif isinstance(value, str):
        parts = value.strip().split(":")
        if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
            raise ValueError(f"time of day {value!r} is not in the form HH:MM or HH:MM:SS")
        h, m, s = (int(p) for p in [*parts, "0"][:3])
        if m >= 60 or s >= 60:
            raise ValueError(f"time of day {value!r} has minutes or seconds out of range")
        seconds = h * 3600 + m * 60 + s
    else:
        raise TypeError(f"cannot read a time of day from {value!r}")
    if not 0 <= seconds <= DAY:
        raise ValueError(f"time of day {value!r} is outside 00:00-24:00")
    return seconds


def format_time(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}" + (f":{s:02d}" if s else "")


@dataclass(frozen=True, order=True)
class Window:
    """A local wall-clock window ``[start, end)`` in seconds after midnight."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < DAY:
            raise ValueError(f"window start {format_time(self.start)} must be in 00:00-23:59:59")
        if not self.start < self.end <= DAY:
            raise ValueError(
                f"window end {format_time(self.end)} must be after its start "
                f"{format_time(self.start)} and not later than 24:00"
            )

    @classmethod
    def of(cls, start: TimeLike, end: TimeLike) -> Window:
        return cls(parse_time(start), parse_time(end))

    @property
    def seconds(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return f"{format_time(self.start)}-{format_time(self.end)}"


WindowLike = Window | tuple[TimeLike, TimeLike] | str


def to_window(value: WindowLike) -> Window:
    if isinstance(value, Window):
        return value
    if isinstance(value, str):
        start, sep, end = value.replace("\N{EN DASH}", "-").partition("-")
        if not sep:
            raise ValueError(f"window {value!r} is not in the form HH:MM-HH:MM")
        return Window.of(start, end)
    return Window.of(*value)


def validate_windows(windows: Iterable[WindowLike], where: str) -> tuple[Window, ...]:
    """Sorted windows; overlapping windows are an error (touching ones are fine)."""
    result = tuple(sorted(to_window(w) for w in windows))
    for before, after in itertools.pairwise(result):
        if after.start < before.end:
            raise ValueError(f"{where}: windows {before} and {after} overlap")
    return result


class DayKind(Enum):
    WEEKLY = "weekly"
    HOLIDAY = "holiday"
    CLOSURE = "closure"
    OVERRIDE = "override"


@dataclass(frozen=True)
class DayRule:
    """Which windows apply to a local date, and why."""

    date: date
    windows: tuple[Window, ...]
    kind: DayKind
    holiday: str | None = None


@dataclass(frozen=True)
class BusinessCalendar:
    """An immutable, hashable service-hours calendar. Build it with :meth:`create`."""

    tz: str
    weekly: tuple[tuple[Window, ...], ...]
    country: str | None = None
    subdivision: str | None = None
    categories: tuple[str, ...] = ("public",)
    closures: tuple[date, ...] = ()
    overrides: tuple[tuple[date, tuple[Window, ...]], ...] = ()
    name: str = ""
    daily_seconds_override: int | None = None
    _override_map: dict[date, tuple[Window, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {self.tz!r}") from exc
        if len(self.weekly) != 7:
            raise ValueError("weekly windows need exactly 7 entries, Monday first")
        for day, windows in zip(WEEKDAYS, self.weekly, strict=True):
            validate_windows(windows, day)
        if self.country is not None and self.country not in holidays.list_supported_countries():
            raise ValueError(f"holidays: unsupported country {self.country!r}")
        both = set(self.closures) & {d for d, _ in self.overrides}
        if both:
            raise ValueError(f"dates both closed and overridden: {sorted(both)}")
        if self.country is not None:
            self._holidays(2000, "en_US")  # fail early on a bad subdivision or category
        object.__setattr__(self, "_override_map", dict(self.overrides))

    @classmethod
    def create(
        cls,
        tz: str,
        weekly: Mapping[int, Sequence[WindowLike]] | Sequence[Sequence[WindowLike]],
        *,
        region: str | None = None,
        categories: Iterable[str] = ("public",),
        closures: Iterable[date] = (),
        overrides: Mapping[date, Sequence[WindowLike]] | None = None,
        name: str = "",
        daily_hours: float | None = None,
    ) -> BusinessCalendar:
        """Build a calendar from friendly input.

        ``weekly`` maps weekday (0 = Monday) to windows like ``"08:00-12:00"`` or
        ``("13:00", "17:00")``; ``region`` is ``"DE"`` or ``"DE-BY"``; ``categories`` are
        ``holidays`` categories (``("public", "catholic")`` adds Assumption Day in Bavaria);
        ``overrides`` maps a date to its windows (empty = closed); ``daily_hours`` sets the
        length of one business day (otherwise derived, see :attr:`daily_seconds`).
        """
        per_day = (
            weekly if not isinstance(weekly, Mapping) else [weekly.get(d, ()) for d in range(7)]
        )
        country, subdivision = (None, None)
        if region:
            country, _, sub = region.partition("-")
            subdivision = sub or None
        return cls(
            tz=tz,
            weekly=tuple(validate_windows(w, WEEKDAYS[i]) for i, w in enumerate(per_day)),
            country=country,
            subdivision=subdivision,
            categories=tuple(sorted(set(categories))),
            closures=tuple(sorted(set(closures))),
            overrides=tuple(
                (d, validate_windows(w, d.isoformat()))
                for d, w in sorted((overrides or {}).items())
            ),
            name=name,
            daily_seconds_override=None if daily_hours is None else round(daily_hours * 3600),
        )

    @classmethod
    def always_open(cls, tz: str = "UTC", name: str = "24x7") -> BusinessCalendar:
        """A 24x7 calendar: every real second counts (a DST day has 23 or 25 hours)."""
        return cls(tz=tz, weekly=((Window(0, DAY),),) * 7, name=name)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    @property
    def region(self) -> str | None:
        if self.country is None:
            return None
        return self.country + (f"-{self.subdivision}" if self.subdivision else "")

    @property
    def daily_seconds(self) -> int:
        """Length of one "business day": explicit ``daily_hours``, else the most common
        non-zero weekday total (ties: the longer one); 0 for a calendar without hours."""
        if self.daily_seconds_override is not None:
            return self.daily_seconds_override
        totals = Counter(sum(w.seconds for w in day) for day in self.weekly)
        totals.pop(0, None)
        if not totals:
            return 0
        return max(totals, key=lambda total: (totals[total], total))

    @property
    def fingerprint(self) -> str:
        """A short stable hash of everything that decides business time, plus holiday data."""
        text = repr(
            (
                self.tz,
                self.weekly,
                self.region,
                self.categories,
                self.closures,
                self.overrides,
                HOLIDAYS_VERSION,
            )
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def has_hours(self) -> bool:
        return any(self.weekly) or any(w for _, w in self.overrides)

    def _holidays(self, year: int, language: str) -> Mapping[date, str]:
        assert self.country is not None
        return _holiday_table(self.country, self.subdivision, self.categories, year, language)

    def holiday_name(self, day: date, language: str = "en") -> str | None:
        if self.country is None:
            return None
        return self._holidays(day.year, _holiday_language(language)).get(day)

    def day_rule(self, day: date, language: str = "en") -> DayRule:
        """The windows of one local date and the reason they apply."""
        if day in self._override_map:
            return DayRule(day, self._override_map[day], DayKind.OVERRIDE)
        weekly = self.weekly[day.weekday()]
        if day in self.closures:
            return DayRule(day, (), DayKind.CLOSURE)
        name = self.holiday_name(day, language)
        if name is not None:
            return DayRule(day, (), DayKind.HOLIDAY, holiday=name)
        return DayRule(day, weekly, DayKind.WEEKLY)

    def windows_on(self, day: date) -> tuple[Window, ...]:
        return self.day_rule(day).windows

    # Convenience entry points; the engine lives in clock.py.
    def business_seconds(
        self, start: datetime, end: datetime, pauses: Iterable[tuple[datetime, datetime]] = ()
    ) -> int:
        from .clock import business_seconds

        return business_seconds(self, start, end, pauses)

    def due(
        self,
        start: datetime,
        business_seconds: int | float | timedelta,
        pauses: Iterable[tuple[datetime, datetime]] = (),
    ) -> datetime:
        from .clock import due

        return due(self, start, business_seconds, pauses)

    def provenance(self) -> Provenance:
        return Provenance(self.name, self.fingerprint, HOLIDAYS_VERSION, self.region)


@dataclass(frozen=True)
class Provenance:
    """Which calendar and which holiday data produced a result."""

    calendar_name: str
    calendar_fingerprint: str
    holidays_version: str
    region: str | None


def _holiday_language(language: str) -> str:
    return "de" if language.lower().startswith("de") else "en_US"


@lru_cache(maxsize=512)
def _holiday_table(
    country: str, subdivision: str | None, categories: tuple[str, ...], year: int, language: str
) -> Mapping[date, str]:
    try:
        table: Any = holidays.country_holidays(
            country, subdiv=subdivision, years=year, categories=categories, language=language
        )
    except NotImplementedError as exc:
        raise ValueError(f"holidays: {exc}") from exc
    return {d: str(n) for d, n in table.items()}
