from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vendorwatch.expectations.document import expectations_document_create, render_document_html
from vendorwatch.expectations.models import ExpectationsDocument
from vendorwatch.web.crud import perm


@require_safe
@perm("expectations.view_expectationsdocument")
def document(request: HttpRequest) -> HttpResponse:
    """The document as it would be issued now, and the versions issued so far."""
    context = {
        "document_html": render_document_html(version=None, for_pdf=False),
        "issued": ExpectationsDocument.objects.select_related("created_by")[:20],
    }
    return render(request, "expectations/document_page.html", context)


@require_POST
@perm("expectations.add_expectationsdocument")
def document_create(request: HttpRequest) -> HttpResponse:
    issued = expectations_document_create(user=request.user)
    messages.success(
        request, _("Version %(version)d of the document was created.") % {"version": issued.version}
    )
    return redirect("expectations-document")


@require_safe
@perm("expectations.view_expectationsdocument")
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    issued = get_object_or_404(ExpectationsDocument, pk=pk)
    return FileResponse(
        issued.pdf.open("rb"),
        as_attachment=True,
        filename=f"erwartungen-v{issued.version}.pdf",
        content_type="application/pdf",
    )
