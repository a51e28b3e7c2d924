"""Test data for meetings: plain functions with sensible defaults."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

from vendorwatch.meetings.models import ActionItem, Meeting, MeetingSeries
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import make_provider

BERLIN = ZoneInfo("Europe/Berlin")
_sequence = count(1)


def make_series(provider: Provider | None = None, **fields: Any) -> MeetingSeries:
    fields.setdefault("title", f"Jour fixe {next(_sequence)}")
    fields.setdefault("rule", "FREQ=MONTHLY;BYDAY=1TU")
    fields.setdefault("first_date", date(2026, 1, 6))
    fields.setdefault("start_time", time(10, 0))
    fields.setdefault("duration_minutes", 60)
    fields.setdefault("time_zone", "Europe/Berlin")
    return MeetingSeries.objects.create(provider=provider or make_provider(), **fields)


def make_meeting(provider: Provider | None = None, **fields: Any) -> Meeting:
    """A one-off meeting (or, with ``series=``, a stored occurrence at ``starts_at``)."""
    series = fields.get("series")
    if provider is None:
        provider = series.provider if series is not None else make_provider()
    starts_at = fields.setdefault("starts_at", datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN))
    fields.setdefault("ends_at", starts_at + timedelta(hours=1))
    fields.setdefault("title", series.title if series is not None else "Besprechung")
    if series is not None:
        fields.setdefault("recurrence_id", starts_at)
        fields.setdefault("uid", series.uid)
    return Meeting.objects.create(provider=provider, **fields)


def make_action(provider: Provider | None = None, **fields: Any) -> ActionItem:
    meeting = fields.get("meeting")
    if provider is None:
        provider = meeting.provider if meeting is not None else make_provider()
    fields.setdefault("title", f"Aufgabe {next(_sequence)}")
    fields.setdefault("due_date", date(2026, 3, 31))
    return ActionItem.objects.create(provider=provider, **fields)
