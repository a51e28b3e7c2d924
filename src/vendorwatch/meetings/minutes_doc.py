"""The minutes of a meeting as a document: plain text (for the e-mail and the stored
revisions) and PDF, both in the active language.

Both show the same content, read by :func:`minutes_content`: title, date and time in the
meeting's own time zone, participants, the review of earlier action items, per agenda item the
notes, decisions, action items and open questions, the decisions without an item, and the
revision with its approval.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.text import capfirst
from django.utils.translation import gettext

from vendorwatch.meetings.ical import display_zone
from vendorwatch.meetings.models import ActionItem, AgendaItem, Meeting
from vendorwatch.problems.templatetags.problem_tags import when
from vendorwatch.web.pdf import PdfAttachment, pdf_slot, render_pdf, shorten
from vendorwatch.web.zones import zone_label

STYLESHEET = "expectations/document.css"
ACTION_RELATED = ("owner", "contact", "problem", "contract", "provider", "meeting")


def day_text(day: date | None) -> str:
    """03.12.2026 (formatted by hand, so a stored year 9999 is shown as it is)."""
    if day is None:
        return ""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def person(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.username)


def responsible(action: ActionItem) -> str:
    """ "Our side: Anna Berger" or "The provider: Max Muster (Service desk)"."""
    side = capfirst(str(ActionItem.Side(action.side).label))
    if action.side == ActionItem.Side.OURS and action.owner is not None:
        return f"{side}: {person(action.owner)}"
    if action.side == ActionItem.Side.PROVIDER and action.contact is not None:
        return f"{side}: {action.contact.name}"
    return str(side)


def concerns(action: ActionItem) -> str:
    parts = []
    if action.problem is not None:
        parts.append(
            gettext("Problem #%(number)s %(title)s")
            % {
                "number": action.problem.pk,
                "title": action.problem.title,
            }
        )
    if action.contract is not None:
        parts.append(gettext("Contract %(title)s") % {"title": action.contract.title})
    return ", ".join(parts)


def meeting_zone(meeting: Meeting) -> tuple[tzinfo, str]:
    """The zone the meeting is shown in, the same as in its calendar file and e-mails."""
    name = display_zone(meeting)
    try:
        return ZoneInfo(name), name
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE), settings.TIME_ZONE


def meeting_time(meeting: Meeting) -> str:
    """03.03.2026, 10:00–11:00 (Europe – Berlin), in the meeting's own time zone."""
    zone, name = meeting_zone(meeting)
    try:
        start, end = meeting.starts_at.astimezone(zone), meeting.ends_at.astimezone(zone)
    except (OverflowError, ValueError):
        return when(meeting.starts_at)
    span = f"{day_text(start.date())}, {start:%H:%M}–"
    span += f"{end:%H:%M}" if end.date() == start.date() else f"{day_text(end.date())} {end:%H:%M}"
    return f"{span} ({zone_label(name)})"


def actions_to_review(meeting: Meeting) -> list[ActionItem]:
    """The open action items and questions of earlier meetings with the provider, and those
    this meeting has reviewed already (also when they are closed by now)."""
    from vendorwatch.meetings.agenda import actions_to_review as pending_actions

    pending = list(pending_actions(meeting))
    keys = {a.pk for a in pending} | set(meeting.action_reviews.values_list("action_id", flat=True))
    return list(
        ActionItem.objects.filter(pk__in=keys)
        .select_related(*ACTION_RELATED)
        .order_by("due_date", "pk")
    )


def visible_items(meeting: Meeting) -> list[AgendaItem]:
    actions = ActionItem.objects.select_related(*ACTION_RELATED).order_by("pk")
    return list(
        meeting.agenda_items.filter(removed=False)
        .select_related("problem", "contract")
        .prefetch_related("decisions", Prefetch("action_items", queryset=actions))
        .order_by("position", "pk")
    )


def general_actions(meeting: Meeting) -> list[ActionItem]:
    return list(
        meeting.action_items.filter(agenda_item__isnull=True)
        .select_related(*ACTION_RELATED)
        .order_by("pk")
    )


def _action_line(action: ActionItem) -> dict[str, Any]:
    return {
        "action": action,
        "kind": capfirst(str(ActionItem.Kind(action.kind).label)),
        "title": action.title,
        "who": responsible(action),
        "due": day_text(action.due_date),
        "concerns": concerns(action),
        "status": str(ActionItem.Status(action.status).label),
    }


def approval_line(meeting: Meeting) -> str:
    if meeting.minutes_locked:
        line = gettext("Revision %(number)s, approved on %(when)s by %(who)s.") % {
            "number": meeting.revision,
            "when": when(meeting.minutes_approved_at),
            "who": person(meeting.minutes_approved_by) or "–",
        }
    else:
        line = gettext("Revision %(number)s, draft – not approved yet.") % {
            "number": meeting.revision
        }
    if meeting.correction_reason:
        line += " " + gettext("Reason for the correction: %(reason)s") % {
            "reason": meeting.correction_reason
        }
    return line


def minutes_content(meeting: Meeting) -> dict[str, Any]:
    """Everything the minutes show, as plain values (call it with the wanted language active)."""
    reviews = {r.action_id: r for r in meeting.action_reviews.all()}
    reviewed = []
    for action in actions_to_review(meeting):
        review = reviews.get(action.pk)
        line = _action_line(action)
        line["outcome"] = review.get_outcome_display() if review else gettext("not discussed")
        line["reason"] = review.reason if review else ""
        reviewed.append(line)
    items = [
        {
            "item": item,
            "title": item.title,
            "notes": item.notes,
            "decisions": [d.text for d in item.decisions.all()],
            "actions": [_action_line(a) for a in item.action_items.all()],
        }
        for item in visible_items(meeting)
    ]
    contacts = meeting.contacts.order_by("name")
    return {
        "meeting": meeting,
        "title": meeting.title,
        "provider": meeting.provider.name,
        "time": meeting_time(meeting),
        "place": meeting.location,
        "ours": [person(u) for u in meeting.participants.order_by("first_name", "last_name")],
        "theirs": [f"{c.name} ({c.role})" if c.role else c.name for c in contacts],
        "reviewed": reviewed,
        "items": items,
        "decisions": [d.text for d in meeting.decisions.filter(agenda_item__isnull=True)],
        "actions": [_action_line(a) for a in general_actions(meeting)],
        "approval": approval_line(meeting),
    }


def minutes_text(meeting: Meeting) -> str:
    """The minutes as plain text, in the active language."""
    text = render_to_string("meetings/minutes.txt", minutes_content(meeting))
    lines = [line.rstrip() for line in text.strip().split("\n")]
    # The template's conditionals leave runs of empty lines: at most one stays.
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept) + "\n"


def _short(text: str) -> tuple[str, bool]:
    part = shorten(text)
    return part.text, part.shortened


def minutes_pdf(meeting: Meeting) -> bytes:
    """The minutes as PDF, in the active language; long texts are shortened in the document
    and the complete minutes attached as a text file.

    Raises :class:`vendorwatch.web.pdf.PdfUnavailable` when it cannot be made now.
    """
    with pdf_slot():
        content = minutes_content(meeting)
        shortened = False
        for item in content["items"]:
            item["notes"], cut = _short(item["notes"])
            shortened |= cut
            shortened_decisions = [_short(text) for text in item["decisions"]]
            item["decisions"] = [text for text, _cut in shortened_decisions]
            shortened |= any(cut for _text, cut in shortened_decisions)
        general = [_short(text) for text in content["decisions"]]
        content["decisions"] = [text for text, _cut in general]
        shortened |= any(cut for _text, cut in general)
        content["shortened"] = shortened
        html = render_to_string("meetings/minutes_pdf.html", content)
        attachments = []
        if shortened:
            attachments.append(
                PdfAttachment(
                    gettext("minutes-%(number)s.txt") % {"number": meeting.pk},
                    minutes_text(meeting).encode("utf-8"),
                    gettext("The complete minutes"),
                )
            )
        return render_pdf(html, static_css=[STYLESHEET], attachments=attachments)


def minutes_filename(meeting: Meeting) -> str:
    start: datetime = meeting.starts_at
    try:
        day = start.astimezone(meeting_zone(meeting)[0]).date()
    except (OverflowError, ValueError):
        day = start.date()
    return gettext("minutes-%(day)s.pdf") % {"day": day.isoformat()}
