"""Workflows over meetings: occurrences of a series as the user sees them, preparing one,
finding the meeting before, and keeping the stored meetings in step when a series' schedule
changes or the series ends."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from vendorwatch.meetings.models import Meeting, MeetingSeries, new_uid
from vendorwatch.meetings.recurrence import (
    duration,
    next_occurrences,
    normalize_rule,
    occurrences,
)

# The fields that decide a series' dates: a change to one of them moves its stored meetings.
SCHEDULE_FIELDS = ("rule", "first_date", "start_time", "duration_minutes", "time_zone")


@dataclass(frozen=True)
class Occurrence:
    """One date of a series: as the rule gives it, or as a stored meeting moved or cancelled it."""

    series: MeetingSeries
    recurrence_id: datetime
    starts_at: datetime
    ends_at: datetime
    meeting: Meeting | None

    @property
    def is_cancelled(self) -> bool:
        return self.meeting is not None and self.meeting.is_cancelled

    @property
    def key(self) -> str:
        """The occurrence in a URL: its start as the rule gives it, in UTC."""
        return occurrence_key(self.recurrence_id)


def occurrence_key(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_occurrence_key(key: str) -> datetime | None:
    try:
        return datetime.strptime(key, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def _with_stored(series: MeetingSeries, starts: list[datetime]) -> list[Occurrence]:
    stored = {m.recurrence_id: m for m in series.meetings.filter(recurrence_id__in=starts)}
    length = duration(series)
    result = []
    for start in starts:
        meeting = stored.get(start)
        if meeting is not None:
            result.append(Occurrence(series, start, meeting.starts_at, meeting.ends_at, meeting))
        else:
            result.append(Occurrence(series, start, start, start + length, None))
    return result


def series_occurrences(series: MeetingSeries, start: datetime, end: datetime) -> list[Occurrence]:
    """The series' dates whose rule start lies in [start, end), with the stored meeting where
    one exists (moved meetings at their new time)."""
    if series.ended:
        ended = series.meetings.filter(recurrence_id__gte=start, recurrence_id__lt=end)
        starts = sorted(m.recurrence_id for m in ended if m.recurrence_id is not None)
    else:
        starts = occurrences(series, start, end)
    return _with_stored(series, starts)


def upcoming_stored(after: datetime) -> Q:
    """The stored occurrences :func:`upcoming_occurrences` needs (to prefetch them for many
    series at once): those the rule gives from ``after`` on, and those moved there."""
    return Q(recurrence_id__isnull=False) & (Q(recurrence_id__gte=after) | Q(starts_at__gte=after))


def upcoming_occurrences(
    series: MeetingSeries,
    after: datetime,
    limit: int,
    *,
    stored: Iterable[Meeting] | None = None,
) -> list[Occurrence]:
    """The next ``limit`` dates of the series that start at ``after`` or later, by their
    start: the rule's dates with their stored meetings, and meetings moved from an earlier
    rule date to one still ahead. ``stored`` are the series' meetings matching
    :func:`upcoming_stored` when the caller fetched them already (one query for many series).
    """
    if series.ended:
        return []
    if stored is None:
        stored = series.meetings.filter(upcoming_stored(after))
    found = [(m.recurrence_id, m) for m in stored if m.recurrence_id is not None]
    by_start = dict(found)
    # Rule dates whose meeting was moved before ``after`` are left out: fetch that many more.
    early = len([m for start, m in found if start >= after and m.starts_at < after])
    starts = next_occurrences(series, after, limit + early)
    length = duration(series)
    result = []
    for start in starts:
        meeting = by_start.get(start)
        if meeting is None:
            result.append(Occurrence(series, start, start, start + length, None))
        elif meeting.starts_at >= after:
            result.append(Occurrence(series, start, meeting.starts_at, meeting.ends_at, meeting))
    listed = set(starts)
    for start, meeting in found:
        if start not in listed and meeting.starts_at >= after:
            result.append(Occurrence(series, start, meeting.starts_at, meeting.ends_at, meeting))
    result.sort(key=lambda o: (o.starts_at, o.recurrence_id))
    return result[:limit]


def is_occurrence(series: MeetingSeries, moment: datetime) -> bool:
    found = occurrences(series, moment, moment + duration(series))
    return bool(found) and found[0] == moment


def meeting_for_occurrence(series: MeetingSeries, recurrence_id: datetime) -> Meeting:
    """The stored meeting of one occurrence, created from the series on first use (the
    participants are copied, so later changes to the series do not rewrite past meetings)."""
    existing = series.meetings.filter(recurrence_id=recurrence_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                series=series,
                provider=series.provider,
                title=series.title,
                recurrence_id=recurrence_id,
                starts_at=recurrence_id,
                ends_at=recurrence_id + duration(series),
                location=series.location,
                video_link=series.video_link,
                uid=series.uid,
                sequence=series.sequence,
            )
            meeting.participants.set(series.participants.all())
            meeting.contacts.set(series.contacts.all())
    except IntegrityError:
        # Prepared by someone else a moment ago.
        return series.meetings.get(recurrence_id=recurrence_id)
    return meeting


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The last meeting before this one that took place: of the same series, or for a one-off
    meeting, of the same provider."""
    earlier = Meeting.objects.filter(
        starts_at__lt=meeting.starts_at, status=Meeting.Status.PLANNED
    ).exclude(pk=meeting.pk)
    if meeting.series_id is not None:
        earlier = earlier.filter(series_id=meeting.series_id)
    else:
        earlier = earlier.filter(provider_id=meeting.provider_id)
    return earlier.order_by("-starts_at", "-pk").first()


def following_meeting_query(meeting: Meeting) -> Q:
    return Q(starts_at__gt=meeting.starts_at) & Q(status=Meeting.Status.PLANNED)


# --- changing the schedule --------------------------------------------------------------------


def schedule_of(series: MeetingSeries) -> dict[str, Any]:
    """The values that decide the series' dates, to hand to :func:`series_reschedule` after
    the series was changed (take them before a form writes to the instance)."""
    return {name: getattr(series, name) for name in SCHEDULE_FIELDS}


def _rule_date_on(series: MeetingSeries, day: date) -> datetime | None:
    """The series' (new) rule date on ``day`` in its zone, if it has one."""
    zone = ZoneInfo(series.time_zone)
    start = datetime.combine(day, time(0, 0), tzinfo=zone)
    found = occurrences(series, start, start + timedelta(days=1))
    return next((moment for moment in found if moment.astimezone(zone).date() == day), None)


def series_reschedule(series: MeetingSeries, *, old: dict[str, Any]) -> list[Meeting]:
    """Bring the series' future stored meetings in step with its changed schedule; call it
    after saving the series, in the same transaction. ``old`` is :func:`schedule_of` the
    series before the change.

    A meeting whose day (in the series' zone) is still a date of the series gets that date as
    its ``recurrence_id`` (so EXDATEs and overrides keep matching), and, if it was not moved,
    the new start and duration. A meeting whose day is no longer a date is deleted if it was
    cancelled (it no longer matters) or kept as a one-off meeting with its agenda (its own
    UID); those are returned. Past meetings stay as they took place."""
    if schedule_of(series) == old:
        return []
    now = timezone.now()
    old_zone = ZoneInfo(old["time_zone"])
    old_length = timedelta(minutes=old["duration_minutes"])
    length = duration(series)
    future = list(series.meetings.filter(recurrence_id__gte=now).order_by("recurrence_id"))
    if not future:
        return []
    plan: list[tuple[Meeting, datetime | None]] = []
    for meeting in future:
        assert meeting.recurrence_id is not None
        day = meeting.recurrence_id.astimezone(old_zone).date()
        plan.append((meeting, _rule_date_on(series, day)))
    # Free the old dates first: a new date may be another meeting's old one (a new zone).
    Meeting.objects.filter(pk__in=[m.pk for m, _ in plan]).update(recurrence_id=None)
    detached = []
    for meeting, start in plan:
        if start is None and meeting.is_cancelled:
            meeting.delete()
            continue
        if start is None:
            meeting.series = None
            meeting.recurrence_id = None
            meeting.uid = new_uid()
            meeting.sequence = 0
            meeting.save(update_fields=["series", "recurrence_id", "uid", "sequence", "updated_at"])
            detached.append(meeting)
            continue
        old_start = meeting.recurrence_id
        if meeting.starts_at == old_start:
            own = meeting.ends_at - meeting.starts_at
            meeting.starts_at = start
            meeting.ends_at = start + (length if own == old_length else own)
        meeting.recurrence_id = start
        meeting.save(update_fields=["recurrence_id", "starts_at", "ends_at", "updated_at"])
    return detached


def series_end_rule(series: MeetingSeries, today: date) -> str:
    """The series' rule ending after ``today`` (no COUNT, UNTIL the end of that day in the
    series' zone); :class:`~vendorwatch.meetings.recurrence.RuleError` when it would then give
    no date at all (the series has not begun)."""
    parts = [
        part
        for part in series.rule.split(";")
        if part.strip() and part.split("=", 1)[0].strip().upper() not in {"COUNT", "UNTIL"}
    ]
    parts.append(f"UNTIL={today.strftime('%Y%m%d')}")
    return normalize_rule(
        ";".join(parts),
        first_date=series.first_date,
        start_time=series.start_time,
        zone=ZoneInfo(series.time_zone),
    )


def series_end_date(series: MeetingSeries) -> date | None:
    """The last day of the series (its rule's UNTIL, in the series' zone), or None when its
    rule has no end date."""
    for part in series.rule.split(";"):
        name, _, value = part.partition("=")
        if name.strip().upper() == "UNTIL":
            try:
                moment = datetime.strptime(value.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
                return moment.astimezone(ZoneInfo(series.time_zone)).date()
            except (ValueError, KeyError, OverflowError):
                return None
    return None
