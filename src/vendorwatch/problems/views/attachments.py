from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.problems.models import Attachment, Problem
from vendorwatch.problems.services import attachment_add
from vendorwatch.problems.uploads import AttachmentForm
from vendorwatch.web.crud import confirm_delete, perm
from vendorwatch.web.files import private_file_response


@require_http_methods(["GET", "POST"])
@perm("problems.add_attachment")
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem, pk=pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attachment_add(problem=problem, upload=form.cleaned_data["file"], user=request.user)
        messages.success(request, _("The file was attached."))
        return redirect("problems-detail", pk=problem.pk)
    context = {"form": form, "problem": problem, "title": _("Attach a file")}
    return render(request, "problems/attachment_form.html", context)


@require_safe
@perm("problems.view_attachment")
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = get_object_or_404(Attachment, pk=attachment_pk, problem_id=pk)
    return private_file_response(
        attachment.file, filename=attachment.filename, content_type=attachment.content_type
    )


@require_http_methods(["GET", "POST"])
@perm("problems.delete_attachment")
def attachment_delete(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment, pk=attachment_pk, problem_id=pk)
    url = f"/problems/{pk}/"
    if request.method == "POST":
        attachment.file.delete(save=False)
    return confirm_delete(request, obj=attachment, success_url=url, cancel_url=url)
