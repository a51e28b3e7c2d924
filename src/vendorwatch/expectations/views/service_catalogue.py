from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.expectations import starter
from vendorwatch.expectations.forms import ServiceForm
from vendorwatch.expectations.models import Service
from vendorwatch.expectations.services import services_add_from_starter
from vendorwatch.expectations.views.starter_pick import starter_page
from vendorwatch.web.crud import confirm_delete, form_page, paginate, perm


@require_safe
@perm("expectations.view_service")
def service_list(request: HttpRequest) -> HttpResponse:
    services = Service.objects.select_related("provider", "calendar")
    gaps_only = request.GET.get("gaps") == "1"
    if gaps_only:
        services = services.filter(needed=True, contracted=False)
    context = {
        "page": paginate(request, services),
        "gaps_only": gaps_only,
        "gap_count": Service.objects.filter(needed=True, contracted=False).count(),
    }
    return render(request, "expectations/service_list.html", context)


def _form_context(title: str) -> dict[str, str]:
    return {
        "title": title,
        "back_url": reverse("expectations-services"),
        "back_label": _("Services"),
    }


@require_http_methods(["GET", "POST"])
@perm("expectations.add_service")
def service_add(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        form=ServiceForm(request.POST or None),
        template="web/form_page.html",
        success_url=reverse("expectations-services"),
        success_message=_("The service was saved."),
        context=_form_context(_("New service")),
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.change_service")
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk)
    return form_page(
        request,
        form=ServiceForm(request.POST or None, instance=service),
        template="web/form_page.html",
        success_url=reverse("expectations-services"),
        success_message=_("The service was saved."),
        context=_form_context(_("Edit service")),
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.delete_service")
def service_delete(request: HttpRequest, pk: int) -> HttpResponse:
    url = reverse("expectations-services")
    return confirm_delete(
        request, obj=get_object_or_404(Service, pk=pk), success_url=url, cancel_url=url
    )


@require_http_methods(["GET", "POST"])
@perm("expectations.add_service")
def service_starter(request: HttpRequest) -> HttpResponse:
    return starter_page(
        request,
        model=Service,
        entries=starter.SERVICES,
        cells=lambda entry, language: [entry.name.get(language), entry.scope.get(language)],
        headings=[_("Service"), _("Scope")],
        add=services_add_from_starter,
        added_message=lambda count: (
            ngettext("%(count)d service was added.", "%(count)d services were added.", count)
            % {"count": count}
        ),
        template="expectations/service_starter.html",
        success_url=reverse("expectations-services"),
    )
