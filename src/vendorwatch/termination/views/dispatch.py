"""Recording how a letter was sent, and the proof that it arrived.

After every change the termination's status follows from its dispatches (preparing → sent →
receipt proven), see :func:`vendorwatch.termination.services.termination_refresh_status`.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vendorwatch.core.termination.form import RequiredForm
from vendorwatch.termination import services
from vendorwatch.termination.dispatch_forms import (
    DispatchForm,
    ProofForm,
    end_note,
    proof_save,
    required_form,
)
from vendorwatch.termination.models import Dispatch, Letter, Termination
from vendorwatch.termination.views import refuse_if_withdrawn
from vendorwatch.web.crud import perm

LETTER_RELATED = ("termination__contract__provider",)
DISPATCH_RELATED = ("letter__termination__contract__provider",)


def detail_url(termination: Termination) -> str:
    return reverse("termination-detail", args=[termination.pk])


def withdrawn(request: HttpRequest, termination: Termination) -> HttpResponse | None:
    """A withdrawn termination is kept as it was: nothing more is sent or proven."""
    message = _("This termination was withdrawn: nothing can be recorded for it.")
    return refuse_if_withdrawn(request, termination, message=message)


@require_http_methods(["GET", "POST"])
@perm("termination.add_dispatch")
def dispatch_add(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.select_related(*LETTER_RELATED), pk=pk)
    termination = letter.termination
    if (refused := withdrawn(request, termination)) is not None:
        return refused
    form = DispatchForm(request.POST or None, letter=letter)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            dispatch = form.save(commit=False)
            dispatch.letter = letter
            dispatch.recorded_by = request.user
            dispatch.save()
            services.termination_refresh_status(termination)
        messages.success(request, _("The dispatch was recorded."))
        if form.warning:
            messages.warning(request, form.warning)
        return redirect(detail_url(termination))
    context = {
        "form": form,
        "letter": letter,
        "termination": termination,
        "written_form": required_form(letter) is RequiredForm.WRITTEN,
        "notice": letter.kind == Letter.Kind.TERMINATION,
    }
    return render(request, "termination/dispatch_add.html", context)


@require_http_methods(["GET", "POST"])
@perm("termination.change_dispatch")
def dispatch_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dispatch = get_object_or_404(Dispatch.objects.select_related(*DISPATCH_RELATED), pk=pk)
    termination = dispatch.letter.termination
    if (refused := withdrawn(request, termination)) is not None:
        return refused
    form = ProofForm(request.POST or None, request.FILES or None, instance=dispatch)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            proof_save(form, user=request.user)
            services.termination_refresh_status(termination)
        messages.success(request, _("The proof of receipt was saved."))
        if form.receipt_from_confirmation:
            messages.info(request, _received_from_confirmation(dispatch))
        if (note := confirmed_end_note(dispatch, termination)) is not None:
            messages.warning(request, note)
        return redirect(detail_url(termination))
    context = {
        "form": form,
        "dispatch": dispatch,
        "letter": dispatch.letter,
        "termination": termination,
        "files": dispatch.files.all(),
    }
    return render(request, "termination/dispatch_edit.html", context)


def _received_from_confirmation(dispatch: Dispatch) -> str:
    return _(
        "The day of receipt was set to the day of the provider's confirmation "
        "(%(date)s): it arrived at the latest then. If the confirmation names an earlier "
        "day, enter that one."
    ) % {"date": f"{dispatch.received_on:%d.%m.%Y}"}


def confirmed_end_note(dispatch: Dispatch, termination: Termination) -> str | None:
    """A note when the provider confirmed another end than the one computed from the terms."""
    if dispatch.confirmed_end is None:
        return None
    computed = services.termination_plan(termination).contract_end
    if computed is None or computed == dispatch.confirmed_end:
        return None
    return end_note(dispatch.confirmed_end, computed)


def remove_files(fields: list[FieldFile]) -> None:
    for field in fields:
        field.delete(save=False)


@require_http_methods(["GET", "POST"])
@perm("termination.delete_dispatch")
def dispatch_delete(request: HttpRequest, pk: int) -> HttpResponse:
    dispatch = get_object_or_404(Dispatch.objects.select_related(*DISPATCH_RELATED), pk=pk)
    termination = dispatch.letter.termination
    if refused := withdrawn(request, termination):
        return refused
    if request.method == "POST":
        stored = [record.file for record in dispatch.files.all()]
        with transaction.atomic():
            dispatch.delete()
            services.termination_refresh_status(termination)
            # The files go only once the records are gone for good.
            transaction.on_commit(lambda: remove_files(stored))
        messages.success(request, _("The dispatch was deleted."))
        return redirect(detail_url(termination))
    context = {"dispatch": dispatch, "letter": dispatch.letter, "termination": termination}
    return render(request, "termination/dispatch_delete.html", context)
