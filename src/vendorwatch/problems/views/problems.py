from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.core import businesstime as bt
from vendorwatch.expectations.models import Service
from vendorwatch.jobs.outbox import messages_about
from vendorwatch.problems.clock import UNCOMPUTABLE, ClockSummary
from vendorwatch.problems.durations import business_duration, day_of, target_duration
from vendorwatch.problems.forms import EventForm
from vendorwatch.problems.listing import MAX_ID, page_of, read_filters
from vendorwatch.problems.models import ClockState, Problem, ProblemEvent
from vendorwatch.problems.priority import PriorityPreview, priority_preview
from vendorwatch.problems.problem_form import ProblemForm
from vendorwatch.problems.services import problem_clock, problem_report, problem_update
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import Priority
from vendorwatch.web.crud import perm
from vendorwatch.web.parsing import parse_int
from vendorwatch.web.zones import zone_label

logger = logging.getLogger(__name__)

STORE_FAILED = gettext_noop(
    "The files could not be stored, so the problem was not recorded yet. Please choose the "
    "files and save again; if that fails too, report the problem without the files and "
    "attach them on its page afterwards."
)


def priority_choices() -> list[tuple[int, str]]:
    rows = Priority.objects.order_by("rank").values_list("rank", "code", "name").distinct()
    seen: dict[int, str] = {}
    for rank, code, name in rows:
        seen.setdefault(rank, f"{code} {name}")
    return sorted(seen.items())


@require_safe
@perm("problems.view_problem")
def problem_list(request: HttpRequest) -> HttpResponse:
    filters = read_filters(request.GET)
    context = {
        "page": page_of(filters, request.GET, settings.PAGE_SIZE),
        "filters": filters,
        "querystring": filters.querystring(),
        "states": ClockState.choices,
        "priorities": priority_choices(),
        "providers": Provider.objects.only("pk", "name"),
        "services": Service.objects.only("pk", "name"),
        # From the (small) user table rather than from the problems they reported.
        "reporters": User.objects.order_by("first_name", "last_name", "username").only(
            "pk", "username", "first_name", "last_name"
        ),
    }
    return render(request, "problems/problem_list.html", context)


def problem_form(request: HttpRequest, instance: Problem | None = None) -> ProblemForm:
    """The problem form; ``?provider=`` (the htmx request of a changed provider) picks the
    provider whose SLAs are offered."""
    initial: dict[str, object] = {}
    provider = parse_int(request.GET.get("provider"), minimum=1, maximum=MAX_ID)
    if request.method == "GET" and provider is not None:
        initial["provider"] = provider
    return ProblemForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        initial=initial,
        sla_url=request.path,
        preview_url=reverse("problems-priority-preview"),
    )


def render_problem_form(
    request: HttpRequest, form: ProblemForm, context: dict[str, object]
) -> HttpResponse:
    if request.method == "GET" and request.headers.get("HX-Request"):
        # The SLA field of a newly chosen provider, and the priority its first SLA gives.
        preview = preview_of(request.GET, sla_policy=form["sla_policy"].value())
        context = {"form": form, "preview": preview, "oob_preview": True}
        return render(request, "problems/_sla_field.html", context)
    context = {
        "form": form,
        "preview": form.priority_preview(),
        # A browser does not send the chosen files again when the page comes back with errors.
        "files_lost": form.is_bound and bool(request.FILES) and "attachments" not in form.errors,
        **context,
    }
    return render(request, "problems/problem_form.html", context)


def preview_of(values: QueryDict, **given: object) -> PriorityPreview:
    fields = ("sla_policy", "impact", "urgency", "reported_to_provider_at")
    raw = {name: given.get(name, values.get(name)) for name in fields}
    return priority_preview(
        sla_policy=raw["sla_policy"],
        impact=raw["impact"],
        urgency=raw["urgency"],
        reported=raw["reported_to_provider_at"],
    )


@require_safe
def problem_priority_preview(request: HttpRequest) -> HttpResponse:
    """The priority the chosen SLA gives the chosen extent and urgency (htmx, on the form);
    for whoever may fill in the form, to report a problem or change one."""
    user = request.user
    if not (user.has_perm("problems.add_problem") or user.has_perm("problems.change_problem")):
        raise PermissionDenied
    context = {"preview": preview_of(request.GET)}
    return render(request, "problems/_priority_preview.html", context)


@require_http_methods(["GET", "POST"])
@perm("problems.add_problem")
def problem_add(request: HttpRequest) -> HttpResponse:
    form = problem_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            problem = problem_report(
                problem=form.save(commit=False),
                user=request.user,
                uploads=form.cleaned_data.get("attachments") or [],
            )
        except OSError:
            logger.exception("A new problem's files could not be stored")
            form.add_error("attachments", _(STORE_FAILED))
            return render_problem_form(request, form, {"title": _("Report a problem")})
        if problem.state == ClockState.NO_SLA:
            messages.success(request, _("The problem was recorded, without SLA clock."))
        else:
            messages.success(request, _("The problem was recorded; the SLA clocks are running."))
        return redirect("problems-detail", pk=problem.pk)
    return render_problem_form(request, form, {"title": _("Report a problem")})


@require_http_methods(["GET", "POST"])
@perm("problems.change_problem")
def problem_edit(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem, pk=pk)
    form = problem_form(request, problem)
    if request.method == "POST" and form.is_valid():
        problem_update(problem=form.save(commit=False))
        messages.success(request, _("The problem was saved."))
        return redirect("problems-detail", pk=problem.pk)
    return render_problem_form(request, form, {"title": _("Edit problem"), "problem": problem})


def clock_context(problem: Problem) -> dict[str, object]:
    now = timezone.now()
    summary, _sla, policy, _ticket = problem_clock(problem=problem, now=now)
    day = policy.calendar.daily_seconds if policy is not None else 0
    return {"problem": problem, "clock": clock_rows(summary, day), "summary": summary, "now": now}


def clock_rows(summary: ClockSummary, day_seconds: int = 0) -> list[dict[str, object]]:
    """The clocks' rows; durations of a business day (``day_seconds``) or more are written
    in business days and hours."""
    rows = []
    for kind, result in (("response", summary.response), ("resolution", summary.resolution)):
        if result is None:
            continue
        day = day_of(result, day_seconds)
        rows.append(
            {
                "kind": kind,
                "due": result.due,
                "state": result.state.value,
                "state_label": ClockState(result.state.value).label,
                "stopped": result.stop,
                "margin": business_duration(abs(result.margin_seconds), day),
                "overdue": result.margin_seconds < 0,
                "elapsed": business_duration(result.elapsed_seconds, day),
                "target": target_duration(result.target_seconds, day),
            }
        )
    return rows


def problem_queryset() -> QuerySet[Problem]:
    return Problem.objects.select_related(
        "provider", "service", "sla_policy", "sla_version", "priority", "reporter", "owner"
    )


@require_safe
@perm("problems.view_problem")
def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The events as the timeline shows them; the clocks are computed from the same ones.
    events = ProblemEvent.objects.select_related("author").prefetch_related("edits__user")
    problem = get_object_or_404(
        problem_queryset().prefetch_related(Prefetch("events", queryset=events)), pk=pk
    )
    context = {
        **clock_context(problem),
        "events": problem.events.all(),
        "event_form": EventForm(problem=problem),
        "attachments": problem.attachments.all(),
        "escalations": problem.escalations.select_related("contact"),
        "sent_messages": messages_about(problem).order_by("-created_at"),
    }
    return render(request, "problems/problem_detail.html", context)


@require_safe
@perm("problems.view_problem")
def problem_clock_partial(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(problem_queryset(), pk=pk)
    return render(request, "problems/_clock.html", clock_context(problem))


@require_safe
@perm("problems.view_problem")
def problem_explain(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(problem_queryset(), pk=pk)
    now = timezone.now()
    summary, sla, policy, ticket = problem_clock(problem=problem, now=now)
    language = translation.get_language() or "de"
    sections, state = [], summary.state
    if sla is not None and policy is not None:
        try:
            for kind in sla.results:
                explanation = bt.explain_ticket(policy, ticket, now, kind, language)
                lines = bt.render(explanation, _, language, lambda tz: str(zone_label(tz)))
                sections.append({"kind": kind.value, "lines": lines})
        except UNCOMPUTABLE:
            sections, state = [], ClockState.INVALID
    context = {"problem": problem, "sections": sections, "state": state}
    return render(request, "problems/problem_explain.html", context)


def back_to(problem: Problem) -> str:
    return reverse("problems-detail", args=[problem.pk])
