"""The ready-to-send problem report: the precise description as e-mail text and as PDF."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from vendorwatch.problems.escalation import document_language
from vendorwatch.problems.models import Problem


def report_context(problem: Problem) -> dict[str, Any]:
    from vendorwatch.organisation.models import Organisation

    return {
        "problem": problem,
        "organisation": Organisation.load(),
        "since": f"{timezone.localtime(problem.since):%d.%m.%Y %H:%M}",
        "reported": f"{timezone.localtime(problem.reported_to_provider_at):%d.%m.%Y %H:%M}",
    }


def report_subject(problem: Problem) -> str:
    with translation.override(document_language()):
        return gettext("Problem report: %(title)s") % {"title": problem.title}


def report_text(problem: Problem) -> str:
    with translation.override(document_language()):
        return render_to_string("problems/report.txt", report_context(problem)).strip() + "\n"


def report_mailto(problem: Problem, recipient: str = "") -> str:
    subject = quote(report_subject(problem))
    body = quote(report_text(problem))
    return f"mailto:{quote(recipient)}?subject={subject}&body={body}"


def report_pdf(problem: Problem) -> bytes:
    from weasyprint import CSS, HTML

    with translation.override(document_language()):
        html = render_to_string("problems/report_pdf.html", report_context(problem))
    stylesheet = finders.find("expectations/document.css")
    sheets = [CSS(filename=str(stylesheet))] if stylesheet else []
    pdf: bytes = HTML(string=html).write_pdf(stylesheets=sheets)
    return pdf
