"""Editing a meeting's agenda: a draft the user edits, orders and sends. A refresh adds what
became due since and leaves the user's changes alone (edited items keep their text, removed
generated items stay away)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from vendorwatch.meetings.forms import AgendaItemForm
from vendorwatch.meetings.models import AgendaItem, Meeting
from vendorwatch.meetings.views.meeting_common import locked_message, sent_message
from vendorwatch.web.crud import perm


def _agenda_url(meeting: Meeting) -> str:
    return reverse("meetings-detail", args=[meeting.pk]) + "#agenda"


def _refused(request: HttpRequest, meeting: Meeting) -> HttpResponse | None:
    """Back to the agenda with the reason when approved minutes lock it; else None."""
    if reason := locked_message(meeting):
        messages.error(request, reason)
        return redirect(_agenda_url(meeting))
    return None


def _form_page(
    request: HttpRequest, meeting: Meeting, form: AgendaItemForm, title: str
) -> HttpResponse:
    context = {
        "form": form,
        "meeting": meeting,
        "title": title,
        "back_url": _agenda_url(meeting),
        "back_label": meeting.title,
    }
    return render(request, "meetings/meeting_agenda_form.html", context)


def _renumber(items: Iterable[AgendaItem]) -> None:
    """Positions 10, 20, 30 … in the given order (generated items may share a position)."""
    changed = []
    for index, item in enumerate(items, start=1):
        if item.position != index * 10:
            item.position = index * 10
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["position"])


@require_http_methods(["GET", "POST"])
@perm("meetings.add_agendaitem")
def meeting_agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    if refused := _refused(request, meeting):
        return refused
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
        form.instance.meeting = meeting
        form.instance.kind = AgendaItem.Kind.FREE
        form.instance.position = last + 10
        form.save()
        messages.success(request, _("The topic was added to the agenda."))
        return redirect(_agenda_url(meeting))
    return _form_page(request, meeting, form, _("New topic on the agenda"))


@require_http_methods(["GET", "POST"])
@perm("meetings.change_agendaitem")
def meeting_agenda_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    if refused := _refused(request, meeting):
        return refused
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting, removed=False)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            # A refresh keeps the user's text from now on.
            form.instance.edited = True
            form.save()
        messages.success(request, _("The topic was saved."))
        return redirect(_agenda_url(meeting))
    return _form_page(request, meeting, form, _("Change topic"))


@require_POST
@perm("meetings.change_agendaitem")
def meeting_agenda_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """A generated topic is marked removed, so a refresh does not bring it back; a topic the
    user wrote is deleted."""
    meeting = get_object_or_404(Meeting, pk=pk)
    if refused := _refused(request, meeting):
        return refused
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting, removed=False)
    if item.source_key:
        item.removed = True
        item.save(update_fields=["removed"])
    else:
        item.delete()
    messages.success(request, _("“%(topic)s” was taken off the agenda.") % {"topic": item.title})
    return redirect(_agenda_url(meeting))


@require_POST
@perm("meetings.change_agendaitem")
def meeting_agenda_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    if refused := _refused(request, meeting):
        return refused
    direction = request.POST.get("direction")
    with transaction.atomic():
        items = list(
            meeting.agenda_items.select_for_update()
            .filter(removed=False)
            .order_by("position", "pk")
        )
        index = next((i for i, item in enumerate(items) if item.pk == item_pk), None)
        if index is None:
            return redirect(_agenda_url(meeting))
        target = index - 1 if direction == "up" else index + 1 if direction == "down" else index
        if 0 <= target < len(items) and target != index:
            items[index], items[target] = items[target], items[index]
            _renumber(items)
    return redirect(_agenda_url(meeting))


@require_POST
@perm("meetings.change_meeting")
def meeting_agenda_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    if refused := _refused(request, meeting):
        return refused
    if meeting.is_cancelled:
        messages.error(request, _("The agenda of a cancelled meeting is not refreshed."))
        return redirect(_agenda_url(meeting))
    from vendorwatch.meetings.agenda import agenda_refresh

    added = agenda_refresh(meeting)
    count = added if isinstance(added, int) else len(added or ())
    messages.success(
        request,
        ngettext("%(count)s new item on the agenda.", "%(count)s new items on the agenda.", count)
        % {"count": count},
    )
    return redirect(_agenda_url(meeting))


@require_POST
@perm("meetings.change_meeting")
def meeting_agenda_send(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    if refused := _refused(request, meeting):
        return refused
    if meeting.is_cancelled:
        messages.error(request, _("The agenda of a cancelled meeting cannot be sent."))
        return redirect(_agenda_url(meeting))
    from vendorwatch.meetings import mail

    sent_message(request, mail.agenda_send(meeting, by=request.user))
    return redirect(_agenda_url(meeting))
