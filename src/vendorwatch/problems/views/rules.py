"""The escalation ladder of each SLA policy: list, add, change, delete its rules."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.problems.forms import EscalationRuleForm
from vendorwatch.problems.models import EscalationRule
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.web.crud import confirm_delete, form_page, perm


@require_safe
@perm("problems.view_escalationrule")
def rule_list(request: HttpRequest) -> HttpResponse:
    policies = SlaPolicy.objects.select_related("provider").prefetch_related("escalation_rules")
    return render(request, "problems/rule_list.html", {"policies": policies})


def rule_form_page(request: HttpRequest, form: EscalationRuleForm, title: str) -> HttpResponse:
    back = reverse("problems-rules")
    return form_page(
        request,
        form=form,
        template="web/form_page.html",
        success_url=back,
        success_message=_("The escalation rule was saved."),
        context={"title": title, "back_url": back, "back_label": _("Escalation rules")},
    )


@require_http_methods(["GET", "POST"])
@perm("problems.add_escalationrule")
def rule_add(request: HttpRequest) -> HttpResponse:
    policy = request.GET.get("policy", "")
    initial = {"policy": policy} if policy.isdigit() else {}
    form = EscalationRuleForm(request.POST or None, initial=initial)
    return rule_form_page(request, form, _("New escalation rule"))


@require_http_methods(["GET", "POST"])
@perm("problems.change_escalationrule")
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(EscalationRule, pk=pk)
    form = EscalationRuleForm(request.POST or None, instance=rule)
    return rule_form_page(request, form, _("Change escalation rule"))


@require_http_methods(["GET", "POST"])
@perm("problems.delete_escalationrule")
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(EscalationRule.objects.select_related("policy"), pk=pk)
    back = reverse("problems-rules")
    return confirm_delete(
        request,
        obj=rule,
        success_url=back,
        cancel_url=back,
        consequence=_("Escalations it already made stay on their problems."),
    )
