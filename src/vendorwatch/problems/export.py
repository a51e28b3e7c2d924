"""The filtered problem list as rows for CSV and XLSX, safe to open in a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models.query import QuerySet
from django.utils.translation import gettext as _

from vendorwatch.problems.models import ClockState, Problem, Status
from vendorwatch.problems.templatetags.problem_tags import when

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


def rows(problems: QuerySet[Problem]) -> Iterator[list[str]]:
    yield header()
    for p in problems.iterator(chunk_size=2000):
        state = p.shown_state
        # A record that cannot be computed says so; its stored due times mean nothing.
        computed = state != ClockState.INVALID
        yield [
            neutralise(v)
            for v in (
                p.pk,
                p.title,
                p.provider.name,
                p.service.name if p.service else "",
                f"{p.priority.code} {p.priority.name}" if p.priority else "",
                Status(p.status).label,
                ClockState(state).label,
                when(p.reported_to_provider_at),
                when(p.response_due) if computed else "",
                when(p.resolution_due) if computed else "",
                (_("yes") if p.breached else _("no")) if computed else "",
                p.provider_ticket_number,
                p.reporter.get_username() if p.reporter else "",
            )
        ]
