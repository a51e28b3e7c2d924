"""The filtered problem list as rows for CSV and XLSX, safe to open in a spreadsheet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.db.models.query import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vendorwatch.problems.listing import CLOCK_COLUMNS
from vendorwatch.problems.models import ClockState, Problem, Status, moments_plausible
from vendorwatch.problems.services import stream
from vendorwatch.problems.templatetags.problem_tags import _plain, when

# A cell starting with one of these would be read as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """Prefix an apostrophe so that a spreadsheet shows the text instead of running it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def header() -> list[str]:
    return [
        _("Number"),
        _("Title"),
        _("Provider"),
        _("Service"),
        _("Priority"),
        _("Status"),
        _("SLA state"),
        _("Reported to the provider"),
        _("Response due"),
        _("Resolution due"),
        _("Deadline missed"),
        _("Provider's ticket number"),
        _("Reported by"),
    ]


# Read as plain values, a chunk at a time: no model objects, none of the long texts.
COLUMNS = (
    "pk",
    "title",
    "provider__name",
    "service__name",
    "priority__code",
    "priority__name",
    "status",
    "provider_ticket_number",
    "reporter__username",
    "breached",
    *CLOCK_COLUMNS,
)
CHUNK = 2000
# The clock's times (all but its state) are read as times without Django's converters.
FIRST_CLOCK_COLUMN = len(COLUMNS) - len(CLOCK_COLUMNS)
INSTANTS = tuple(range(FIRST_CLOCK_COLUMN + 1, len(COLUMNS)))


def local_time_formatter() -> Callable[[datetime | None], str]:
    """``when`` for aware times, fast enough for 100,000 rows: the time zone is looked up
    once, and the local date and hour once per hour of UTC (where the zone's offset is whole
    hours for all of that hour, the minutes stay the same)."""
    zone = timezone.get_current_timezone()
    hours: dict[tuple[int, int, int, int], str | None] = {}

    def local_hour(value: datetime) -> str | None:
        start = value.replace(minute=0, second=0, microsecond=0)
        try:
            first = start.astimezone(zone)
            last = (start + timedelta(minutes=59)).astimezone(zone)
        except (OverflowError, ValueError):
            return None
        offset = first.utcoffset()
        if offset != last.utcoffset() or offset is None or offset % timedelta(hours=1):
            return None
        return _plain(first)[:-3]  # "25.11.2026 10"

    def formatted(value: datetime | None) -> str:
        if value is None:
            return ""
        key = (value.year, value.month, value.day, value.hour)
        try:
            prefix = hours[key]
        except KeyError:
            if len(hours) > 100_000:  # memory stays bounded however many rows
                hours.clear()
            prefix = hours[key] = local_hour(value)
        if prefix is None:  # an offset in minutes, or the edge of the calendar
            return when(value)
        return f"{prefix}:{value.minute:02d}"

    return formatted


def _streamed(problems: QuerySet[Problem]) -> Iterator[tuple[object, ...]]:
    for chunk in stream(problems, COLUMNS, INSTANTS, CHUNK):
        yield from chunk


def rows(problems: QuerySet[Problem]) -> Iterator[list[object]]:
    yield list[object](header())
    shown_time = local_time_formatter()
    statuses = {value: str(label) for value, label in Status.choices}
    states = {value: str(label) for value, label in ClockState.choices}
    yes, no = _("yes"), _("no")
    invalid = ClockState.INVALID
    for row in _streamed(problems):
        pk, title, provider, service, code, priority, status, ticket, reporter, breached = row[
            :FIRST_CLOCK_COLUMN
        ]
        state, *times = row[FIRST_CLOCK_COLUMN:]
        reported, response_due, resolution_due = times[1:4]
        # A record that cannot be computed says so; its stored due times mean nothing.
        computed = state != invalid and moments_plausible(times)  # type: ignore[arg-type]
        # Only what people typed can start like a formula; numbers, dates and our own
        # words cannot. An empty cell is None: a spreadsheet writer leaves it out (the CSV
        # writer writes it as nothing, like "").
        yield [
            pk,
            neutralise(title),
            neutralise(provider),
            neutralise(service) if service else None,
            neutralise(f"{code} {priority}") if code is not None else None,
            statuses.get(status, status),  # type: ignore[call-overload]
            states.get(state, state) if computed else states[invalid],  # type: ignore[call-overload]
            shown_time(reported),  # type: ignore[arg-type]
            shown_time(response_due) if computed and response_due else None,  # type: ignore[arg-type]
            shown_time(resolution_due) if computed and resolution_due else None,  # type: ignore[arg-type]
            (yes if breached else no) if computed else None,
            neutralise(ticket) if ticket else None,
            neutralise(reporter) if reporter else None,
        ]
