from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.expectations import starter
from vendorwatch.expectations.forms import RequirementForm
from vendorwatch.expectations.models import Requirement, RequirementAgreement
from vendorwatch.expectations.services import (
    requirement_agreements_set,
    requirements_add_from_starter,
)
from vendorwatch.expectations.views.starter_pick import starter_page
from vendorwatch.web.crud import confirm_delete, form_page, paginate, perm

# The list's status filter: agreed with at least one provider, or with none yet.
STATUS_AGREED = "agreed"
STATUS_OPEN = "open"


@require_safe
@perm("expectations.view_requirement")
def requirement_list(request: HttpRequest) -> HttpResponse:
    requirements = Requirement.objects.prefetch_related(
        "services", "providers", Prefetch("agreements", queryset=_agreements())
    )
    filters = {key: request.GET.get(key, "") for key in ("priority", "status", "q")}
    if filters["priority"] in Requirement.Priority.values:
        requirements = requirements.filter(priority=filters["priority"])
    agreed = Q(agreements__isnull=False) | Q(unattributed_agreed_on__isnull=False)
    if filters["status"] == STATUS_AGREED:
        requirements = requirements.filter(agreed).distinct()
    elif filters["status"] == STATUS_OPEN:
        requirements = requirements.exclude(agreed)
    if filters["q"].strip():
        query = filters["q"].strip()
        requirements = requirements.filter(
            Q(title__icontains=query)
            | Q(category__icontains=query)
            | Q(acceptance_criterion__icontains=query)
        )
    context = {
        "page": paginate(request, requirements),
        "filters": filters,
        "filtered": any(filters.values()),
        "priorities": Requirement.Priority.choices,
        "statuses": [
            (STATUS_AGREED, _("agreed with at least one provider")),
            (STATUS_OPEN, _("not yet agreed with any provider")),
        ],
    }
    return render(request, "expectations/requirement_list.html", context)


def _agreements() -> QuerySet[RequirementAgreement]:
    return RequirementAgreement.objects.select_related("provider")


def _form_context(title: str, requirement: Requirement | None = None) -> dict[str, str]:
    context = {
        "title": title,
        "back_url": reverse("expectations-requirements"),
        "back_label": _("Requirements"),
    }
    if requirement is not None and requirement.unattributed_agreed_on:
        context["intro"] = _(
            "Recorded earlier as agreed on %(date)s, without saying with which provider. "
            "Enter below the day for each provider it was agreed with; the earlier note "
            "then disappears. It is not shown in any provider's document."
        ) % {"date": date_format(requirement.unattributed_agreed_on, "d.m.Y")}
    return context


def _save(form: RequirementForm) -> Requirement:
    with transaction.atomic():
        requirement = form.save()
        requirement_agreements_set(requirement=requirement, dates=form.agreement_dates())
    return requirement


@require_http_methods(["GET", "POST"])
@perm("expectations.add_requirement")
def requirement_add(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        form=RequirementForm(request.POST or None),
        template="web/form_page.html",
        success_url=reverse("expectations-requirements"),
        success_message=_("The requirement was saved."),
        context=_form_context(_("New requirement")),
        save=_save,
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.change_requirement")
def requirement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = get_object_or_404(Requirement, pk=pk)
    return form_page(
        request,
        form=RequirementForm(request.POST or None, instance=requirement),
        template="web/form_page.html",
        success_url=reverse("expectations-requirements"),
        success_message=_("The requirement was saved."),
        context=_form_context(_("Edit requirement"), requirement),
        save=_save,
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.delete_requirement")
def requirement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    url = reverse("expectations-requirements")
    return confirm_delete(
        request, obj=get_object_or_404(Requirement, pk=pk), success_url=url, cancel_url=url
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.add_requirement")
def requirement_starter(request: HttpRequest) -> HttpResponse:
    """Pick typical requirements from the starter set; those already added are left out."""
    return starter_page(
        request,
        model=Requirement,
        entries=starter.REQUIREMENTS,
        cells=lambda entry, language: [
            entry.title.get(language),
            entry.category.get(language),
            str(Requirement.Priority(entry.priority).label),
            entry.criterion.get(language),
        ],
        headings=[_("Requirement"), _("Category"), _("Priority"), _("Acceptance criterion")],
        add=requirements_add_from_starter,
        added_message=lambda count: (
            ngettext(
                "%(count)d requirement was added.", "%(count)d requirements were added.", count
            )
            % {"count": count}
        ),
        template="expectations/requirement_starter.html",
        success_url=reverse("expectations-requirements"),
    )
