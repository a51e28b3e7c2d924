"""The one list of action items and open questions (with the contract reviews' follow-up
items), and each item's own pages: add, show, change, close, reopen."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vendorwatch.contracts.models import Contract
from vendorwatch.meetings.action_forms import (
    MAX_ID,
    ActionForm,
    CloseForm,
    ListFilterForm,
    action_close,
    action_initial,
    action_reopen,
    list_rows,
    load_rows,
)
from vendorwatch.meetings.models import ActionItem, Meeting
from vendorwatch.meetings.views.minutes import minutes_url, refusal
from vendorwatch.problems.models import Problem
from vendorwatch.providers.models import Provider
from vendorwatch.web.crud import paginate, perm
from vendorwatch.web.parsing import parse_int

RELATED = ("provider", "owner", "contact", "meeting", "agenda_item", "problem", "contract")


@require_safe
@perm("meetings.view_actionitem")
def action_list(request: HttpRequest) -> HttpResponse:
    filters = ListFilterForm(request.GET)
    values = filters.values()
    today = timezone.localdate()
    rows = list_rows(values, request.user, today)  # type: ignore[arg-type]
    page = paginate(request, rows if rows is not None else [], settings.PAGE_SIZE)
    overdue = list_rows({**values, "overdue": True}, request.user, today)  # type: ignore[arg-type]
    querystring = filters.querystring()
    context = {
        "filters": filters,
        "values": values,
        "page": page,
        "rows": load_rows(list(page.object_list)),
        "overdue_count": overdue.count() if overdue is not None else 0,
        "page_query": f"{querystring}&" if querystring else "",
        "filtered": bool(querystring),
    }
    return render(request, "meetings/action_list.html", context)


def _key(request: HttpRequest, name: str) -> int | None:
    return parse_int(request.GET.get(name), minimum=1, maximum=MAX_ID)


def _origin(request: HttpRequest) -> dict[str, Any]:
    """What a new item comes from, as the address names it (?meeting=, ?problem=, ?contract=,
    ?provider=); keys of no record are ignored."""
    found: dict[str, Any] = {}
    if (key := _key(request, "meeting")) is not None:
        found["meeting"] = Meeting.objects.select_related("provider").filter(pk=key).first()
    if (key := _key(request, "problem")) is not None:
        found["problem"] = Problem.objects.select_related("provider").filter(pk=key).first()
    if (key := _key(request, "contract")) is not None:
        found["contract"] = Contract.objects.select_related("provider").filter(pk=key).first()
    if (key := _key(request, "provider")) is not None:
        found["provider"] = Provider.objects.filter(pk=key).first()
    found = {name: value for name, value in found.items() if value is not None}
    if "provider" not in found:
        for name in ("meeting", "problem", "contract"):
            if name in found:
                found["provider"] = found[name].provider
                break
    # A problem or contract of another provider than the meeting's is not linked.
    for name in ("problem", "contract"):
        if name in found and found[name].provider_id != found["provider"].pk:
            del found[name]
    if "meeting" in found and found["meeting"].provider_id != found["provider"].pk:
        del found["meeting"]
    return found


def _back(origin: dict[str, Any]) -> str:
    if "meeting" in origin:
        return minutes_url(origin["meeting"])
    if "problem" in origin:
        return reverse("problems-detail", args=[origin["problem"].pk])
    if "contract" in origin:
        return reverse("contracts-detail", args=[origin["contract"].pk])
    return reverse("actions-list")


@require_http_methods(["GET", "POST"])
@perm("meetings.add_actionitem")
def action_add(request: HttpRequest) -> HttpResponse:
    origin = _origin(request)
    if "provider" not in origin:
        providers = list(Provider.objects.order_by("name", "pk").only("pk", "name")[:2])
        if len(providers) != 1:
            choices = Provider.objects.order_by("name", "pk").only("pk", "name")
            return render(request, "meetings/action_provider.html", {"providers": choices})
        origin["provider"] = providers[0]
    meeting = origin.get("meeting")
    if meeting is not None and (refused := refusal(request, meeting)) is not None:
        return refused
    initial = action_initial(problem=origin.get("problem"), contract=origin.get("contract"))
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        provider=origin["provider"],
        initial=initial,
    )
    back = _back(origin)
    if form.is_bound and form.is_valid():
        action = form.save(commit=False)
        action.meeting, action.created_by = meeting, cast(User, request.user)
        action.save()
        if action.kind == ActionItem.Kind.QUESTION:
            messages.success(request, _("The open question was added."))
        else:
            messages.success(request, _("The action item was added."))
        return redirect(back if back != reverse("actions-list") else _detail(action))
    context: dict[str, Any] = {
        "form": form,
        "provider": origin["provider"],
        "meeting": meeting,
        "title": _("New action item or open question"),
        "back_url": back,
    }
    return render(request, "meetings/action_form.html", context)


def _detail(action: ActionItem) -> str:
    return reverse("actions-detail", args=[action.pk])


def recorded(action: ActionItem) -> bool:
    """Whether the item is part of approved minutes: what it says (title, details, who, by
    when, what it concerns) is then what was approved and stays so; closing and reopening it
    is follow-up and stays possible."""
    return action.meeting is not None and action.meeting.minutes_locked


def refuse_edit(request: HttpRequest, action: ActionItem) -> HttpResponse:
    messages.error(
        request,
        _(
            "This item is part of approved minutes. Mark it done or dropped, or correct the "
            "minutes first."
        ),
    )
    return redirect(_detail(action))


@require_safe
@perm("meetings.view_actionitem")
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(ActionItem.objects.select_related(*RELATED), pk=pk)
    context = {
        "action": action,
        "overdue": action.is_overdue(),
        "recorded": recorded(action),
        "reviews": action.reviews.select_related("meeting").order_by("meeting__starts_at"),
    }
    return render(request, "meetings/action_detail.html", context)


@require_http_methods(["GET", "POST"])
@perm("meetings.change_actionitem")
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(ActionItem.objects.select_related(*RELATED), pk=pk)
    if recorded(action):
        return refuse_edit(request, action)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        instance=action,
        provider=action.provider,
    )
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            # Minutes approved meanwhile are not changed either (approval locks the meeting).
            if action.meeting_id is not None:
                action.meeting = Meeting.objects.select_for_update().get(pk=action.meeting_id)
            if recorded(action):
                return refuse_edit(request, action)
            form.save()
        messages.success(request, _("The changes were saved."))
        return redirect(_detail(action))
    context = {
        "form": form,
        "provider": action.provider,
        "meeting": action.meeting,
        "action": action,
        "title": _("Change “%(title)s”") % {"title": action.title},
        "back_url": _detail(action),
    }
    return render(request, "meetings/action_form.html", context)


@require_http_methods(["GET", "POST"])
@perm("meetings.change_actionitem")
def action_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(ActionItem.objects.select_related("provider"), pk=pk)
    if not action.is_open:
        messages.error(request, _("The item is closed already."))
        return redirect(_detail(action))
    form = CloseForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        action_close(
            action=action,
            outcome=form.cleaned_data["outcome"],
            answer=form.cleaned_data["answer"],
            reason=form.cleaned_data["reason"],
        )
        if action.status == ActionItem.Status.DROPPED:
            messages.success(request, _("The item was dropped."))
        else:
            messages.success(request, _("The item was marked as done."))
        return redirect(_detail(action))
    return render(request, "meetings/action_close.html", {"action": action, "form": form})


@require_POST
@perm("meetings.change_actionitem")
def action_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(ActionItem, pk=pk)
    if action.is_open:
        messages.error(request, _("The item is open already."))
    else:
        action_reopen(action=action)
        messages.success(request, _("The item is open again."))
    return redirect(_detail(action))
