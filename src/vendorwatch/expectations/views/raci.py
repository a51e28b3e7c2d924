from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vendorwatch.expectations.forms import PartyForm, TaskForm
from vendorwatch.expectations.models import Party, Responsibility, Task
from vendorwatch.expectations.services import (
    raci_add_starter,
    raci_check,
    raci_matrix,
    responsibility_set,
)
from vendorwatch.web.crud import confirm_delete, form_page, perm


def _grid_context() -> dict[str, object]:
    tasks, parties, cells = raci_matrix()
    rows = [
        {"task": task, "cells": [(party, cells.get((task.pk, party.pk), "")) for party in parties]}
        for task in tasks
    ]
    return {
        "rows": rows,
        "parties": parties,
        "check": raci_check(tasks, parties, cells),
        "kinds": Responsibility.Kind.choices,
    }


@require_safe
@perm("expectations.view_responsibility")
def raci_grid(request: HttpRequest) -> HttpResponse:
    return render(request, "expectations/raci.html", _grid_context())


def _cell_name(task_id: int, party_id: int) -> str:
    return f"cell-{task_id}-{party_id}"


@require_POST
@perm("expectations.change_responsibility")
def raci_cell(request: HttpRequest, task_pk: int, party_pk: int) -> HttpResponse:
    """Set one cell; htmx gets the cell (saved, or why not) and the checks back, a plain
    form a redirect."""
    task = get_object_or_404(Task, pk=task_pk)
    party = get_object_or_404(Party, pk=party_pk)
    error = ""
    try:
        responsibility_set(
            task=task, party=party, kind=request.POST.get(_cell_name(task.pk, party.pk), "")
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:  # type: ignore[attr-defined]
        if error:
            messages.error(request, error)
        return redirect("expectations-raci")
    stored = Responsibility.objects.filter(task=task, party=party).values_list("kind", flat=True)
    kind = stored.first() or ""
    context = {
        **_grid_context(),
        "task": task,
        "party": party,
        "kind": kind,
        "error": error,
        "saved": not error,
        "announcement": ""
        if error
        else _("Saved: %(task)s – %(party)s: %(kind)s")
        % {"task": task.title, "party": party.name, "kind": kind or pgettext("RACI cell", "empty")},
    }
    return render(request, "expectations/_raci_cell_update.html", context)


@require_POST
@perm("expectations.change_responsibility")
def raci_save(request: HttpRequest) -> HttpResponse:
    """Save the whole grid at once (the form without JavaScript)."""
    tasks, parties, cells = raci_matrix()
    errors = []
    for task in tasks:
        for party in parties:
            name = _cell_name(task.pk, party.pk)
            kind = request.POST.get(name)
            if kind is None or kind == cells.get((task.pk, party.pk), ""):
                continue
            try:
                responsibility_set(task=task, party=party, kind=kind)
            except ValidationError as exc:
                errors.extend(exc.messages)
    for error in errors:
        messages.error(request, error)
    if not errors:
        messages.success(request, _("The responsibilities were saved."))
    return redirect("expectations-raci")


@require_POST
@perm("expectations.add_task")
def raci_starter(request: HttpRequest) -> HttpResponse:
    added = raci_add_starter(language=get_language() or "de")
    if added:
        message = ngettext(
            "%(count)d typical task or party was added.",
            "%(count)d typical tasks and parties were added.",
            added,
        ) % {"count": added}
    else:
        message = _("All typical tasks and parties are already there.")
    messages.success(request, message)
    return redirect("expectations-raci")


@require_http_methods(["GET", "POST"])
@perm("expectations.add_task")
def task_add(request: HttpRequest) -> HttpResponse:
    url = reverse("expectations-raci")
    form = TaskForm(request.POST or None, initial={})
    if request.method == "POST" and form.is_valid():
        form.instance.order = Task.objects.count()
    return form_page(
        request,
        form=form,
        template="web/form_page.html",
        success_url=url,
        success_message=_("The task was added."),
        context={"title": _("New task"), "back_url": url, "back_label": _("Responsibilities")},
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.change_task")
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    url = reverse("expectations-raci")
    return form_page(
        request,
        form=TaskForm(request.POST or None, instance=get_object_or_404(Task, pk=pk)),
        template="web/form_page.html",
        success_url=url,
        success_message=_("The task was saved."),
        context={"title": _("Edit task"), "back_url": url, "back_label": _("Responsibilities")},
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.delete_task")
def task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    url = reverse("expectations-raci")
    return confirm_delete(
        request, obj=get_object_or_404(Task, pk=pk), success_url=url, cancel_url=url
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.add_party")
def party_add(request: HttpRequest) -> HttpResponse:
    url = reverse("expectations-raci")
    return form_page(
        request,
        form=PartyForm(request.POST or None),
        template="web/form_page.html",
        success_url=url,
        success_message=_("The party was added."),
        context={"title": _("New party"), "back_url": url, "back_label": _("Responsibilities")},
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.change_party")
def party_edit(request: HttpRequest, pk: int) -> HttpResponse:
    url = reverse("expectations-raci")
    return form_page(
        request,
        form=PartyForm(request.POST or None, instance=get_object_or_404(Party, pk=pk)),
        template="web/form_page.html",
        success_url=url,
        success_message=_("The party was saved."),
        context={"title": _("Edit party"), "back_url": url, "back_label": _("Responsibilities")},
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.delete_party")
def party_delete(request: HttpRequest, pk: int) -> HttpResponse:
    url = reverse("expectations-raci")
    return confirm_delete(
        request, obj=get_object_or_404(Party, pk=pk), success_url=url, cancel_url=url
    )
