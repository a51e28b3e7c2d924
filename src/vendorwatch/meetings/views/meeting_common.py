"""What the meeting pages share: dates shown safely, and a series' next dates that never take a
page down.

A stored record an engine cannot compute (a first date in the year 9999, a rule or time zone
changed in the database) shows "cannot be computed — please check" and is logged; the rest of
the page works as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vendorwatch.meetings.models import Meeting, MeetingSeries
from vendorwatch.meetings.presets import describe
from vendorwatch.meetings.recurrence import normalize_rule
from vendorwatch.meetings.services import Occurrence, series_end_date, upcoming_occurrences
from vendorwatch.problems.models import plausible

logger = logging.getLogger(__name__)

# What a stored value the engines cannot compute raises.
COMPUTE_ERRORS = (ValueError, OverflowError, KeyError, TypeError, AssertionError)


def cannot_compute_text() -> str:
    return _("cannot be computed — please check")


def sent_message(request: HttpRequest, count: int) -> None:
    """Say how many e-mails were queued (one per person), or why none was."""
    if count:
        text = ngettext(
            "An e-mail is being sent to %(count)s person.",
            "E-mails are being sent to %(count)s people.",
            count,
        )
        messages.success(request, text % {"count": count})
    else:
        messages.info(
            request,
            _(
                "No e-mail was sent: the participants have received exactly this already, or "
                "none of them has an e-mail address."
            ),
        )


def when(moment: datetime | None, *, weekday: bool = True) -> str:
    """ "Di. 05.01.2027 10:00" in the current time zone; a time at the edge of the calendar that
    cannot be moved into it is shown in UTC instead of taking the page down."""
    if moment is None:
        return ""
    pattern = "D d.m.Y H:i" if weekday else "d.m.Y H:i"
    try:
        return formats.date_format(timezone.localtime(moment), pattern)
    except (OverflowError, ValueError):
        return f"{formats.date_format(moment, pattern)} UTC"


def day_text(day: date | None) -> str:
    return formats.date_format(day, "d.m.Y") if day else ""


def until_text(starts: datetime, ends: datetime) -> str:
    """ "Di. 05.01.2027 10:00–11:00", or both dates when the meeting ends on another day."""
    try:
        start, end = timezone.localtime(starts), timezone.localtime(ends)
    except (OverflowError, ValueError):
        return f"{when(starts)} – {when(ends)}"
    if start.date() == end.date():
        return f"{when(starts)}–{formats.date_format(end, 'H:i')}"
    return f"{when(starts)} – {when(ends)}"


def rule_text(series: MeetingSeries) -> str:
    try:
        return describe(series.rule, series.first_date)
    except COMPUTE_ERRORS:
        return series.rule


@dataclass
class SeriesDates:
    """A series with its next dates, or ``failed`` when they cannot be computed."""

    series: MeetingSeries
    upcoming: list[Occurrence] = field(default_factory=list)
    failed: bool = False
    # The day the series ended (its rule's end date, today or earlier), else None.
    ended_on: date | None = None

    @property
    def ended_text(self) -> str:
        return day_text(self.ended_on)

    @property
    def rule_text(self) -> str:
        return rule_text(self.series)

    @property
    def next(self) -> Occurrence | None:
        return next((o for o in self.upcoming if not o.is_cancelled), None)

    @property
    def next_text(self) -> str:
        return when(self.next.starts_at) if self.next else ""


def series_computable(series: MeetingSeries) -> bool:
    """Whether the stored first date, time zone and rule can be expanded (checked first: a
    daily rule that never matches, written to the database, would be searched until 9999)."""
    try:
        if not plausible(series.first_date):
            return False
        normalize_rule(
            series.rule,
            first_date=series.first_date,
            start_time=series.start_time,
            zone=ZoneInfo(series.time_zone),
        )
    except COMPUTE_ERRORS:
        return False
    return True


def series_dates(
    series: MeetingSeries,
    now: datetime,
    limit: int,
    *,
    stored: Iterable[Meeting] | None = None,
) -> SeriesDates:
    """The series' next dates; ``stored`` as for :func:`upcoming_occurrences`."""
    try:
        if not series_computable(series):
            raise ValueError(series.rule)
        upcoming = upcoming_occurrences(series, now, limit, stored=stored)
        for occurrence in upcoming:  # the texts of each date must be computable too
            occurrence.key  # noqa: B018
            until_text(occurrence.starts_at, occurrence.ends_at)
        end = series_end_date(series)
        today = now.astimezone(ZoneInfo(series.time_zone)).date()
    except COMPUTE_ERRORS:
        logger.info("Meeting series #%s: its dates cannot be computed", series.pk, exc_info=True)
        return SeriesDates(series, failed=True)
    return SeriesDates(series, upcoming, ended_on=end if end and end <= today else None)


@dataclass(frozen=True)
class DateRow:
    """One coming date on the overview: an occurrence of a series or a one-off meeting."""

    starts_at: datetime
    title: str
    provider: str
    url: str
    text: str
    cancelled: bool
    meeting: Meeting | None

    @staticmethod
    def of(occurrence: Occurrence, url: str) -> DateRow:
        series = occurrence.series
        return DateRow(
            occurrence.starts_at,
            series.title,
            series.provider.name,
            url,
            until_text(occurrence.starts_at, occurrence.ends_at),
            occurrence.is_cancelled,
            occurrence.meeting,
        )


def locked_message(meeting: Meeting) -> str:
    """Why the meeting or its agenda can no longer be changed, or "" when it can."""
    if meeting.minutes_locked:
        return _(
            "The minutes of this meeting are approved, so the meeting and its agenda can no "
            "longer be changed."
        )
    return ""


def meeting_facts(meeting: Meeting) -> dict[str, Any]:
    return {
        "when_text": until_text(meeting.starts_at, meeting.ends_at),
        "participants": list(meeting.participants.all()),
        "contacts": list(meeting.contacts.all()),
    }
