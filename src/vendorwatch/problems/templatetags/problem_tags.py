"""Template filters of the problem log."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone

register = template.Library()


def _plain(value: datetime) -> str:
    # Formatted by hand: strftime pads years below 1000 differently on each platform.
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d} {value.hour:02d}:{value.minute:02d}"


@register.filter(expects_localtime=False)
def when(value: datetime | None) -> str:
    """25.11.2026 13:00 in the current time zone ("" for no time).

    A stored time at the edge of the calendar (31.12.9999 23:30 written to the database)
    cannot be moved into a time zone east of UTC; it is shown in UTC instead of taking the
    page down.
    """
    if value is None or value == "":
        return ""
    if timezone.is_naive(value):
        return _plain(value)
    try:
        return _plain(timezone.localtime(value))
    except (OverflowError, ValueError):
        # Times from the database are in UTC already; say so next to the time.
        return f"{_plain(value)} UTC" if value.utcoffset() == timedelta(0) else _plain(value)
