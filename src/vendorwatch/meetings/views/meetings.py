"""The meetings overview, one-off meetings, and one meeting: show, move, cancel, invite."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vendorwatch.meetings.forms import CancelForm, MeetingForm
from vendorwatch.meetings.models import Meeting, MeetingSeries
from vendorwatch.meetings.services import upcoming_stored
from vendorwatch.meetings.views.meeting_common import (
    DateRow,
    cannot_compute_text,
    locked_message,
    meeting_facts,
    rule_text,
    sent_message,
    series_dates,
    until_text,
    when,
)
from vendorwatch.web.crud import paginate, perm

UPCOMING_PER_SERIES = 2
UPCOMING_ONE_OFFS = 20


def _occurrence_url(row: Any) -> str:
    if row.meeting is not None:
        return reverse("meetings-detail", args=[row.meeting.pk])
    return reverse("meetings-occurrence", args=[row.series.pk, row.key])


@require_safe
@perm("meetings.view_meeting")
def meetings_index(request: HttpRequest) -> HttpResponse:
    """Next meetings first (the very next one as a sentence), then the series, then the past
    meetings with the state of their minutes, a page at a time. The stored meetings of all
    series come in one query."""
    now = timezone.now()
    stored = Meeting.objects.filter(upcoming_stored(now))
    all_series = MeetingSeries.objects.select_related("provider").prefetch_related(
        Prefetch("meetings", queryset=stored, to_attr="upcoming_stored")
    )
    series_rows = [
        series_dates(series, now, UPCOMING_PER_SERIES, stored=series.upcoming_stored)
        for series in all_series
    ]
    rows = [
        DateRow.of(occurrence, _occurrence_url(occurrence))
        for dates in series_rows
        for occurrence in dates.upcoming
    ]
    one_offs = Meeting.objects.filter(series__isnull=True, starts_at__gte=now).select_related(
        "provider"
    )[:UPCOMING_ONE_OFFS]
    rows += [
        DateRow(
            m.starts_at,
            m.title,
            m.provider.name,
            reverse("meetings-detail", args=[m.pk]),
            until_text(m.starts_at, m.ends_at),
            m.is_cancelled,
            m,
        )
        for m in one_offs
    ]
    rows.sort(key=lambda row: row.starts_at)
    past = paginate(
        request,
        Meeting.objects.filter(starts_at__lt=now)
        .select_related("provider")
        .order_by("-starts_at", "-pk"),
        settings.PAGE_SIZE,
    )
    context = {
        "next": next((row for row in rows if not row.cancelled), None),
        "rows": rows,
        "series_rows": series_rows,
        "past": [{"meeting": m, "text": when(m.starts_at)} for m in past.object_list],
        "page": past,
        "page_query": "",
        "cannot_compute": cannot_compute_text(),
    }
    return render(request, "meetings/index.html", context)


@require_http_methods(["GET", "POST"])
@perm("meetings.add_meeting")
def meeting_add(request: HttpRequest) -> HttpResponse:
    initial = {}
    if (provider := request.GET.get("provider", "")).isascii() and provider.isdigit():
        initial["provider"] = provider
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        from vendorwatch.meetings.agenda import agenda_refresh

        agenda_refresh(meeting)
        messages.success(request, _("The meeting was saved and its agenda drafted."))
        return redirect("meetings-detail", meeting.pk)
    context = {
        "form": form,
        "title": _("New one-off meeting"),
        "back_url": reverse("meetings-index"),
        "back_label": _("Meetings"),
    }
    return render(request, "meetings/meeting_form.html", context)


def _unchangeable(meeting: Meeting) -> str:
    """Why the meeting cannot be moved or changed, or "" when it can."""
    if meeting.is_cancelled:
        return _("This meeting is cancelled.")
    return locked_message(meeting)


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("provider", "series").prefetch_related(
            "participants", "contacts"
        ),
        pk=pk,
    )


@require_safe
@perm("meetings.view_meeting")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    items = list(meeting.agenda_items.filter(removed=False).order_by("position", "pk"))
    context = {
        "meeting": meeting,
        **meeting_facts(meeting),
        "items": items,
        "rule_text": rule_text(meeting.series) if meeting.series else "",
        "refreshed_text": when(meeting.agenda_refreshed_at),
        "sent_text": when(meeting.agenda_sent_at),
        "now": timezone.now(),
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_http_methods(["GET", "POST"])
@perm("meetings.change_meeting")
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a meeting or change its place or participants. The participants are told if "send
    the change" stays ticked (see ``series_edit`` for why it is a choice). A cancelled
    meeting, or one whose minutes are approved, is not changed."""
    meeting = _meeting(pk)
    detail = reverse("meetings-detail", args=[pk])
    if reason := _unchangeable(meeting):
        messages.error(request, reason)
        return redirect(detail)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        changed = set(form.changed_data) - {"send_update"}
        meeting = form.save()
        messages.success(request, _("The meeting was saved."))
        if changed and form.cleaned_data.get("send_update"):
            from vendorwatch.meetings import mail

            sent_message(request, mail.meeting_changed(meeting, by=request.user))
        return redirect("meetings-detail", meeting.pk)
    context = {
        "form": form,
        "title": _("Move or change the meeting"),
        "back_url": detail,
        "back_label": meeting.title,
    }
    return render(request, "meetings/meeting_form.html", context)


@require_http_methods(["GET", "POST"])
@perm("meetings.change_meeting")
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    detail = reverse("meetings-detail", args=[pk])
    if meeting.is_cancelled:
        messages.info(request, _("This meeting is already cancelled."))
        return redirect(detail)
    if reason := locked_message(meeting):
        messages.error(request, reason)
        return redirect(detail)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancel_reason = form.cleaned_data["reason"]
        meeting.save(update_fields=["status", "cancel_reason", "updated_at"])
        messages.success(request, _("The meeting was cancelled."))
        if form.cleaned_data["send_update"]:
            from vendorwatch.meetings import mail

            sent_message(request, mail.meeting_cancelled(meeting, by=request.user))
        return redirect(detail)
    context = {
        "form": form,
        "meeting": meeting,
        "when_text": until_text(meeting.starts_at, meeting.ends_at),
        "back_url": detail,
    }
    return render(request, "meetings/meeting_cancel.html", context)


@require_POST
@perm("meetings.change_meeting")
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    if meeting.is_cancelled:
        messages.error(request, _("A cancelled meeting cannot be sent as an invitation."))
        return redirect("meetings-detail", pk)
    from vendorwatch.meetings import mail

    sent_message(request, mail.meeting_invite(meeting, by=request.user))
    return redirect("meetings-detail", pk)
