"""The filtered problem list as rows for CSV and XLSX, safe to open in a spreadsheet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from django.db.models.query import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vendorwatch.problems.listing import CLOCK_COLUMNS
from vendorwatch.problems.models import ClockState, Problem, Status
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


class _Stored:
    """The stored clock columns of one row; the model's own rule says which state to show."""

    __slots__ = CLOCK_COLUMNS
    state: str
    since: datetime
    reported_to_provider_at: datetime
    response_due: datetime | None
    resolution_due: datetime | None
    next_due: datetime | None
    breached_at: datetime | None
    shown_state = Problem.shown_state
    times_plausible = Problem.times_plausible

    def __init__(self, values: tuple[object, ...]) -> None:
        for name, value in zip(CLOCK_COLUMNS, values, strict=True):
            setattr(self, name, value)


def local_time_formatter() -> Callable[[datetime | None], str]:
    """``when`` with the time zone looked up once instead of once per cell."""
    zone = timezone.get_current_timezone()

    def formatted(value: datetime | None) -> str:
        if value is None:
            return ""
        try:
            return _plain(value.astimezone(zone))
        except (OverflowError, ValueError):
            return when(value)  # the edge of the calendar, said as the page says it

    return formatted


def rows(problems: QuerySet[Problem]) -> Iterator[list[str]]:
    yield header()
    shown_time = local_time_formatter()
    statuses = {value: str(label) for value, label in Status.choices}
    states = {value: str(label) for value, label in ClockState.choices}
    yes, no = _("yes"), _("no")
    first_stored = len(COLUMNS) - len(CLOCK_COLUMNS)
    values = problems.values_list(*COLUMNS).iterator(chunk_size=CHUNK)
    for row in values:
        pk, title, provider, service, code, priority, status, ticket, reporter, breached = row[
            :first_stored
        ]
        stored = _Stored(row[first_stored:])
        state = stored.shown_state  # type: ignore[misc]  # a plain row, not a Problem
        # A record that cannot be computed says so; its stored due times mean nothing.
        computed = state != ClockState.INVALID
        # Only what people typed can start like a formula; numbers, dates and our own
        # words cannot.
        yield [
            str(pk),
            neutralise(title),
            neutralise(provider),
            neutralise(service or ""),
            neutralise(f"{code} {priority}") if code is not None else "",
            statuses.get(status, status),
            states.get(state, state),
            shown_time(stored.reported_to_provider_at),
            shown_time(stored.response_due) if computed else "",
            shown_time(stored.resolution_due) if computed else "",
            (yes if breached else no) if computed else "",
            neutralise(ticket),
            neutralise(reporter or ""),
        ]
