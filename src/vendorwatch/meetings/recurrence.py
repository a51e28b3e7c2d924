"""Recurrence rules (RFC 5545 RRULE) of meeting series: read, check and expanded into dates.

A series meets at the same wall-clock time in its own time zone all year: the rule is expanded
from a start in that zone, so 10:00 stays 10:00 across the change to and from summer time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from vendorwatch.meetings.models import MeetingSeries

ALLOWED_PARTS = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "BYWEEKNO",
    "BYYEARDAY",
    "WKST",
}
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# Parts that can make a rule impossible (February 30th): checked before the rule is expanded,
# because a daily rule that never matches would otherwise be searched until the year 9999.
DAY_FILTERS = {"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY", "BYSETPOS"}
UNTIL_DATE = re.compile(r"^\d{8}$")
UNTIL_LOCAL = re.compile(r"^\d{8}T\d{6}$")
UNTIL_UTC = re.compile(r"^\d{8}T\d{6}Z$")


class RuleError(ValueError):
    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


def _parts(text: str) -> dict[str, str]:
    text = text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    parts: dict[str, str] = {}
    for chunk in filter(None, (piece.strip() for piece in text.split(";"))):
        name, sep, value = chunk.partition("=")
        name, value = name.strip().upper(), value.strip().upper()
        if not sep or not value:
            raise RuleError(_("Each part of the rule must look like NAME=VALUE."))
        if name not in ALLOWED_PARTS:
            if name in {"BYHOUR", "BYMINUTE", "BYSECOND", "DTSTART"}:
                raise RuleError(_("The time is set by the fields for the start, not in the rule."))
            raise RuleError(
                _("The rule contains a part that is not known: %(part)s") % {"part": name}
            )
        if name in parts:
            raise RuleError(_("The rule names %(part)s twice.") % {"part": name})
        parts[name] = value
    if parts.get("FREQ") not in FREQUENCIES:
        raise RuleError(_("The rule must repeat daily, weekly, monthly or yearly (FREQ=…)."))
    if "COUNT" in parts and "UNTIL" in parts:
        raise RuleError(_("The rule can end after a number of meetings or on a date, not both."))
    return parts


def _until_utc(value: str, zone: ZoneInfo) -> str:
    """UNTIL as RFC 5545 wants it beside a start with a time zone: in UTC. A date means the end
    of that day in the series' zone."""
    if UNTIL_UTC.match(value):
        return value
    if UNTIL_DATE.match(value):
        local = datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59)
    elif UNTIL_LOCAL.match(value):
        local = datetime.strptime(value, "%Y%m%dT%H%M%S")
    else:
        raise RuleError(_("The end date of the rule (UNTIL) cannot be read."))
    return local.replace(tzinfo=zone).astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")


def start_of(first_date: date, start_time: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(first_date, start_time.replace(second=0, microsecond=0), tzinfo=zone)


def _build(parts: dict[str, str], start: datetime) -> rrule:
    text = ";".join(f"{name}={value}" for name, value in parts.items())
    try:
        rule = rrulestr(text, dtstart=start)
    except (ValueError, TypeError, OverflowError) as error:
        raise RuleError(
            _("The rule cannot be read. A rule looks like this: FREQ=MONTHLY;BYDAY=1TU")
        ) from error
    assert isinstance(rule, rrule)
    return rule


def _can_occur(parts: dict[str, str], start: datetime) -> bool:
    if DAY_FILTERS & parts.keys():
        # The same day filters on a yearly rule match a superset of the days, and years are
        # quick to search; a daily rule that never matches would be searched day by day until
        # the year 9999.
        yearly = {k: v for k, v in parts.items() if k not in {"INTERVAL", "COUNT", "UNTIL"}}
        yearly["FREQ"] = "YEARLY"
        if _build(yearly, start).after(start, inc=True) is None:
            return False
    return _build(parts, start).after(start, inc=True) is not None


def normalize_rule(text: str, *, first_date: date, start_time: time, zone: ZoneInfo) -> str:
    """The rule in its stored form (no ``RRULE:``, upper case, UNTIL in UTC), or
    :class:`RuleError` with a message for the user."""
    parts = _parts(text)
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_utc(parts["UNTIL"], zone)
    start = start_of(first_date, start_time, zone)
    _build(parts, start)
    try:
        occurs = _can_occur(parts, start)
    except (ValueError, OverflowError) as error:
        raise RuleError(_("This rule never gives a meeting date. Please check it.")) from error
    if not occurs:
        raise RuleError(_("This rule never gives a meeting date. Please check it."))
    return ";".join(f"{name}={value}" for name, value in parts.items())


def series_rule(series: MeetingSeries) -> rrule:
    zone = ZoneInfo(series.time_zone)
    return _build(_parts(series.rule), start_of(series.first_date, series.start_time, zone))


def _never(series: MeetingSeries) -> bool:
    """A stored rule that can give no date (written to the database past the form's check)
    would make every expansion search until the year 9999."""
    parts = _parts(series.rule)
    if not DAY_FILTERS & parts.keys():
        return False
    yearly = {k: v for k, v in parts.items() if k not in {"INTERVAL", "COUNT", "UNTIL"}}
    yearly["FREQ"] = "YEARLY"
    zone = ZoneInfo(series.time_zone)
    start = start_of(series.first_date, series.start_time, zone)
    return _build(yearly, start).after(start, inc=True) is None


def occurrences(series: MeetingSeries, start: datetime, end: datetime) -> list[datetime]:
    """Starts of the series' meetings from ``start`` (inclusive) to ``end`` (exclusive), in
    the series' zone."""
    if _never(series):
        return []
    zone = ZoneInfo(series.time_zone)
    found = series_rule(series).between(start.astimezone(zone), end.astimezone(zone), inc=True)
    return [moment for moment in found if moment < end]


def next_occurrences(series: MeetingSeries, after: datetime, limit: int) -> list[datetime]:
    if _never(series):
        return []
    zone = ZoneInfo(series.time_zone)
    rule = series_rule(series)
    found = rule.xafter(after.astimezone(zone), count=limit, inc=True)
    return list(islice(found, limit))


def duration(series: MeetingSeries) -> timedelta:
    return timedelta(minutes=series.duration_minutes)
