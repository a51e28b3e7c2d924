"""Candidates: providers you are considering, with their contacts, notes and offers."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.alternatives.models import Offer
from vendorwatch.alternatives.request_forms import CandidateForm
from vendorwatch.alternatives.views.index import link
from vendorwatch.providers.models import Provider
from vendorwatch.web.crud import form_page, paginate, perm


def candidates() -> object:
    offers = Offer.objects.select_related("request").order_by("-received_on", "pk")
    return (
        Provider.objects.filter(status=Provider.Status.CANDIDATE)
        .annotate(contact_count=Count("contacts", distinct=True))
        .prefetch_related(Prefetch("offers", queryset=offers), "contacts")
        .order_by("name", "pk")
    )


@require_safe
@perm("providers.view_provider")
def candidate_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, candidates())
    context = {"page": page, "comparison_list_url": link("alternatives-comparison-list")}
    return render(request, "alternatives/candidate_list.html", context)


@require_http_methods(["GET", "POST"])
@perm("providers.add_provider")
def candidate_add(request: HttpRequest) -> HttpResponse:
    form = CandidateForm(request.POST if request.method == "POST" else None)
    back = reverse("alternatives-candidate-list")
    return form_page(
        request,
        form=form,
        template="alternatives/candidate_form.html",
        success_url=back,
        success_message=_(
            "The candidate was saved. Add its contacts on the provider's page, and its offer "
            "when it arrives."
        ),
        context={
            "title": _("New candidate"),
            "back_url": back,
            "back_label": _("Candidates"),
        },
    )
