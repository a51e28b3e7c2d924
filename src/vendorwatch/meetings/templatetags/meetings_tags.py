"""Template tags of meetings and action items."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import timezone

from vendorwatch.meetings.minutes_doc import day_text, person, responsible
from vendorwatch.meetings.models import ActionItem

register = template.Library()

# A box lists the open items and the most recently closed ones, not a problem's whole history.
BOX_CLOSED = 5
ZERO_WIDTH_SPACE = "\u200b"


@register.simple_tag
def action_box_items(*, problem: Any = None, contract: Any = None) -> dict[str, Any]:
    """The action items and open questions of one problem or contract: the open ones (by due
    date) and the last few closed ones."""
    items = ActionItem.objects.select_related("owner", "contact")
    if problem:
        items = items.filter(problem=problem)
    elif contract:
        items = items.filter(contract=contract)
    else:
        return {"open": [], "closed": [], "closed_more": 0}
    open_items = list(items.filter(status=ActionItem.Status.OPEN).order_by("due_date", "pk"))
    closed = items.exclude(status=ActionItem.Status.OPEN).order_by("-closed_at", "-pk")
    closed_count = closed.count()
    return {
        "open": open_items,
        "closed": list(closed[:BOX_CLOSED]),
        "closed_more": max(closed_count - BOX_CLOSED, 0),
        "today": timezone.localdate(),
    }


@register.filter
def day(value: date | None) -> str:
    """03.12.2026, also for a stored year 9999."""
    return day_text(value)


@register.filter
def person_name(user: Any) -> str:
    """The full name, else the log-in name; "" for nobody (an approver deleted since)."""
    return person(user)


@register.filter
def who(action: ActionItem) -> str:
    return responsible(action)


@register.filter
def overdue(action: ActionItem) -> bool:
    return bool(action.is_overdue())


@register.filter
def breakable(value: Any, width: int = 30) -> str:
    """The text with invisible break points in words longer than ``width``, so a pasted
    link or a run of characters never makes the page wider than the window."""
    text = str(value)
    return " ".join(
        ZERO_WIDTH_SPACE.join(word[i : i + width] for i in range(0, len(word), width))
        if len(word) > width
        else word
        for word in text.split(" ")
    )
