from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.core import businesstime as bt
from vendorwatch.core.businesstime.explain import format_duration
from vendorwatch.expectations.models import Service
from vendorwatch.jobs.outbox import messages_about
from vendorwatch.problems.clock import UNCOMPUTABLE, ClockSummary
from vendorwatch.problems.forms import EventForm, ProblemForm
from vendorwatch.problems.listing import page_of, read_filters
from vendorwatch.problems.models import ClockState, Problem, ProblemEvent
from vendorwatch.problems.services import problem_clock, problem_create, problem_update
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import Priority
from vendorwatch.web.crud import perm
from vendorwatch.web.parsing import parse_int


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
    initial = {}
    provider = parse_int(request.GET.get("provider"), minimum=1)
    if request.method == "GET" and provider is not None:
        initial["provider"] = provider
    return ProblemForm(
        request.POST or None, instance=instance, initial=initial, sla_url=request.path
    )


def render_problem_form(
    request: HttpRequest, form: ProblemForm, context: dict[str, object]
) -> HttpResponse:
    if request.method == "GET" and request.headers.get("HX-Request"):
        return render(request, "problems/_sla_field.html", {"form": form})
    return render(request, "problems/problem_form.html", {"form": form, **context})


@require_http_methods(["GET", "POST"])
@perm("problems.add_problem")
def problem_add(request: HttpRequest) -> HttpResponse:
    form = problem_form(request)
    if request.method == "POST" and form.is_valid():
        problem = problem_create(problem=form.save(commit=False), user=request.user)
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
    summary, _sla, _policy, _ticket = problem_clock(problem=problem, now=now)
    return {"problem": problem, "clock": clock_rows(summary), "summary": summary, "now": now}


def clock_rows(summary: ClockSummary) -> list[dict[str, object]]:
    rows = []
    for kind, result in (("response", summary.response), ("resolution", summary.resolution)):
        if result is None:
            continue
        rows.append(
            {
                "kind": kind,
                "due": result.due,
                "state": result.state.value,
                "state_label": ClockState(result.state.value).label,
                "stopped": result.stop,
                "margin": format_duration(abs(result.margin_seconds)),
                "overdue": result.margin_seconds < 0,
                "elapsed": format_duration(result.elapsed_seconds),
                "target": format_duration(result.target_seconds),
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
                lines = bt.render(explanation, _, language)
                sections.append({"kind": kind.value, "lines": lines})
        except UNCOMPUTABLE:
            sections, state = [], ClockState.INVALID
    context = {"problem": problem, "sections": sections, "state": state}
    return render(request, "problems/problem_explain.html", context)


def back_to(problem: Problem) -> str:
    return reverse("problems-detail", args=[problem.pk])
