"""Business time as people say it: "3 Arbeitstage 4:30 h" rather than "1229:30 h".

A duration of a day or more is written in business days of the SLA's service hours plus the
hours and minutes left over; a shorter one stays "4:30 h". How long a business day is comes
from the calendar of the SLA version the problem was reported under
(:attr:`vendorwatch.core.businesstime.BusinessCalendar.daily_seconds`: the daily hours the
calendar names, else the most common length of its opening days, e.g. 9 h for Mo–Fr 08–17).
It is the same day the engine counts a target "in days" with, so a target of two days reads
"2 Arbeitstage". Round-the-clock service hours have 24-hour days, which are called days.
"""

from __future__ import annotations

import logging

from django.utils.translation import npgettext

from vendorwatch.core import businesstime as bt
from vendorwatch.core.businesstime.explain import format_duration
from vendorwatch.sla.models import SlaVersion
from vendorwatch.sla.wording import duration_text

logger = logging.getLogger(__name__)

DAY = 24 * 3600


def business_duration(seconds: int, day_seconds: int = 0) -> str:
    """``seconds`` of business time; ``day_seconds`` is the length of a business day (0: no
    days, hours only)."""
    if day_seconds <= 0 or abs(seconds) < day_seconds:
        return format_duration(seconds)
    sign = "-" if seconds < 0 else ""
    days, rest = divmod(abs(seconds), day_seconds)
    text = sign + _days(days, day_seconds)
    return f"{text} {format_duration(rest)}" if rest else text


def target_duration(seconds: int, day_seconds: int = 0) -> str:
    """A target: "8 Std.", "30 Min.", "2 Arbeitstage" — never "8:00 h", which reads like a
    time of day. ``day_seconds`` as for :func:`business_duration`."""
    days, rest = divmod(seconds, day_seconds) if 0 < day_seconds <= seconds else (0, seconds)
    parts = [_days(days, day_seconds)] if days else []
    if rest or not days:
        parts.append(duration_text(rest // 60))
    return " ".join(parts)


def day_of(result: bt.TargetResult, day_seconds: int) -> int:
    """The length of a day for ``result``'s durations: a target counted in calendar time has
    days of 24 hours, whatever the service hours."""
    return DAY if result.clock is bt.Clock.CALENDAR else day_seconds


def _days(days: int, day_seconds: int) -> str:
    if day_seconds == DAY:
        text = npgettext("duration", "%(count)s day", "%(count)s days", days)
    else:
        text = npgettext("duration", "%(count)s business day", "%(count)s business days", days)
    return text % {"count": days}


def day_seconds(version: SlaVersion | None) -> int:
    """The length of a business day under this SLA version (0 without one, or when its
    calendar cannot be built: then durations are written in hours)."""
    if version is None:
        return 0
    try:
        return version.engine_calendar().daily_seconds
    except (ValueError, KeyError, TypeError, OverflowError):
        logger.info("SLA version #%s: its service hours cannot be read", version.pk, exc_info=True)
        return 0
