"""The meetings panel of the dashboard: open action items and questions (overdue ones
highlighted) and the next meeting.

The next meeting is the earliest of the stored meetings ahead and the dates the series' rules
give that nobody has prepared yet; a series whose stored rule cannot be expanded is left out
(and logged) instead of taking the panel down.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from vendorwatch.meetings.agenda import meeting_when
from vendorwatch.meetings.models import ActionItem, Meeting, MeetingSeries
from vendorwatch.meetings.services import Occurrence, upcoming_occurrences
from vendorwatch.web.dashboard import panel

logger = logging.getLogger(__name__)
# Occurrences looked at per series: enough to step over a few cancelled ones.
LOOK_AHEAD = 5


@dataclass(frozen=True)
class NextMeeting:
    title: str
    provider: str
    starts_at: datetime
    when: str
    url: str | None


def url_or_none(name: str, *args: Any) -> str | None:
    """The address of a page, or None (logged) while that page does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        logger.warning("dashboard: no page named %s", name)
        return None


def _stored_next(now: datetime) -> NextMeeting | None:
    meeting = (
        Meeting.objects.filter(status=Meeting.Status.PLANNED, starts_at__gte=now)
        .select_related("provider", "series")
        .order_by("starts_at", "pk")
        .first()
    )
    if meeting is None:
        return None
    return NextMeeting(
        meeting.title,
        meeting.provider.name,
        meeting.starts_at,
        meeting_when(meeting),
        url_or_none("meetings-detail", meeting.pk),
    )


def _series_next(series: MeetingSeries, now: datetime) -> Occurrence | None:
    try:
        found = upcoming_occurrences(series, now, LOOK_AHEAD)
    except (ValueError, OverflowError):  # a stored rule no form would accept
        logger.exception("meeting series %s: its dates cannot be computed", series.pk)
        return None
    return next((o for o in found if o.meeting is None and o.starts_at >= now), None)


def _occurrence_next(now: datetime) -> NextMeeting | None:
    """The earliest date of a series that has no stored meeting yet."""
    candidates = []
    for series in MeetingSeries.objects.filter(ended=False).select_related("provider"):
        occurrence = _series_next(series, now)
        if occurrence is not None:
            candidates.append(occurrence)
    if not candidates:
        return None
    first = min(candidates, key=lambda o: (o.starts_at, o.series.pk))
    preview = Meeting(
        series=first.series,
        provider=first.series.provider,
        starts_at=first.starts_at,
        ends_at=first.ends_at,
    )
    return NextMeeting(
        first.series.title,
        first.series.provider.name,
        first.starts_at,
        meeting_when(preview),
        url_or_none("meetings-occurrence", first.series.pk, first.key),
    )


def next_meeting(now: datetime) -> NextMeeting | None:
    found = [m for m in (_stored_next(now), _occurrence_next(now)) if m is not None]
    return min(found, key=lambda m: m.starts_at) if found else None


def action_counts(user: Any, today: Any) -> dict[str, int]:
    """Open action items and questions, overdue ones and the user's own: one query."""
    action, question = ActionItem.Kind.ACTION, ActionItem.Kind.QUESTION
    overdue = Q(due_date__lt=today)
    mine = Q(owner=user, side=ActionItem.Side.OURS)
    return ActionItem.objects.filter(status=ActionItem.Status.OPEN).aggregate(
        actions=Count("pk", filter=Q(kind=action)),
        actions_overdue=Count("pk", filter=Q(kind=action) & overdue),
        actions_mine=Count("pk", filter=Q(kind=action) & mine),
        questions=Count("pk", filter=Q(kind=question)),
        questions_overdue=Count("pk", filter=Q(kind=question) & overdue),
    )


def list_links() -> dict[str, str] | None:
    """The action list filtered as the counts are (the list's own filter names)."""
    base = url_or_none("actions-list")
    if base is None:
        return None
    return {
        "actions": f"{base}?kind=action",
        "actions_overdue": f"{base}?kind=action&overdue=on",
        "actions_mine": f"{base}?kind=action&who=mine",
        "questions": f"{base}?kind=question",
        "questions_overdue": f"{base}?kind=question&overdue=on",
    }


@panel("meetings/_dashboard_panel.html", order=30)
def meetings_panel(request: HttpRequest) -> dict[str, Any] | None:
    user = request.user
    if not user.has_perm("meetings.view_meeting") or not user.has_perm("meetings.view_actionitem"):
        return None
    counts = action_counts(user, timezone.localdate())
    has_meetings = MeetingSeries.objects.exists() or Meeting.objects.exists()
    if not has_meetings and not counts["actions"] and not counts["questions"]:
        return {"empty": True}
    return {
        "empty": False,
        "counts": counts,
        "links": list_links(),
        "next": next_meeting(timezone.now()),
    }
