from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vendorwatch.organisation.forms import OrganisationForm
from vendorwatch.organisation.models import Organisation
from vendorwatch.web.crud import form_page, perm


@require_http_methods(["GET", "POST"])
@perm("organisation.change_organisation")
def organisation_edit(request: HttpRequest) -> HttpResponse:
    instance = Organisation.load() or Organisation(pk=Organisation.SINGLETON_ID)
    return form_page(
        request,
        form=OrganisationForm(request.POST or None, instance=instance),
        template="web/form_page.html",
        success_url=reverse("web-settings"),
        success_message=_("The company details were saved."),
        context={
            "title": _("Company details"),
            "intro": _(
                "Used in letters and documents; "
                "the federal state sets your default public holidays."
            ),
            "back_url": reverse("web-settings"),
            "back_label": _("Settings"),
        },
    )
