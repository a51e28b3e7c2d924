"""The files that prove something (delivery records, the provider's confirmation, evidence for
an exit task): handed out as downloads by this view, never by the web server."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.termination.models import TerminationFile
from vendorwatch.termination.views import refuse_if_withdrawn
from vendorwatch.web.crud import perm
from vendorwatch.web.files import private_file_response


@require_safe
@perm("termination.view_termination")
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    record = get_object_or_404(TerminationFile, pk=pk)
    return private_file_response(
        record.file, filename=record.filename, content_type=record.content_type
    )


def back_url(record: TerminationFile) -> str:
    """Where the file is listed: the exit checklist for a task's evidence, else the
    termination."""
    if record.exit_task_id is not None:
        return reverse("termination-checklist", args=[record.termination_id])
    return reverse("termination-detail", args=[record.termination_id])


@require_http_methods(["GET", "POST"])
@perm("termination.delete_terminationfile")
def file_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(TerminationFile.objects.select_related("termination"), pk=pk)
    url = back_url(record)
    if refused := refuse_if_withdrawn(request, record.termination, url=url):
        return refused
    if request.method == "POST":
        stored = record.file
        with transaction.atomic():
            record.delete()
            transaction.on_commit(lambda: stored.delete(save=False))
        messages.success(request, _("The file “%(name)s” was deleted.") % {"name": record.filename})
        return redirect(url)
    return render(
        request, "termination/dispatch_file_delete.html", {"file": record, "back_url": url}
    )
