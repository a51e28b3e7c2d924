"""The comparison as a PDF for the managing director: the recommendation and ranking first,
then the total cost with its breakdown, the chart, the points per criterion, the excluded
offers, how sensitive the result is, and the decision (or room for it)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from vendorwatch.alternatives.comparison import Result, build_comparison
from vendorwatch.alternatives.comparison_chart import chart_description, comparison_svg
from vendorwatch.alternatives.models import Comparison
from vendorwatch.web.pdf import pdf_slot, render_pdf, shorten

STYLESHEETS = ("expectations/document.css", "monitoring/report_pdf.css")


def document_language() -> str:
    from vendorwatch.organisation.models import Organisation

    organisation = Organisation.load()
    return organisation.document_language if organisation else "de"


def pdf_context(result: Result) -> dict[str, Any]:
    from vendorwatch.organisation.models import Organisation
    from vendorwatch.web.charts import svg_data_uri

    comparison = result.comparison
    return {
        "result": result,
        "comparison": comparison,
        "organisation": Organisation.load(),
        "chart": svg_data_uri(comparison_svg(result)),
        "chart_description": chart_description(result),
        "reason": shorten(comparison.decision_reason).text,
        "excluded_reasons": [
            (option, shorten(reason, max_chars=600, max_lines=6).text)
            for option, reason in result.excluded_options
        ],
    }


def comparison_pdf(comparison: Comparison, *, today: date) -> bytes:
    """Raises :class:`vendorwatch.web.pdf.PdfUnavailable` when no PDF can be made now; the
    slot is taken first, so a request turned away computes nothing."""
    with pdf_slot(), translation.override(document_language()):
        result = build_comparison(comparison, today=today)
        html = render_to_string("alternatives/comparison_pdf.html", pdf_context(result))
        return render_pdf(html, static_css=STYLESHEETS)
