"""The problems panel of the dashboard: open problems by state and what is due next.

Upcoming due times and overdue ones are two lists, so that a few old open problems never
hide the deadline of tomorrow morning.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from vendorwatch.problems.listing import CLOCK_COLUMNS, COUNT_LIMIT
from vendorwatch.problems.models import ClockState, Escalation, Problem
from vendorwatch.web.dashboard import panel
from vendorwatch.web.parsing import EARLIEST_DATE, LATEST_DATE

ROWS = 5
# Stored due times outside these bounds were written to the database directly; the clock
# job marks such a problem "cannot be computed", the lists leave the time out meanwhile.
EARLIEST = datetime.combine(EARLIEST_DATE, time.min, tzinfo=UTC)
LATEST = datetime.combine(LATEST_DATE, time.min, tzinfo=UTC) + timedelta(days=1)


def due_problems() -> QuerySet[Problem]:
    """Open problems with a due time, on the index (is_open, next_due, id)."""
    return (
        Problem.objects.filter(is_open=True, next_due__gte=EARLIEST, next_due__lt=LATEST)
        .select_related("provider")
        .only(*CLOCK_COLUMNS, "title", "provider__name")
        .order_by("next_due", "id")
    )


def rows(problems: QuerySet[Problem]) -> list[dict[str, Any]]:
    return [
        {
            "problem": problem,
            "due": problem.next_due,
            "clock": "response" if problem.next_due == problem.response_due else "resolution",
            "state": problem.shown_state,
        }
        for problem in problems
    ]


@panel("problems/_dashboard_panel.html", order=20)
def problems_panel(request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.has_perm("problems.view_problem"):
        return None
    now = timezone.now()
    # "is_open IN (true)": SQLite then finds the open problems by the index on (is_open,
    # next_due) instead of walking the index on state through every problem ever reported.
    counts = (
        Problem.objects.filter(is_open__in=[True])
        .values("state")
        .annotate(count=Count("id"))
        .order_by("state")
    )
    start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    # A paused clock has no deadline while we owe the answer: its due time only says how
    # early it could be, so it is never "overdue".
    overdue = due_problems().filter(next_due__lt=now).exclude(state=ClockState.PAUSED)
    return {
        "problem_states": [{"state": c["state"], "count": c["count"]} for c in counts],
        "breaches_this_month": Problem.objects.filter(breached_at__gte=start).count(),
        "upcoming": rows(due_problems().filter(next_due__gte=now)[:ROWS]),
        "overdue": rows(overdue[:ROWS]),
        # Counted up to a limit: each overdue problem is looked up to leave out paused ones.
        "overdue_count": overdue.values("pk")[: COUNT_LIMIT + 1].count(),
        "count_limit": COUNT_LIMIT,
        "drafts": Escalation.objects.filter(status=Escalation.Status.DRAFTED).count(),
    }
