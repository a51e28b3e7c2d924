"""The SLA report as PDF: the same answer, figures and lists as the page, in the language of
the organisation's documents, with the chart embedded and every figure as real text."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from vendorwatch.monitoring import report as figures
from vendorwatch.web.pdf import pdf_slot, render_pdf, shorten

STYLESHEETS = ("expectations/document.css", "monitoring/report_pdf.css")


def document_language() -> str:
    from vendorwatch.organisation.models import Organisation

    organisation = Organisation.load()
    return organisation.document_language if organisation else "de"


def chart_data_uri(report: figures.Report) -> str:
    from vendorwatch.web.charts import svg_data_uri

    return svg_data_uri(figures.trend_svg(report.provider, report.trend))


def listed(report: figures.Report, queryset: Any, *, explain: bool) -> dict[str, Any]:
    """The first :data:`figures.PDF_ROWS` tickets of a list, and how many more there are."""
    shown = list(queryset[: figures.PDF_ROWS])
    total = queryset.count()
    rows = figures.ticket_rows(shown, report.row_priorities(), explain=explain)
    for row in rows:
        row.ticket.title = shorten(row.ticket.title, max_chars=300, max_lines=3).text
    return {"rows": rows, "more": total - len(shown)}


def report_context(report: figures.Report) -> dict[str, Any]:
    from vendorwatch.feedback.report_section import report_section
    from vendorwatch.organisation.models import Organisation

    return {
        "report": report,
        "organisation": Organisation.load(),
        "chart": chart_data_uri(report),
        "breaches": listed(report, report.breaches(), explain=False),
        "disagreements": listed(report, report.disagreements(), explain=True),
        "feedback_section": report_section(report.provider, report.start, report.end),
    }


def report_pdf(provider: Any, start: date, end: date) -> bytes:
    """Raises :class:`vendorwatch.web.pdf.PdfUnavailable` when no PDF can be made now; the slot
    is taken first, so a request turned away does not count a million tickets for nothing."""
    with pdf_slot(), translation.override(document_language()):
        report = figures.sla_report(provider, start, end)
        html = render_to_string("monitoring/report_pdf.html", report_context(report))
        return render_pdf(html, static_css=STYLESHEETS)
