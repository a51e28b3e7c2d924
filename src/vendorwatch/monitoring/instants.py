"""Dates and times from an export as UTC epoch seconds, a whole column at a time.

A column holds text (CSV, or text cells in XLSX), native datetimes (XLSX), Excel serial
numbers (XLSX numbers, or numbers written as text) or nothing. Text is read with one format
for the whole column: the ``formats`` given (the first that reads the most of a sample), or
else the one of :data:`CANDIDATES` that reads the most of a sample. Cells that do not fit get
an error code and :data:`MISSING`, never an exception:

* "bad_date": the cell is not a date in the format ("n/a", "tomorrow", "2026-13");
* "impossible_date": the cell has the format's shape but no such date or time exists
  (31.02.2026, 24:61);
* "implausible_date": a date outside the years 1900 to 2199.

Times without an offset are wall-clock times in ``time_zone``. In the hour skipped when the
clocks go forward (last Sunday of March, 02:00-03:00 in Europe/Berlin) a time is moved to the
first valid instant (03:00); in the hour that occurs twice when the clocks go back, the first
occurrence (summer time) is taken.

Day and month in 1/2/2026: a value whose first number is above 12 decides for day first,
one whose second number is above 12 for month first; otherwise ``day_first``; otherwise
month first for 12-hour times with AM/PM (the American habit) and day first for all others.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from django.conf import settings
from django.utils import formats as django_formats
from django.utils.translation import pgettext

from vendorwatch.core.businesstime import MISSING  # int64 marker of an empty cell

__all__ = ["CANDIDATES", "MISSING", "ParsedInstants", "format_label", "parse_instants"]

ISO = "ISO8601"  # ISO 8601, with or without offset (pandas' own fast reader)
SERIAL = "excel_serial"  # Excel serial day numbers written as text

_TIMES_24 = (" %H:%M:%S", " %H:%M", "")
_TIMES_12 = (" %I:%M:%S %p", " %I:%M %p")


def _with_times(dates: Sequence[str], times: Sequence[str]) -> list[str]:
    return [day + clock for day in dates for clock in times]


# Formats tried, in this order of preference when they read a sample equally well.
CANDIDATES: tuple[str, ...] = (
    ISO,
    *_with_times(("%d.%m.%Y", "%d.%m.%y"), _TIMES_24),
    *_with_times(("%d.%m.%Y,", "%d.%m.%y,"), (" %H:%M:%S", " %H:%M")),
    *_with_times(("%d/%b/%y", "%d/%b/%Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %Y"), _TIMES_12),
    *_with_times(("%d/%b/%y", "%d/%b/%Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %Y"), _TIMES_24),
    *_with_times(("%b %d, %Y",), (*_TIMES_12, *_TIMES_24)),
    *_with_times(("%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y"), _TIMES_12),
    *_with_times(("%d/%m/%Y", "%m/%d/%Y", "%d/%m/%y", "%m/%d/%y"), _TIMES_24),
    *_with_times(("%d-%m-%Y", "%m-%d-%Y"), (*_TIMES_24, *_TIMES_12)),
    *_with_times(("%Y/%m/%d", "%Y.%m.%d"), _TIMES_24),
    SERIAL,
)

SAMPLE_SIZE = 1000
EXCEL_EPOCH_DAYS = -25569  # 1899-12-30, day 0 of Excel's 1900 date system, from 1970-01-01
EARLIEST_YEAR = 1900
LATEST_YEAR = 2199
# Plausible serials: 1900-01-01 (serial 1) up to 2199-12-31.
_SERIAL_MAX = (date(2200, 1, 1) - date(1899, 12, 30)).days
_MAX_TEXT = 40  # longer text is never a date

_ISO_SHAPE = re.compile(
    r"(\d{4,})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}(?::?\d{2})?)$", re.IGNORECASE)
_SERIAL_TEXT = re.compile(r"\d{1,6}(?:[.,]\d+)?")


@dataclass
class ParsedInstants:
    epoch: npt.NDArray[np.int64]  # seconds since 1970 UTC; MISSING where the cell was empty
    # per cell: "" fine or empty, else a reasons.REASONS code: "bad_date", "impossible_date",
    # "implausible_date"
    error: npt.NDArray[np.str_]
    # what was assumed for this column, reasons.ASSUMPTIONS entries (format, zone, serials)
    assumptions: list[dict[str, Any]]
    date_format: str  # the strptime format used ("" for native/ISO/serial values)


def parse_instants(
    values: Sequence[Any],
    *,
    field: str,
    formats: Sequence[str] = (),
    time_zone: str,
    day_first: bool | None = None,
    detect: bool = True,
) -> ParsedInstants:
    """Parse one column: str (any format in ``formats``, else detected), datetime (Excel),
    int/float (Excel serial), None/"" (empty). Times without an offset are local to
    ``time_zone``; in the hour that occurs twice when the clocks go back, the first is taken.

    ``formats`` are strptime formats (or "ISO8601"); when none of them reads any cell of the
    sample and ``detect`` is true, the format is detected as if none were given.
    """
    zone = time_zone or str(settings.TIME_ZONE)
    count = len(values)
    local = np.full(count, MISSING, dtype=np.int64)  # wall-clock seconds, to be localised
    exact = np.full(count, MISSING, dtype=np.int64)  # instants with their own offset
    error = np.full(count, "", dtype="<U16")
    result = ParsedInstants(epoch=exact, error=error, assumptions=[], date_format="")

    texts, natives, serials, bad = _split(values)
    if bad.size:
        error[bad] = "bad_date"
    if texts[0].size:
        _parse_texts(
            texts[0], texts[1], local, exact, error, result, formats, field, day_first, detect
        )
    if natives[0].size:
        _parse_natives(natives[0], natives[1], local, exact, error)
    if serials[0].size:
        _parse_serials(serials[0], serials[1], local, error)
        result.assumptions.append({"code": "excel_serial", "params": {"field": field}})

    # Dates outside the plausible years.
    for column in (local, exact):
        present = column != MISSING
        if present.any():
            outside = present & ((column < _YEAR_START) | (column >= _YEAR_END))
            if outside.any():
                column[outside] = MISSING
                error[outside] = "implausible_date"

    is_local = local != MISSING
    if is_local.any():
        exact[is_local] = _localise(local[is_local], zone)
        result.assumptions.append({"code": "time_zone", "params": {"zone": zone}})
    return result


# Seconds since 1970 of 1900-01-01 and 2200-01-01 (a day either side is kept for offsets).
_YEAR_START = (date(EARLIEST_YEAR, 1, 1) - date(1970, 1, 1)).days * 86400 - 86400
_YEAR_END = (date(LATEST_YEAR + 1, 1, 1) - date(1970, 1, 1)).days * 86400 + 86400


# --- splitting a column by kind of value ---------------------------------------------------------

_Part = tuple[npt.NDArray[np.intp], list[Any]]


def _split(values: Sequence[Any]) -> tuple[_Part, _Part, _Part, npt.NDArray[np.intp]]:
    """(indexes, stripped non-empty texts), (indexes, datetimes/dates), (indexes, numbers),
    indexes of values that are never dates (booleans, times of day)."""
    if all(type(value) is str for value in values):
        stripped = [value.strip() for value in values]
        index = np.flatnonzero(np.fromiter(map(bool, stripped), dtype=bool, count=len(values)))
        if index.size == len(stripped):
            return (index, stripped), _empty_part(), _empty_part(), np.empty(0, np.intp)
        return (
            (index, [stripped[i] for i in index]),
            _empty_part(),
            _empty_part(),
            np.empty(0, np.intp),
        )
    text_index: list[int] = []
    texts: list[str] = []
    native_index: list[int] = []
    natives: list[Any] = []
    number_index: list[int] = []
    numbers: list[float] = []
    bad: list[int] = []
    for position, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, str):
            text = value.strip()
            if text:
                text_index.append(position)
                texts.append(text)
        elif isinstance(value, bool):
            bad.append(position)
        elif isinstance(value, datetime | date):
            native_index.append(position)
            natives.append(value)
        elif isinstance(value, int | float | Decimal | np.integer | np.floating):
            number = float(value)
            if math.isnan(number):
                continue
            number_index.append(position)
            numbers.append(number)
        else:  # time of day, duration, anything else
            bad.append(position)
    return (
        (np.asarray(text_index, dtype=np.intp), texts),
        (np.asarray(native_index, dtype=np.intp), natives),
        (np.asarray(number_index, dtype=np.intp), numbers),
        np.asarray(bad, dtype=np.intp),
    )


def _empty_part() -> _Part:
    return np.empty(0, dtype=np.intp), []


# --- text --------------------------------------------------------------------------------------


def _parse_texts(
    index: npt.NDArray[np.intp],
    texts: list[str],
    local: npt.NDArray[np.int64],
    exact: npt.NDArray[np.int64],
    error: npt.NDArray[np.str_],
    result: ParsedInstants,
    formats: Sequence[str],
    field: str,
    day_first: bool | None,
    detect: bool,
) -> None:
    array = np.asarray(texts, dtype=object)
    sample = _sample(array)
    candidates = list(formats) if formats else list(CANDIDATES)
    chosen, scores = _best(sample, candidates)
    if scores.get(chosen, 0) == 0 and formats and detect:
        chosen, scores = _best(sample, list(CANDIDATES))
        candidates = list(CANDIDATES)
    if scores.get(chosen, 0) == 0:
        error[index] = _classify_failures(array, "")
        return

    example = ""
    seconds: npt.NDArray[np.int64] | None = None
    partner = _partner(chosen)
    if partner and partner in candidates:
        chosen, example, seconds = _day_or_month(array, chosen, partner, day_first)

    if chosen == ISO:
        instants, has_offset = _parse_iso(array)
        ok = instants != MISSING
        if (ok & has_offset).any():
            exact[index[ok & has_offset]] = instants[ok & has_offset]
            result.assumptions.append({"code": "offset", "params": {"field": field}})
        naive = ok & ~has_offset
        local[index[naive]] = instants[naive]
        result.assumptions.append(
            {"code": "date_format", "params": {"field": field, "format": "ISO 8601"}}
        )
        failed = ~ok
    elif chosen == SERIAL:
        numbers = np.array([_serial_number(text) for text in array], dtype=np.float64)
        readable = ~np.isnan(numbers)
        _parse_serials(index[readable], list(numbers[readable]), local, error)
        result.assumptions.append({"code": "excel_serial", "params": {"field": field}})
        failed = ~readable
    else:
        if seconds is None:
            seconds = _strptime(array, chosen)
        failed = seconds == MISSING
        if failed.any():
            # Cells with or without seconds, or without a time, in a column of one format.
            for fallback in _fallbacks(chosen, candidates):
                retry = np.flatnonzero(failed)
                more = _strptime(array[retry], fallback)
                good = more != MISSING
                if good.any():
                    seconds[retry[good]] = more[good]
                    failed[retry[good]] = False
        local[index[~failed]] = seconds[~failed]
        result.date_format = chosen
        result.assumptions.append(
            {
                "code": "date_format",
                "params": {"field": field, "format": format_label(chosen), "strptime": chosen},
            }
        )
        if example:
            result.assumptions.append(_order_assumption(chosen, example, field))
    if failed.any():
        error[index[failed]] = _classify_failures(array[failed], chosen)


def _sample(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    if array.size <= SAMPLE_SIZE:
        return array
    spread = np.linspace(0, array.size - 1, SAMPLE_SIZE // 2).astype(np.intp)
    return np.concatenate([array[: SAMPLE_SIZE // 2], array[spread]])


def _best(sample: npt.NDArray[Any], candidates: list[str]) -> tuple[str, dict[str, int]]:
    scores: dict[str, int] = {}
    best, best_score = candidates[0] if candidates else "", 0
    for candidate in candidates:
        score = _score(sample, candidate)
        scores[candidate] = score
        if score > best_score:
            best, best_score = candidate, score
            if score == sample.size and _partner(candidate) is None:
                break
    return best, scores


def _score(sample: npt.NDArray[Any], candidate: str) -> int:
    if candidate == ISO:
        instants, _ = _parse_iso(sample)
        return int((instants != MISSING).sum())
    if candidate == SERIAL:
        return sum(1 for text in sample if not math.isnan(_serial_number(text)))
    return int((_strptime(sample, candidate) != MISSING).sum())


def _partner(fmt: str) -> str | None:
    """The format with day and month swapped, when both are numbers."""
    if fmt in (ISO, SERIAL) or "%d" not in fmt or "%m" not in fmt:
        return None
    if fmt.index("%Y" if "%Y" in fmt else "%y") < fmt.index("%m"):
        return None  # year first: always year-month-day
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def _day_or_month(
    array: npt.NDArray[Any], chosen: str, partner: str, day_first: bool | None
) -> tuple[str, str, npt.NDArray[np.int64]]:
    """Of a pair of formats (day first, month first): the one to use, the example shown in
    the assumption, and the column read with it."""
    day_fmt, month_fmt = (
        (chosen, partner) if chosen.index("%d") < chosen.index("%m") else (partner, chosen)
    )
    by_day = _strptime(array, day_fmt)
    by_month = _strptime(array, month_fmt)
    day_ok = by_day != MISSING
    month_ok = by_month != MISSING
    only_day = np.flatnonzero(day_ok & ~month_ok)
    only_month = np.flatnonzero(month_ok & ~day_ok)
    if only_day.size != only_month.size:  # some value decides: 13/2/2026 or 2/13/2026
        if only_day.size > only_month.size:
            return day_fmt, str(array[only_day[0]]), by_day
        return month_fmt, str(array[only_month[0]]), by_month
    if day_first is None:
        day_first = "%p" not in chosen  # 12-hour clock with AM/PM: the American order
    both = np.flatnonzero(day_ok & month_ok)
    example = str(array[both[0]] if both.size else array[0])
    return (day_fmt, example, by_day) if day_first else (month_fmt, example, by_month)


def _order_assumption(fmt: str, example: str, field: str) -> dict[str, Any]:
    day_first = fmt.index("%d") < fmt.index("%m")
    seconds = _strptime(np.asarray([example], dtype=object), fmt)
    shown = example
    if seconds[0] != MISSING:
        day = (datetime(1970, 1, 1) + timedelta(seconds=int(seconds[0]))).date()
        shown = f"{example} = {django_formats.date_format(day, 'DATE_FORMAT')}"
    return {
        "code": "day_first" if day_first else "month_first",
        "params": {"example": shown, "field": field},
    }


def _fallbacks(chosen: str, candidates: list[str]) -> list[str]:
    """Formats with the same date part as ``chosen`` but another time part."""
    date_part = chosen.split(" ")[0]
    return [
        candidate
        for candidate in candidates
        if candidate != chosen
        and candidate not in (ISO, SERIAL)
        and candidate.split(" ")[0] == date_part
    ]


def _serial_number(text: str) -> float:
    if not _SERIAL_TEXT.fullmatch(text):
        return math.nan
    number = float(text.replace(",", "."))
    return number if 1 <= number < _SERIAL_MAX else math.nan


def _parse_iso(array: npt.NDArray[Any]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Seconds (UTC when the text has an offset, else wall-clock) and which had an offset."""
    series = pd.Series(array, dtype=object)
    parsed = pd.to_datetime(series, format=ISO, utc=True, errors="coerce")
    seconds = _to_seconds(parsed)
    has_offset = series.str.contains(_OFFSET, na=False).to_numpy(dtype=bool)
    return seconds, has_offset


def _to_seconds(parsed: Any) -> npt.NDArray[np.int64]:
    index = pd.DatetimeIndex(parsed)
    if index.tz is not None:
        index = index.tz_convert("UTC").tz_localize(None)
    seconds: npt.NDArray[np.int64] = index.to_numpy().astype("datetime64[s]").astype(np.int64)
    return seconds


def _strptime(array: npt.NDArray[Any], fmt: str) -> npt.NDArray[np.int64]:
    """Wall-clock seconds since 1970 of every text in the format, MISSING where it fails."""
    if array.size == 0:
        return np.empty(0, dtype=np.int64)
    parsed = pd.to_datetime(pd.Series(array, dtype=object), format=fmt, errors="coerce")
    return _to_seconds(parsed)


# --- telling a bad date from an impossible one ---------------------------------------------------

_DIRECTIVE_PATTERNS = {
    "d": r"(\d{1,2})",
    "m": r"(\d{1,2})",
    "Y": r"(?P<year>\d{4,})",
    "y": r"(\d{2})",
    "H": r"(\d{1,2})",
    "I": r"(\d{1,2})",
    "M": r"(\d{1,2})",
    "S": r"(\d{1,2})",
    "p": r"([AaPp]\.?[Mm]\.?)",
    "b": r"([^\W\d_]{3,9}\.?)",
    "B": r"([^\W\d_]{3,9})",
}


def _shape(fmt: str) -> re.Pattern[str]:
    parts: list[str] = []
    position = 0
    while position < len(fmt):
        char = fmt[position]
        if char == "%" and position + 1 < len(fmt):
            directive = fmt[position + 1]
            parts.append(_DIRECTIVE_PATTERNS.get(directive, r".+?"))
            position += 2
            continue
        parts.append(r"\s+" if char.isspace() else re.escape(char))
        position += 1
    return re.compile("".join(parts), re.IGNORECASE)


def _classify_failures(array: npt.NDArray[Any], fmt: str) -> npt.NDArray[np.str_]:
    """For texts that did not parse: "impossible_date" where they have the format's shape
    (or a year outside the plausible ones: "implausible_date"), else "bad_date"."""
    codes = np.full(array.size, "bad_date", dtype="<U16")
    if not fmt or fmt == SERIAL:
        return codes
    shape = _ISO_SHAPE if fmt == ISO else _shape(fmt)
    for position, text in enumerate(array):
        match = shape.fullmatch(str(text))
        if match is None:
            continue
        year = match.group(1) if fmt == ISO else match.groupdict().get("year")
        if year is not None and not EARLIEST_YEAR <= int(year) <= LATEST_YEAR:
            codes[position] = "implausible_date"
        else:
            codes[position] = "impossible_date"
    return codes


# --- native values and serial numbers ------------------------------------------------------------


def _parse_natives(
    index: npt.NDArray[np.intp],
    natives: list[Any],
    local: npt.NDArray[np.int64],
    exact: npt.NDArray[np.int64],
    error: npt.NDArray[np.str_],
) -> None:
    naive_at: list[int] = []
    naive: list[datetime] = []
    for position, value in zip(index, natives, strict=True):
        if not isinstance(value, datetime):
            value = datetime.combine(value, time())
        if value.tzinfo is not None and value.utcoffset() is not None:
            exact[position] = _exact_seconds(value)
        else:
            naive_at.append(int(position))
            naive.append(value)
    if not naive:
        return
    try:
        stamps = np.array(naive, dtype="datetime64[s]").astype(np.int64)
    except (OverflowError, ValueError):  # pragma: no cover - datetime's range fits datetime64[s]
        error[np.asarray(naive_at)] = "implausible_date"
        return
    local[np.asarray(naive_at, dtype=np.intp)] = stamps


def _exact_seconds(value: datetime) -> int:
    return math.floor(value.timestamp())


def _parse_serials(
    index: npt.NDArray[np.intp],
    numbers: list[float],
    local: npt.NDArray[np.int64],
    error: npt.NDArray[np.str_],
) -> None:
    serial = np.asarray(numbers, dtype=np.float64)
    plausible = (serial >= 1) & (serial < _SERIAL_MAX)
    if (~plausible).any():
        error[index[~plausible]] = "implausible_date"
    serial = serial[plausible]
    seconds = np.rint(serial * 86400).astype(np.int64) + EXCEL_EPOCH_DAYS * 86400
    local[index[plausible]] = seconds


# --- time zones ----------------------------------------------------------------------------------


def _localise(wall: npt.NDArray[np.int64], zone: str) -> npt.NDArray[np.int64]:
    """UTC seconds of wall-clock seconds in ``zone`` (gap: forward; overlap: first)."""
    if zone.upper() == "UTC":
        return wall
    index = pd.DatetimeIndex(wall.astype("datetime64[s]"))
    placed = index.tz_localize(
        zone, ambiguous=np.ones(wall.size, dtype=bool), nonexistent="shift_forward"
    )
    return _to_seconds(placed)


# --- what the user reads -------------------------------------------------------------------------


def format_label(fmt: str) -> str:
    """The strptime format as a reader writes it: "DD.MM.YYYY hh:mm" (German "TT.MM.JJJJ")."""
    if fmt == ISO:
        return "ISO 8601"
    tokens = {
        "d": pgettext("date format", "DD"),
        "m": pgettext("date format", "MM"),
        "Y": pgettext("date format", "YYYY"),
        "y": pgettext("date format", "YY"),
        "H": "hh",
        "I": "hh",
        "M": "mm",
        "S": "ss",
        "p": "AM/PM",
        "b": pgettext("date format", "Mon"),
        "B": pgettext("date format", "Month"),
        "z": "+hh:mm",
        "%": "%",
    }
    out: list[str] = []
    position = 0
    while position < len(fmt):
        if fmt[position] == "%" and position + 1 < len(fmt):
            out.append(tokens.get(fmt[position + 1], fmt[position : position + 2]))
            position += 2
        else:
            out.append(fmt[position])
            position += 1
    return "".join(out)
