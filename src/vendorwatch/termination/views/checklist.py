"""The exit checklist of a termination: the page, its PDF, and adding, changing, marking done,
reopening and deleting its items. Viewers read and download; a withdrawn termination's
checklist is kept as it was."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vendorwatch.termination.checklist import (
    checklist_filename,
    checklist_generate,
    checklist_read,
    next_position,
    task_mark_done,
    task_reopen,
)
from vendorwatch.termination.checklist import (
    checklist_pdf as make_pdf,
)
from vendorwatch.termination.checklist_forms import DoneForm, TaskForm
from vendorwatch.termination.models import ExitTask, Termination, TerminationFile
from vendorwatch.termination.services import termination_plan
from vendorwatch.termination.views import refuse_if_withdrawn
from vendorwatch.web.crud import confirm_delete, perm
from vendorwatch.web.pdf import pdf_download


def _termination(pk: int) -> Termination:
    return get_object_or_404(
        Termination.objects.select_related("contract__provider", "created_by").prefetch_related(
            "letters__dispatches"
        ),
        pk=pk,
    )


def _task(pk: int) -> ExitTask:
    return get_object_or_404(
        ExitTask.objects.select_related("termination__contract__provider", "owner", "service"),
        pk=pk,
    )


def checklist_url(termination: Termination, task: ExitTask | None = None) -> str:
    url = reverse("termination-checklist", args=[termination.pk])
    return f"{url}#task-{task.pk}" if task is not None else url


def _refused(request: HttpRequest, termination: Termination) -> HttpResponse | None:
    """A withdrawn termination's checklist stays as it was when it was withdrawn."""
    message = _("This termination was withdrawn: its checklist cannot be changed.")
    return refuse_if_withdrawn(
        request, termination, url=checklist_url(termination), message=message
    )


@require_safe
@perm("termination.view_termination")
def checklist(request: HttpRequest, pk: int) -> HttpResponse:
    termination = _termination(pk)
    context = {
        "termination": termination,
        "contract": termination.contract,
        "checklist": checklist_read(termination),
        "withdrawn": termination.status == Termination.Status.WITHDRAWN,
    }
    return render(request, "termination/checklist.html", context)


@require_POST
@perm("termination.add_exittask")
def checklist_generate_view(request: HttpRequest, pk: int) -> HttpResponse:
    termination = _termination(pk)
    if (refused := _refused(request, termination)) is not None:
        return refused
    added = checklist_generate(termination)
    if added:
        messages.success(
            request,
            ngettext(
                "%(count)d standard item was added.", "%(count)d standard items were added.", added
            )
            % {"count": added},
        )
    else:
        messages.info(request, _("Every standard item is on the checklist already."))
    return redirect(checklist_url(termination))


@require_safe
@perm("termination.view_termination")
def checklist_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    termination = _termination(pk)
    return pdf_download(
        request,
        filename=checklist_filename(termination),
        render=lambda: make_pdf(termination),
        back_url=checklist_url(termination),
    )


def _form_page(request: HttpRequest, form: TaskForm, context: dict[str, Any]) -> HttpResponse:
    return render(request, "termination/task_form.html", {"form": form, **context})


@require_http_methods(["GET", "POST"])
@perm("termination.add_exittask")
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    termination = _termination(pk)
    if (refused := _refused(request, termination)) is not None:
        return refused
    end = termination_plan(termination).contract_end
    data = request.POST if request.method == "POST" else None
    form = TaskForm(data, termination=termination, end=end, initial={"owner": request.user.pk})
    if form.is_bound and form.is_valid():
        task = form.save(commit=False)
        task.position = next_position(termination)
        task.save()
        messages.success(request, _("The item was added to the checklist."))
        return redirect(checklist_url(termination, task))
    context = {"termination": termination, "title": _("New checklist item")}
    return _form_page(request, form, context)


@require_http_methods(["GET", "POST"])
@perm("termination.change_exittask")
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    termination = task.termination
    if (refused := _refused(request, termination)) is not None:
        return refused
    end = termination_plan(termination).contract_end
    data = request.POST if request.method == "POST" else None
    form = TaskForm(data, instance=task, termination=termination, end=end)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return redirect(checklist_url(termination, task))
    context = {
        "termination": termination,
        "task": task,
        "title": _("Change “%(title)s”") % {"title": task.title},
    }
    return _form_page(request, form, context)


@require_http_methods(["GET", "POST"])
@perm("termination.change_exittask")
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the item done with its evidence (or change the evidence of a done item); a POST
    with ``reopen`` opens a done item again."""
    task = _task(pk)
    termination = task.termination
    if (refused := _refused(request, termination)) is not None:
        return refused
    if request.method == "POST" and "reopen" in request.POST:
        if task.done_on is None:
            messages.error(request, _("The item is open already."))
        else:
            task_reopen(task=task)
            messages.success(request, _("The item is open again."))
        return redirect(checklist_url(termination, task))
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = DoneForm(*data, task=task)
    if form.is_bound and form.is_valid():
        was_done = task.done_on is not None
        task_mark_done(
            task=task,
            done_on=form.cleaned_data["done_on"],
            evidence=form.cleaned_data["evidence"],
            upload=form.cleaned_data["file"],
            user=request.user,
        )
        if was_done:
            messages.success(request, _("The evidence was saved."))
        else:
            messages.success(request, _("The item was marked as done."))
        return redirect(checklist_url(termination, task))
    files = task.files.filter(kind=TerminationFile.Kind.EVIDENCE).order_by("uploaded_at", "pk")
    context = {"termination": termination, "task": task, "form": form, "files": files}
    return render(request, "termination/task_done.html", context)


@require_http_methods(["GET", "POST"])
@perm("termination.delete_exittask")
def task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    termination = task.termination
    if (refused := _refused(request, termination)) is not None:
        return refused
    stored = [upload.file for upload in task.files.all()]
    url = checklist_url(termination)
    consequence = ""
    if stored:
        consequence = ngettext(
            "Its evidence file is deleted too.",
            "Its %(count)d evidence files are deleted too.",
            len(stored),
        ) % {"count": len(stored)}
    response = confirm_delete(
        request, obj=task, success_url=url, cancel_url=url, consequence=consequence
    )
    if request.method == "POST" and not ExitTask.objects.filter(pk=pk).exists():
        for upload in stored:
            upload.delete(save=False)
    return response
