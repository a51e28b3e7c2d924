"""The expectations document: one per provider, chosen on the first page."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Max
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vendorwatch.expectations.document import (
    document_filename,
    expectations_document_create,
    render_document_html,
)
from vendorwatch.expectations.models import ExpectationsDocument
from vendorwatch.providers.models import Provider
from vendorwatch.sla.document import policies_without_provider
from vendorwatch.web.crud import perm
from vendorwatch.web.files import private_file_response
from vendorwatch.web.pdf import calm_when_unavailable


@require_safe
@perm("expectations.view_expectationsdocument")
def document_choice(request: HttpRequest) -> HttpResponse:
    """Which provider's document: every provider with what it has and its latest version."""
    providers = Provider.objects.annotate(
        service_count=Count("services", distinct=True),
        policy_count=Count("sla_policies", distinct=True),
        latest_version=Max("expectations_documents__version"),
    ).order_by("status", "name")
    context = {
        "providers": providers,
        "earlier": ExpectationsDocument.objects.filter(provider__isnull=True)[:20],
    }
    return render(request, "expectations/document_choice.html", context)


@require_safe
@perm("expectations.view_expectationsdocument")
def document(request: HttpRequest, provider_pk: int) -> HttpResponse:
    """One provider's document as it would be issued now, and its versions issued so far."""
    provider = get_object_or_404(Provider, pk=provider_pk)
    context = {
        "provider": provider,
        "document_html": render_document_html(version=None, for_pdf=False, provider=provider),
        "issued": provider.expectations_documents.select_related("created_by")[:20],
        "unassigned_policies": policies_without_provider(),
    }
    return render(request, "expectations/document_page.html", context)


@require_POST
@perm("expectations.add_expectationsdocument")
@calm_when_unavailable
def document_create(request: HttpRequest, provider_pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=provider_pk)
    issued = expectations_document_create(user=request.user, provider=provider)
    messages.success(
        request,
        _("Version %(version)d of the document for %(provider)s was created.")
        % {"version": issued.version, "provider": provider.name},
    )
    return redirect("expectations-document", provider_pk=provider.pk)


@require_safe
@perm("expectations.view_expectationsdocument")
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    issued = get_object_or_404(ExpectationsDocument.objects.select_related("provider"), pk=pk)
    return private_file_response(
        issued.pdf, filename=document_filename(issued), content_type="application/pdf"
    )
