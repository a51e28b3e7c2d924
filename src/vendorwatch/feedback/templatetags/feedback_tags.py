"""Template tags of employee feedback: the rating box on a problem's page and the small
filters the rating pages share."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from typing import Any

from django import template
from django.utils import timezone

from vendorwatch.feedback.models import ProblemRating
from vendorwatch.meetings.templatetags.meetings_tags import breakable
from vendorwatch.problems.models import Problem

register = template.Library()

# The states a rating request is in, as the pages name them.
WAITING = "waiting"
RATED = "rated"
EXPIRED = "expired"
STARS = 5

# Long names and addresses get break points, so they wrap on a phone.
register.filter("breakable", breakable)


def rating_state_at(rating: ProblemRating, now: datetime) -> str:
    if rating.answered_at is not None:
        return RATED
    return EXPIRED if rating.expires_at <= now else WAITING


@register.filter
def rating_state(rating: ProblemRating) -> str:
    """Rated, waiting for the answer, or expired without one."""
    return rating_state_at(rating, timezone.now())


@register.filter
def star_marks(stars: int | None) -> str:
    """★★★★☆ for 4 (shown beside the words "4 of 5", hidden from screen readers)."""
    if stars is None:
        return ""
    given = max(0, min(STARS, int(stars)))
    return "★" * given + "☆" * (STARS - given)


@register.filter(expects_localtime=False)
def valid_until(value: datetime | None) -> str:
    """The last day a link works, as the e-mail names it: it expires at the start of the day
    after (in the page's time zone, the organisation's)."""
    if value is None:
        return ""
    try:
        return local_day(value - timedelta(microseconds=1))
    except OverflowError:
        return local_day(value)


@register.filter(expects_localtime=False)
def local_day(value: datetime | date | None) -> str:
    """27.11.2026 in the current time zone ("" for none); a stored time at the edge of the
    calendar (year 9999) is shown as stored rather than taking the page down."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            with contextlib.suppress(OverflowError, ValueError):
                value = timezone.localtime(value)
        value = value.date()
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


@register.inclusion_tag("feedback/_problem_rating.html")
def problem_rating(problem: Problem) -> dict[str, Any]:
    """The ratings asked for the problem's resolutions, the latest first (one query); nothing
    is shown when none was asked."""
    now = timezone.now()
    ratings = ProblemRating.objects.filter(problem=problem).order_by("-requested_at", "-pk")
    return {
        "problem": problem,
        "rows": [(rating, rating_state_at(rating, now)) for rating in ratings],
    }
