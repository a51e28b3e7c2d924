from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from vendorwatch.problems.models import Problem
from vendorwatch.problems.report import (
    document_language,
    report_mailto,
    report_pdf,
    report_subject,
    report_text,
)
from vendorwatch.providers.models import Contact
from vendorwatch.web.crud import perm
from vendorwatch.web.pdf import pdf_download

RELATED = ("provider", "service", "sla_version__policy", "priority")


@require_safe
@perm("problems.view_problem")
def report(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem.objects.select_related(*RELATED), pk=pk)
    contact = (
        Contact.objects.filter(provider=problem.provider)
        .exclude(email="")
        .order_by("escalation_level", "name")
        .first()
    )
    text = report_text(problem)
    mailto = report_mailto(problem, contact.email if contact else "", text=text)
    context = {
        "problem": problem,
        "subject": report_subject(problem),
        "text": text,
        "mailto": mailto,
        "mailto_has_text": "&body=" in mailto,
        "contact": contact,
        # The report is written in the company's document language, whatever the page's.
        "document_language": document_language(),
    }
    return render(request, "problems/report_page.html", context)


@require_safe
@perm("problems.view_problem")
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem.objects.select_related(*RELATED), pk=pk)
    return pdf_download(
        request,
        filename=f"problem-{problem.pk}.pdf",
        render=lambda: report_pdf(problem),
        back_url=reverse("problems-report", args=[problem.pk]),
    )
