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

_TIMES_24 = (" %H:%M", " %H:%M:%S", "")
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
    r"(?P<year>\d{4,})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
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
    error = np.zeros(count, dtype="<U16")  # all ""; pages untouched until an error
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
    for column, margin in ((local, 0), (exact, 86400)):  # an offset may cross the year
        present = column != MISSING
        if present.any():
            outside = present & ((column < _YEAR_START - margin) | (column >= _YEAR_END + margin))
            if outside.any():
                column[outside] = MISSING
                error[outside] = "implausible_date"

    is_local = local != MISSING
    if is_local.any():
        exact[is_local] = _localise(local[is_local], zone)
        result.assumptions.append({"code": "time_zone", "params": {"zone": zone}})
    return result


# Seconds since 1970 of 1900-01-01 and 2200-01-01.
_YEAR_START = (date(EARLIEST_YEAR, 1, 1) - date(1970, 1, 1)).days * 86400
_YEAR_END = (date(LATEST_YEAR + 1, 1, 1) - date(1970, 1, 1)).days * 86400


# --- splitting a column by kind of value ---------------------------------------------------------

_Part = tuple[npt.NDArray[np.intp], list[Any]]


def _split(values: Sequence[Any]) -> tuple[_Part, _Part, _Part, npt.NDArray[np.intp]]:
    """(indexes, stripped non-empty texts), (indexes, datetimes/dates), (indexes, numbers),
    indexes of values that are never dates (booleans, times of day)."""
    kinds = set(map(type, values))
    if kinds <= {datetime, type(None)}:  # XLSX: a column of Excel dates
        column = np.asarray(values, dtype=object)
        index = np.flatnonzero(
            np.fromiter((value is not None for value in values), dtype=bool, count=len(values))
        )
        return _empty_part(), (index, column[index].tolist()), _empty_part(), np.empty(0, np.intp)
    if kinds <= {str}:
        stripped = [value.strip() for value in values]
        joined = "\n".join(stripped)
        if "  " in joined or "\t" in joined or "\xa0" in joined:  # 27.11.2026  14:30
            stripped = [" ".join(text.split()) for text in stripped]
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
            text = " ".join(value.split())
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
    sample = _prepare(_sample(array))
    candidates = list(formats) if formats else list(CANDIDATES)
    chosen, scores = _best(sample, candidates)
    if scores.get(chosen, 0) == 0 and formats and detect:
        chosen, scores = _best(sample, list(CANDIDATES))
        candidates = list(CANDIDATES)
    if scores.get(chosen, 0) == 0:
        error[index] = _classify_failures(array, [])
        return
    prepared = _prepare(array) if chosen not in (ISO, SERIAL) else sample
    tried = [chosen]

    example = ""
    seconds: npt.NDArray[np.int64] | None = None
    partner = _partner(chosen)
    if partner and partner in candidates:
        if day_first is None and formats:  # the order of the formats given decides
            day_first = chosen.index("%d") < chosen.index("%m")
        chosen, example, seconds = _day_or_month(sample, prepared, chosen, partner, day_first)
        tried = [chosen]

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
            seconds = _read_format(prepared, chosen)
        failed = seconds == MISSING
        if failed.any():
            # Cells with or without seconds, or without a time, in a column of one format.
            retry = np.flatnonzero(failed)
            again = _prepare(array[retry])
            for fallback in _fallbacks(chosen, candidates):
                tried.append(fallback)
                more = _read_format(again, fallback)
                good = (more != MISSING) & failed[retry]
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
        error[index[failed]] = _classify_failures(array[failed], tried)


def _sample(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    if array.size <= SAMPLE_SIZE:
        return array
    spread = np.linspace(0, array.size - 1, SAMPLE_SIZE // 2).astype(np.intp)
    return np.concatenate([array[: SAMPLE_SIZE // 2], array[spread]])


def _best(sample: _Prepared, candidates: list[str]) -> tuple[str, dict[str, int]]:
    scores: dict[str, int] = {}
    best, best_score = candidates[0] if candidates else "", 0
    for candidate in candidates:
        score = _score(sample, candidate)
        scores[candidate] = score
        if score > best_score:
            best, best_score = candidate, score
            if score == sample.texts.size and _partner(candidate) is None:
                break
    return best, scores


def _score(sample: _Prepared, candidate: str) -> int:
    if candidate == ISO:
        instants, _ = _parse_iso(sample.texts)
        return int((instants != MISSING).sum())
    if candidate == SERIAL:
        return sum(1 for text in sample.texts if not math.isnan(_serial_number(text)))
    return int((_read_format(sample, candidate) != MISSING).sum())


def _partner(fmt: str) -> str | None:
    """The format with day and month swapped, when both are numbers."""
    if fmt in (ISO, SERIAL) or "%d" not in fmt or "%m" not in fmt:
        return None
    if fmt.index("%Y" if "%Y" in fmt else "%y") < fmt.index("%m"):
        return None  # year first: always year-month-day
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def _day_or_month(
    sample: _Prepared, prepared: _Prepared, chosen: str, partner: str, day_first: bool | None
) -> tuple[str, str, npt.NDArray[np.int64]]:
    """Of a pair of formats (day first, month first): the one to use, the example shown in
    the assumption, and the column read with it."""
    day_fmt, month_fmt = (
        (chosen, partner) if chosen.index("%d") < chosen.index("%m") else (partner, chosen)
    )
    # The sample decides when it holds 13/2/2026 or 2/13/2026; else the whole column.
    day_ok = _read_format(sample, day_fmt) != MISSING
    month_ok = _read_format(sample, month_fmt) != MISSING
    only_day = np.flatnonzero(day_ok & ~month_ok)
    only_month = np.flatnonzero(month_ok & ~day_ok)
    if only_day.size != only_month.size:
        if only_day.size > only_month.size:
            winner, example = day_fmt, sample.texts[only_day[0]]
        else:
            winner, example = month_fmt, sample.texts[only_month[0]]
        return winner, str(example), _read_format(prepared, winner)
    array = prepared.texts
    by_day = _read_format(prepared, day_fmt)
    by_month = _read_format(prepared, month_fmt)
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
        written = django_formats.date_format(day, pgettext("date with month name", "j F Y"))
        shown = f"{example} = {written}"
    return {
        "code": "day_first" if day_first else "month_first",
        "params": {"example": shown, "field": field},
    }


def _fallbacks(chosen: str, candidates: list[str]) -> list[str]:
    """Formats with the same date part as ``chosen`` but another time part."""
    date_part = chosen.split(" ")[0]
    return [
        candidate
        for candidate in dict.fromkeys([*candidates, *CANDIDATES])
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
    parsed = pd.to_datetime(pd.Series(array, dtype=object), format=ISO, utc=True, errors="coerce")
    return _to_seconds(parsed), _has_offset(array)


def _has_offset(array: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Which ISO texts end in Z or carry a + or - after the date (2026-01-02T10:00+01:00)."""
    listed = [text if len(text) <= _MAX_TEXT else "" for text in array.tolist()]
    count = len(listed)
    if not count:
        return np.zeros(0, dtype=bool)
    lengths = np.fromiter(map(len, listed), dtype=np.int64, count=count)
    width = max(11, int(lengths.max()))
    try:
        chars: npt.NDArray[Any] = np.array(listed, dtype=f"S{width}").view(np.uint8)
    except UnicodeEncodeError:
        chars = np.array(listed, dtype=f"<U{width}").view(np.uint32)
    chars = chars.reshape(count, width)
    last = chars[np.arange(count), np.maximum(lengths - 1, 0)]
    after_date = chars[:, 10:]
    signed = ((after_date == ord("+")) | (after_date == ord("-"))).any(axis=1)
    has_offset: npt.NDArray[np.bool_] = (last == ord("Z")) | (last == ord("z")) | signed
    return has_offset


def _to_seconds(parsed: Any) -> npt.NDArray[np.int64]:
    index = pd.DatetimeIndex(parsed)
    if index.tz is not None:
        index = index.tz_convert("UTC").tz_localize(None)
    seconds: npt.NDArray[np.int64] = index.to_numpy().astype("datetime64[s]").astype(np.int64)
    return seconds


def _strptime(array: npt.NDArray[Any], fmt: str) -> npt.NDArray[np.int64]:
    """Wall-clock seconds since 1970 of every text in the format, MISSING where it fails."""
    return _read_format(_prepare(array), fmt)


# --- the format reader ---------------------------------------------------------------------------
#
# Python's and pandas' strptime take about 1.5 s for a million texts. This reader works on the
# texts as a matrix of code points: rows with the same shape (the same places of digits,
# letters and other characters) have their fields at the same places, so each field of a
# shape is read for all its rows at once. Shapes are few in a real column (1/2/2026 and
# 12/31/2026 are two); rows of rare shapes and texts too long for the matrix go through
# datetime.strptime one by one.

_FAST_WIDTH = 32  # texts up to this length go into the matrix (2 bits of shape per place)
_FAST_SHAPES = 64  # at most this many shapes read as a whole, the rest one by one
_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_LETTER = re.compile(f"[{_LETTERS}]")
_TOKEN = re.compile(f"[0-9]+|[{_LETTERS}]+|.", re.DOTALL)
_NUMBER_WIDTHS = {"Y": (4, 4), "y": (2, 2)}  # others: one or two digits
_NAMES: dict[str, int] = {
    **{
        name: number
        for number, names in enumerate(
            (
                ("jan", "january", "januar", "jän", "jänner"),
                ("feb", "february", "februar"),
                ("mar", "march", "mär", "mrz", "märz"),
                ("apr", "april"),
                ("may", "mai"),
                ("jun", "june", "juni"),
                ("jul", "july", "juli"),
                ("aug", "august"),
                ("sep", "sept", "september"),
                ("oct", "october", "okt", "oktober"),
                ("nov", "november"),
                ("dec", "december", "dez", "dezember"),
            ),
            start=1,
        )
        for name in names
    },
}
_HALVES = {"am": 0, "pm": 12}


@dataclass
class _Prepared:
    texts: npt.NDArray[Any]  # object array of str
    chars: npt.NDArray[Any]  # rows x width code points (uint8 or uint32), 0 after the end
    order: npt.NDArray[np.intp]  # rows sorted by shape
    # (first, end) in ``order`` and the tokens (kind, start, end) of the shape's first row
    shapes: list[tuple[int, int, list[tuple[str, int, int]]]]
    rest: npt.NDArray[np.intp]  # rows read one by one


def _prepare(array: npt.NDArray[Any]) -> _Prepared:
    texts = np.asarray(array, dtype=object)
    count = texts.size
    if count == 0:
        empty = np.empty(0, dtype=np.intp)
        return _Prepared(texts, np.zeros((0, 4), dtype=np.uint8), empty, [], empty)
    listed = texts.tolist()
    lengths = np.fromiter(map(len, listed), dtype=np.int64, count=count)
    fits = lengths <= _FAST_WIDTH
    if not fits.all():
        listed = [text if ok else "" for text, ok in zip(listed, fits.tolist(), strict=True)]
    # Width a multiple of 4, so that 4 places of 2 bits make a byte of the shape's key.
    width = -(-max(1, int(lengths[fits].max()) if fits.any() else 1) // 4) * 4
    chars: npt.NDArray[Any]
    try:  # one byte a character when the column is ASCII, as most are
        chars = np.array(listed, dtype=f"S{width}").view(np.uint8).reshape(count, width)
    except UnicodeEncodeError:
        chars = np.array(listed, dtype=f"<U{width}").view(np.uint32).reshape(count, width)

    kinds = np.full(chars.shape, 3, dtype=np.uint8)  # 3: any other character
    kinds[chars == 0] = 0  # after the end
    folded = chars | 32
    letter = (folded >= 97) & (folded <= 122)
    if chars.dtype == np.uint32:
        letter |= (chars >= 0xC0) & (chars < 0x250) & (chars != 0xD7) & (chars != 0xF7)
    kinds[letter] = 2
    kinds[(chars >= 48) & (chars <= 57)] = 1
    quads = kinds.reshape(count, width // 4, 4)
    packed = np.zeros((count, 8), dtype=np.uint8)
    packed[:, : width // 4] = (
        quads[:, :, 0] | quads[:, :, 1] << 2 | quads[:, :, 2] << 4 | (quads[:, :, 3] << 6)
    )
    key = packed.view(np.uint64).ravel()
    codes, _ = pd.factorize(key)
    sizes = np.bincount(codes)
    small = codes.astype(np.int16 if sizes.size < 2**15 else np.int64)  # radix sort
    order = np.argsort(small, kind="stable").astype(np.intp)
    ends = np.cumsum(sizes)
    starts = ends - sizes
    by_size = np.argsort(-sizes, kind="stable")
    shapes: list[tuple[int, int, list[tuple[str, int, int]]]] = []
    rest: list[npt.NDArray[np.intp]] = [np.flatnonzero(~fits)]
    for rank, shape in enumerate(by_size.tolist()):
        first, end = int(starts[shape]), int(ends[shape])
        sample = listed[int(order[first])]
        if not sample:
            continue  # too long for the matrix: read one by one (in ``rest`` already)
        if rank >= _FAST_SHAPES:
            rest.append(order[first:end])
            continue
        tokens = [
            (_token_kind(match.group()), match.start(), match.end())
            for match in _TOKEN.finditer(sample)
        ]
        shapes.append((first, end, tokens))
    return _Prepared(texts, chars, order, shapes, np.concatenate(rest).astype(np.intp))


def _token_kind(token: str) -> str:
    if token[0] in "0123456789":
        return "d"
    return "a" if _LETTER.fullmatch(token[0]) else "o"


def _compile(fmt: str) -> list[tuple[str, str]] | None:
    """The format as items: ("num", d), ("name", b), ("other", ":"), ("word", "uhr"); None
    when it has directives or literals this reader does not handle."""
    items: list[tuple[str, str]] = []
    position = 0
    while position < len(fmt):
        char = fmt[position]
        if char == "%" and position + 1 < len(fmt):
            directive = fmt[position + 1]
            position += 2
            if directive in "dmYyHIMS":
                if items and items[-1][0] == "num":
                    return None
                items.append(("num", directive))
            elif directive in "bBp":
                if items and items[-1][0] in ("name", "word"):
                    return None
                items.append(("name", directive))
            elif directive == "%":
                items.append(("other", "%"))
            else:
                return None
            continue
        position += 1
        if char.isdigit():
            return None
        if _LETTER.fullmatch(char):
            if items and items[-1][0] == "name":
                return None
            if items and items[-1][0] == "word":
                items[-1] = ("word", items[-1][1] + char.lower())
            else:
                items.append(("word", char.lower()))
            continue
        items.append(("other", char))
    return items


def _read_format(prepared: _Prepared, fmt: str) -> npt.NDArray[np.int64]:
    count = prepared.texts.size
    result = np.full(count, MISSING, dtype=np.int64)
    items = _compile(fmt)
    if items is None:
        return _read_slowly(prepared.texts, np.arange(count, dtype=np.intp), fmt, result)
    for first, end, tokens in prepared.shapes:
        if not _fits(tokens, items):
            continue
        rows = prepared.order[first:end]
        seconds = _read_shape(prepared.chars, rows, tokens, items)
        result[rows] = seconds
    if prepared.rest.size:
        _read_slowly(prepared.texts, prepared.rest, fmt, result)
    return result


def _fits(tokens: list[tuple[str, int, int]], items: list[tuple[str, str]]) -> bool:
    if len(tokens) != len(items):
        return False
    for (kind, start, end), (item, value) in zip(tokens, items, strict=True):
        if item == "num":
            low, high = _NUMBER_WIDTHS.get(value, (1, 2))
            if kind != "d" or not low <= end - start <= high:
                return False
        elif item in ("name", "word"):
            if kind != "a" or (item == "word" and end - start != len(value)):
                return False
        elif kind != "o":
            return False
    return True


def _read_shape(
    chars: npt.NDArray[Any],
    rows: npt.NDArray[np.intp],
    tokens: list[tuple[str, int, int]],
    items: list[tuple[str, str]],
) -> npt.NDArray[np.int64]:
    ok = np.ones(rows.size, dtype=bool)
    fields: dict[str, npt.NDArray[np.int64]] = {}
    block = chars[rows]  # one gather; the fields are columns of it
    for (_, start, end), (item, value) in zip(tokens, items, strict=True):
        if item == "num":
            number = block[:, start].astype(np.int64) - 48
            for place in range(start + 1, end):
                number = number * 10 + (block[:, place].astype(np.int64) - 48)
            fields[value] = number
        elif item == "other":
            ok &= block[:, start] == ord(value)
        elif item == "word":
            for offset, letter in enumerate(value):
                ok &= _lower(block[:, start + offset]) == ord(letter)
        else:
            fields[value] = _names(block[:, start:end], _HALVES if value == "p" else _NAMES)
            ok &= fields[value] >= 0

    ones = np.ones(rows.size, dtype=np.int64)
    zeros = np.zeros(rows.size, dtype=np.int64)
    if "Y" in fields:
        year = fields["Y"]
    elif "y" in fields:
        year = np.where(fields["y"] < 69, 2000, 1900) + fields["y"]
    else:
        year = ones * 1900
    month = fields.get("m", fields.get("b", fields.get("B", ones)))
    day = fields.get("d", ones)
    if "I" in fields:
        twelve = fields["I"]
        ok &= (twelve >= 1) & (twelve <= 12)
        hour = twelve % 12 + fields.get("p", zeros)
    else:
        hour = fields.get("H", zeros)
    minute = fields.get("M", zeros)
    second = fields.get("S", zeros)
    ok &= (month >= 1) & (month <= 12) & (day >= 1) & (hour <= 23) & (minute <= 59)
    ok &= second <= 59
    month = np.where(ok, month, 1)
    ok &= day <= _days_in_month(year, month)
    seconds = _days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
    return np.where(ok, seconds, MISSING)


def _lower(codes: npt.NDArray[Any]) -> npt.NDArray[np.uint32]:
    wide = codes.astype(np.uint32)
    upper = ((wide >= 65) & (wide <= 90)) | ((wide >= 0xC0) & (wide <= 0xDE) & (wide != 0xD7))
    lowered: npt.NDArray[np.uint32] = np.where(upper, wide + 32, wide).astype(np.uint32)
    return lowered


def _names(block: npt.NDArray[Any], table: dict[str, int]) -> npt.NDArray[np.int64]:
    """The number of each name (month, AM/PM) in the rows of ``block``; -1 when unknown.

    A name is keyed by its length and its first six letters (10 bits each)."""
    rows, length = block.shape
    if length > 15:
        return np.full(rows, -1, dtype=np.int64)
    lowered = _lower(block).astype(np.uint64)
    key = np.full(rows, length << 60, dtype=np.uint64)
    for place in range(min(length, 6)):
        key |= lowered[:, place] << np.uint64(10 * place)
    wide = (lowered >= 1024).any(axis=1)
    codes, uniques = pd.factorize(key)
    known = {_name_key(name): number for name, number in table.items()}
    numbers = np.array([known.get(int(unique), -1) for unique in uniques], dtype=np.int64)
    found: npt.NDArray[np.int64] = np.where(wide, -1, numbers[codes])
    return found


def _name_key(name: str) -> int:
    key = len(name) << 60
    for place, char in enumerate(name[:6]):
        key |= ord(char) << (10 * place)
    return key


def _days_in_month(year: npt.NDArray[np.int64], month: npt.NDArray[np.int64]) -> Any:
    lengths = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    return lengths[month] + ((month == 2) & leap)


def _days_from_civil(
    year: npt.NDArray[np.int64], month: npt.NDArray[np.int64], day: npt.NDArray[np.int64]
) -> Any:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    year = year - (month <= 2)
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def _read_slowly(
    texts: npt.NDArray[Any],
    rows: npt.NDArray[np.intp],
    fmt: str,
    result: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    epoch = datetime(1970, 1, 1)
    for row in rows.tolist():
        try:
            value = datetime.strptime(str(texts[row]), fmt)
        except ValueError:
            continue
        if value.tzinfo is not None:
            continue  # a format with %z: not a wall-clock time (ISO handles offsets)
        delta = value - epoch
        result[row] = delta.days * 86400 + delta.seconds
    return result


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


def _classify_failures(array: npt.NDArray[Any], tried: list[str]) -> npt.NDArray[np.str_]:
    """For texts that did not parse: "impossible_date" where they have the shape of a format
    tried (or a year outside the plausible ones: "implausible_date"), else "bad_date"."""
    codes = np.full(array.size, "bad_date", dtype="<U16")
    shapes = [_ISO_SHAPE if fmt == ISO else _shape(fmt) for fmt in tried if fmt != SERIAL]
    if not shapes:
        return codes
    for position, text in enumerate(array.tolist()):
        for shape in shapes:
            match = shape.fullmatch(str(text))
            if match is None:
                continue
            year = match.groupdict().get("year")
            if year is not None and not EARLIEST_YEAR <= int(year) <= LATEST_YEAR:
                codes[position] = "implausible_date"
            else:
                codes[position] = "impossible_date"
            break
    return codes


# --- native values and serial numbers ------------------------------------------------------------


def _parse_natives(
    index: npt.NDArray[np.intp],
    natives: list[Any],
    local: npt.NDArray[np.int64],
    exact: npt.NDArray[np.int64],
    error: npt.NDArray[np.str_],
) -> None:
    if all(type(value) is datetime and value.tzinfo is None for value in natives):
        local[index] = _to_seconds(pd.to_datetime(np.asarray(natives, dtype=object)))
        return
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
    stamps = _to_seconds(pd.to_datetime(np.asarray(naive, dtype=object)))
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
