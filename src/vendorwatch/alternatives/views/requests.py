"""Requests for offers: write one, see what it says, download it as PDF or DOCX."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.alternatives.models import OfferRequest
from vendorwatch.alternatives.request_forms import OfferRequestForm
from vendorwatch.alternatives.rfo_document import (
    DOCX_TYPE,
    document_language,
    needed_services,
    render_rfo_docx,
    render_rfo_html,
    render_rfo_pdf,
    rfo_filename,
)
from vendorwatch.expectations.models import Requirement
from vendorwatch.web.crud import confirm_delete, perm
from vendorwatch.web.pdf import pdf_download


def _detail(offer_request: OfferRequest) -> str:
    return reverse("alternatives-request-detail", args=[offer_request.pk])


@require_http_methods(["GET", "POST"])
@perm("alternatives.add_offerrequest")
def request_add(request: HttpRequest) -> HttpResponse:
    form = OfferRequestForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        offer_request = form.save(commit=False)
        offer_request.created_by = cast(User, request.user)
        offer_request.save()
        messages.success(request, _("The request for offers was saved."))
        return redirect(_detail(offer_request))
    context = {
        "form": form,
        "title": _("New request for offers"),
        "back_url": reverse("alternatives-index"),
        "back_label": _("Alternatives"),
        "intro": _(
            "The document lists your needed services and your requirements from step 1; "
            "here you add the deadline and how to reach you."
        ),
    }
    return render(request, "alternatives/request_form.html", context)


@require_safe
@perm("alternatives.view_offerrequest")
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer_request = get_object_or_404(OfferRequest.objects.select_related("sla_policy"), pk=pk)
    offers = offer_request.offers.select_related("provider").order_by("provider__name", "pk")
    context = {
        "offer_request": offer_request,
        "offers": offers,
        "document": render_rfo_html(offer_request, for_pdf=False),
        "document_language": document_language(),
        "service_count": len(needed_services()),
        "requirement_count": Requirement.objects.count(),
    }
    return render(request, "alternatives/request_detail.html", context)


@require_http_methods(["GET", "POST"])
@perm("alternatives.change_offerrequest")
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer_request = get_object_or_404(OfferRequest, pk=pk)
    form = OfferRequestForm(
        request.POST if request.method == "POST" else None, instance=offer_request
    )
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return redirect(_detail(offer_request))
    context = {
        "form": form,
        "title": _("Change “%(title)s”") % {"title": offer_request.title},
        "back_url": _detail(offer_request),
        "back_label": offer_request.title,
    }
    return render(request, "alternatives/request_form.html", context)


@require_http_methods(["GET", "POST"])
@perm("alternatives.delete_offerrequest")
def request_delete(request: HttpRequest, pk: int) -> HttpResponse:
    offer_request = get_object_or_404(OfferRequest, pk=pk)
    return confirm_delete(
        request,
        obj=offer_request,
        success_url=reverse("alternatives-index"),
        cancel_url=_detail(offer_request),
        consequence=_("Offers that answer it are kept."),
    )


@require_safe
@perm("alternatives.view_offerrequest")
def request_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    offer_request = get_object_or_404(OfferRequest.objects.select_related("sla_policy"), pk=pk)
    return pdf_download(
        request,
        filename=rfo_filename(offer_request, "pdf"),
        render=lambda: render_rfo_pdf(offer_request),
        back_url=_detail(offer_request),
    )


@require_safe
@perm("alternatives.view_offerrequest")
def request_docx(request: HttpRequest, pk: int) -> HttpResponse:
    offer_request = get_object_or_404(OfferRequest.objects.select_related("sla_policy"), pk=pk)
    response = HttpResponse(render_rfo_docx(offer_request), content_type=DOCX_TYPE)
    filename = rfo_filename(offer_request, "docx")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
