from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from vendorwatch.problems.models import Problem
from vendorwatch.problems.report import report_mailto, report_pdf, report_subject, report_text
from vendorwatch.providers.models import Contact
from vendorwatch.web.crud import perm


@require_safe
@perm("problems.view_problem")
def report(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem.objects.select_related("provider", "service"), pk=pk)
    contact = (
        Contact.objects.filter(provider=problem.provider)
        .exclude(email="")
        .order_by("escalation_level", "name")
        .first()
    )
    context = {
        "problem": problem,
        "subject": report_subject(problem),
        "text": report_text(problem),
        "mailto": report_mailto(problem, contact.email if contact else ""),
        "contact": contact,
    }
    return render(request, "problems/report_page.html", context)


@require_safe
@perm("problems.view_problem")
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem.objects.select_related("provider", "service"), pk=pk)
    response = HttpResponse(report_pdf(problem), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="problem-{problem.pk}.pdf"'
    return response
