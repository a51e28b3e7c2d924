from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.expectations import starter
from vendorwatch.expectations.forms import RequirementForm
from vendorwatch.expectations.models import Requirement
from vendorwatch.expectations.services import requirements_add_from_starter
from vendorwatch.expectations.views.starter_pick import starter_page
from vendorwatch.web.crud import confirm_delete, form_page, paginate, perm


@require_safe
@perm("expectations.view_requirement")
def requirement_list(request: HttpRequest) -> HttpResponse:
    requirements = Requirement.objects.prefetch_related("services", "providers")
    filters = {key: request.GET.get(key, "") for key in ("priority", "status", "q")}
    if filters["priority"] in Requirement.Priority.values:
        requirements = requirements.filter(priority=filters["priority"])
    if filters["status"] in Requirement.Status.values:
        requirements = requirements.filter(status=filters["status"])
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
        "statuses": Requirement.Status.choices,
    }
    return render(request, "expectations/requirement_list.html", context)


def _form_context(title: str) -> dict[str, str]:
    return {
        "title": title,
        "back_url": reverse("expectations-requirements"),
        "back_label": _("Requirements"),
    }


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
        context=_form_context(_("Edit requirement")),
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
