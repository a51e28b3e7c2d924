"""Meeting series: create, show with their next dates, change, delete, invite; and one date of
a series (an occurrence), which becomes a stored meeting when someone prepares it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vendorwatch.meetings.forms import SeriesForm
from vendorwatch.meetings.models import Meeting, MeetingSeries
from vendorwatch.meetings.recurrence import RuleError
from vendorwatch.meetings.services import (
    is_occurrence,
    meeting_for_occurrence,
    parse_occurrence_key,
    schedule_of,
    series_end_rule,
    series_reschedule,
)
from vendorwatch.meetings.views.meeting_common import (
    COMPUTE_ERRORS,
    cannot_compute_text,
    day_text,
    sent_message,
    series_computable,
    series_dates,
    until_text,
    when,
)
from vendorwatch.web.crud import paginate, perm
from vendorwatch.web.zones import zone_label


def _form_context(title: str, back_url: str, back_label: str) -> dict[str, Any]:
    return {"title": title, "back_url": back_url, "back_label": back_label}


@require_http_methods(["GET", "POST"])
@perm("meetings.add_meetingseries")
def series_add(request: HttpRequest) -> HttpResponse:
    initial = {}
    if (provider := request.GET.get("provider", "")).isascii() and provider.isdigit():
        initial["provider"] = provider
    form = SeriesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user  # type: ignore[assignment]
        series = form.save()
        messages.success(request, _("The meeting series was saved."))
        return redirect("meetings-series-detail", series.pk)
    context = {
        "form": form,
        **_form_context(_("New meeting series"), reverse("meetings-index"), _("Meetings")),
    }
    return render(request, "meetings/series_form.html", context)


def _addresses(series: MeetingSeries) -> dict[str, str]:
    """The e-mail addresses of everyone in the series, by their lower-case form."""
    found = [user.email for user in series.participants.all()]
    found += [contact.email for contact in series.contacts.all()]
    return {email.lower(): email for email in found if email}


def _detached_messages(request: HttpRequest, detached: list[Meeting]) -> None:
    for meeting in detached:
        messages.warning(
            request,
            _(
                "The meeting on %(date)s is no longer a date of the series; it was kept as a "
                "single meeting with its agenda."
            )
            % {"date": day_text(timezone.localtime(meeting.starts_at).date())},
        )


def _send_detached(detached: list[Meeting], *, by: Any) -> int:
    """Invite to the meetings kept as one-offs: the series' calendar entry no longer has
    them."""
    from vendorwatch.meetings import mail

    return sum(mail.meeting_invite(meeting, by=by) for meeting in detached)


@require_http_methods(["GET", "POST"])
@perm("meetings.change_meetingseries")
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a series. Participants hear of it only if "send the change" stays ticked (it is
    ticked at first): a moved time or a new place must reach them, but a corrected typo or a
    participant added need not fill everyone's inbox, and only the person editing knows which
    it is. The e-mail raises the calendar SEQUENCE (``mail``), so calendar programs update.

    People taken out of the series always receive a cancellation of the series, ticked or not:
    nobody else will ever tell their calendar that the meetings are no longer theirs.

    A new schedule (rule, first date, time, duration, zone) moves the future stored meetings
    with it (``series_reschedule``); one whose day is no longer a date of the series is kept
    as a single meeting, and the user is told (and its participants invited to it, when the
    change is sent)."""
    series = get_object_or_404(MeetingSeries.objects.select_related("provider"), pk=pk)
    # Before the form writes its values to the instance.
    old = schedule_of(series)
    before = _addresses(series)
    form = SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        changed = set(form.changed_data) - {"send_update"}
        with transaction.atomic():
            series = form.save()
            detached = series_reschedule(series, old=old)
        after = _addresses(series)
        removed = [email for key, email in before.items() if key not in after]
        messages.success(request, _("The meeting series was saved."))
        _detached_messages(request, detached)
        from vendorwatch.meetings import mail

        send = bool(changed and form.cleaned_data.get("send_update"))
        if removed or send:
            count = 0
            if removed:
                count += mail.series_cancelled(series, by=request.user, recipients=removed)
            if send:
                count += mail.series_changed(series, by=request.user)
                count += _send_detached(detached, by=request.user)
            sent_message(request, count)
        return redirect("meetings-series-detail", series.pk)
    detail = reverse("meetings-series-detail", args=[pk])
    context = {"form": form, **_form_context(_("Change meeting series"), detail, series.title)}
    return render(request, "meetings/series_form.html", context)


def _has_approved_minutes(series: MeetingSeries) -> bool:
    return series.meetings.filter(minutes_status=Meeting.Minutes.APPROVED).exists()


@require_http_methods(["GET", "POST"])
@perm("meetings.delete_meetingseries")
def series_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a series with its meetings, after telling everyone in it that it is cancelled.
    A series with approved minutes is kept: the page offers to end it instead."""
    series = get_object_or_404(MeetingSeries.objects.select_related("provider"), pk=pk)
    detail = reverse("meetings-series-detail", args=[pk])
    locked = _has_approved_minutes(series)
    if request.method == "POST":
        if locked:
            messages.error(
                request,
                _(
                    "This series has meetings with approved minutes and cannot be deleted. "
                    "End the series instead: its minutes are kept."
                ),
            )
            return redirect(detail)
        from vendorwatch.meetings import mail

        with transaction.atomic():
            count = mail.series_cancelled(series, by=request.user)
            label = str(series)
            series.delete()
        messages.success(request, _("“%(name)s” was deleted.") % {"name": label})
        sent_message(request, count)
        return redirect("meetings-index")
    context = {"series": series, "locked": locked, "back_url": detail}
    return render(request, "meetings/series_delete.html", context)


@require_http_methods(["GET", "POST"])
@perm("meetings.change_meetingseries")
def series_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End the series after today: its rule stops (UNTIL the end of today, no COUNT), all its
    meetings and minutes stay, and the participants receive the shortened series. A prepared
    meeting after today is kept as a single meeting (see ``series_reschedule``)."""
    series = get_object_or_404(MeetingSeries.objects.select_related("provider"), pk=pk)
    detail = reverse("meetings-series-detail", args=[pk])
    today = timezone.now().astimezone(ZoneInfo(series.time_zone)).date()
    if request.method == "POST":
        try:
            rule = series_end_rule(series, today)
        except RuleError:
            messages.error(
                request,
                _("This series has not begun yet, so it cannot be ended. Delete it instead."),
            )
            return redirect(detail)
        old = schedule_of(series)
        with transaction.atomic():
            series.rule = rule
            series.save(update_fields=["rule", "updated_at"])
            detached = series_reschedule(series, old=old)
        messages.success(request, _("The series ends after %(date)s.") % {"date": day_text(today)})
        _detached_messages(request, detached)
        from vendorwatch.meetings import mail

        count = mail.series_changed(series, by=request.user)
        sent_message(request, count + _send_detached(detached, by=request.user))
        return redirect(detail)
    context = {"series": series, "today": day_text(today), "back_url": detail}
    return render(request, "meetings/series_end.html", context)


@require_safe
@perm("meetings.view_meetingseries")
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(
        MeetingSeries.objects.select_related("provider").prefetch_related(
            "participants", "contacts"
        ),
        pk=pk,
    )
    dates = series_dates(series, timezone.now(), 6)
    upcoming = [
        {
            "occurrence": o,
            "text": until_text(o.starts_at, o.ends_at),
            "moved": o.meeting is not None and o.starts_at != o.recurrence_id,
            "url": reverse("meetings-occurrence", args=[series.pk, o.key])
            if o.meeting is None
            else reverse("meetings-detail", args=[o.meeting.pk]),
        }
        for o in dates.upcoming
    ]
    past = paginate(
        request,
        series.meetings.filter(starts_at__lt=timezone.now()).order_by("-starts_at", "-pk"),
        settings.PAGE_SIZE,
    )
    context = {
        "series": series,
        "dates": dates,
        "upcoming": upcoming,
        "past": [{"meeting": m, "text": when(m.starts_at)} for m in past.object_list],
        "page": past,
        "page_query": "",
        "first_date": day_text(series.first_date),
        "start_time": series.start_time.strftime("%H:%M"),
        "zone": zone_label(series.time_zone),
        "cannot_compute": cannot_compute_text(),
    }
    return render(request, "meetings/series_detail.html", context)


@require_POST
@perm("meetings.change_meetingseries")
def series_invite(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(MeetingSeries, pk=pk)
    from vendorwatch.meetings import mail

    sent_message(request, mail.series_invite(series, by=request.user))
    return redirect("meetings-series-detail", series.pk)


@require_http_methods(["GET", "POST"])
@perm("meetings.view_meeting")
def series_occurrence(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """One date of a series. Preparing it (POST) stores the meeting and its agenda; a second
    preparation finds the same meeting. With ``then=edit`` or ``then=cancel`` the user goes on
    to move or cancel it."""
    series = get_object_or_404(MeetingSeries.objects.select_related("provider"), pk=pk)
    moment = parse_occurrence_key(key)
    if moment is None:
        raise Http404
    meeting = series.meetings.filter(recurrence_id=moment).first()
    if meeting is None:
        try:
            found = not series.ended and series_computable(series) and is_occurrence(series, moment)
        except COMPUTE_ERRORS:
            found = False
        if not found:
            raise Http404
    if request.method == "POST":
        if not request.user.has_perm("meetings.add_meeting"):
            raise PermissionDenied
        then = request.POST.get("then", "")
        created = meeting is None
        meeting = meeting_for_occurrence(series, moment)
        if then in ("edit", "cancel"):
            return redirect(f"meetings-{then}", meeting.pk)
        if created:
            from vendorwatch.meetings.agenda import agenda_refresh

            agenda_refresh(meeting)
            messages.success(request, _("The meeting is prepared and its agenda drafted."))
        return redirect("meetings-detail", meeting.pk)
    if meeting is not None:
        return redirect("meetings-detail", meeting.pk)
    context = {
        "series": series,
        "key": key,
        "text": until_text(moment, moment + timedelta(minutes=series.duration_minutes)),
    }
    return render(request, "meetings/occurrence.html", context)
