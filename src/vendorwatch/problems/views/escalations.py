from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vendorwatch.problems.escalation import (
    escalation_body,
    escalation_confirm,
    escalation_discard,
)
from vendorwatch.problems.forms import ConfirmEscalationForm
from vendorwatch.problems.models import Escalation
from vendorwatch.web.crud import paginate, perm


@require_safe
@perm("problems.view_escalation")
def escalation_list(request: HttpRequest) -> HttpResponse:
    drafts = Escalation.objects.filter(status=Escalation.Status.DRAFTED).select_related(
        "problem", "contact"
    )
    return render(request, "problems/escalation_list.html", {"page": paginate(request, drafts)})


@require_http_methods(["GET", "POST"])
@perm("problems.change_escalation")
def escalation_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the drafted e-mail with everything in it; it is sent only on confirmation."""
    escalation = get_object_or_404(Escalation.objects.select_related("problem", "contact"), pk=pk)
    if escalation.status != Escalation.Status.DRAFTED:
        messages.info(request, _("This e-mail was already handled."))
        return redirect("problems-detail", pk=escalation.problem_id)
    form = ConfirmEscalationForm(request.POST or None, initial={"recipient": escalation.recipient})
    if request.method == "POST" and form.is_valid():
        escalation_confirm(
            escalation=escalation, recipient=form.cleaned_data["recipient"], user=request.user
        )
        messages.success(request, _("The escalation e-mail is on its way."))
        return redirect("problems-detail", pk=escalation.problem_id)
    context = {
        "form": form,
        "escalation": escalation,
        "problem": escalation.problem,
        "preview": escalation_body(escalation, request.user),
        "sender": settings.DEFAULT_FROM_EMAIL,
    }
    return render(request, "problems/escalation_send.html", context)


@require_POST
@perm("problems.change_escalation")
def escalation_discard_view(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = get_object_or_404(Escalation, pk=pk)
    escalation_discard(escalation=escalation, user=request.user)
    messages.success(request, _("The draft was discarded."))
    return redirect("problems-detail", pk=escalation.problem_id)
