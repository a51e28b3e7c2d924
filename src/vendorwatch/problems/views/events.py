from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vendorwatch.feedback import services as feedback
from vendorwatch.problems.forms import EventForm
from vendorwatch.problems.models import Problem, ProblemEvent
from vendorwatch.problems.services import problem_event_add, problem_event_change
from vendorwatch.problems.views.problems import clock_context, problem_queryset
from vendorwatch.web.crud import perm


def ask_for_rating(problem: Problem) -> None:
    """A resolution entered here asks for a rating at once (the job catches every other way);
    only once the event is stored, and a failure to ask never undoes the event."""
    transaction.on_commit(
        lambda: feedback.ratings_request_due(now=timezone.now(), problem=problem), robust=True
    )


@require_http_methods(["GET", "POST"])
@perm("problems.add_problemevent")
def event_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an event; from the detail page (htmx) the answer is the updated clock."""
    problem = get_object_or_404(problem_queryset(), pk=pk)
    form = EventForm(request.POST or None, problem=problem)
    if request.method == "POST" and form.is_valid():
        problem_event_add(problem=problem, user=request.user, **form.cleaned_data)
        ask_for_rating(problem)
        if request.headers.get("HX-Request"):
            context = {
                **clock_context(problem),
                "events": problem.events.select_related("author").prefetch_related("edits__user"),
                "form": EventForm(problem=problem),
            }
            return render(request, "problems/_after_event.html", context)
        messages.success(request, _("The event was recorded."))
        return redirect("problems-detail", pk=problem.pk)
    template = "problems/_event_form.html" if request.headers.get("HX-Request") else None
    context = {"form": form, "problem": problem, "title": _("New event")}
    if template and request.method == "POST":
        response = render(request, template, context)
        response["HX-Retarget"] = "#event-form"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "problems/event_form.html", context)


@require_http_methods(["GET", "POST"])
@perm("problems.change_problemevent")
def event_edit(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem, pk=pk)
    event = get_object_or_404(ProblemEvent, pk=event_pk, problem=problem)
    form = EventForm(request.POST or None, instance=event, problem=problem)
    if request.method == "POST" and form.is_valid():
        problem_event_change(
            event=event,
            occurred_at=form.cleaned_data["occurred_at"],
            text=form.cleaned_data["text"],
            reason=form.cleaned_data.get("reason", ""),
            user=request.user,
        )
        ask_for_rating(problem)
        messages.success(request, _("The event was changed."))
        return redirect("problems-detail", pk=problem.pk)
    context = {"form": form, "problem": problem, "event": event, "title": _("Change event")}
    return render(request, "problems/event_form.html", context)
