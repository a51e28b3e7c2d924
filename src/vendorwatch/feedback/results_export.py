"""A survey round's results as a file: CSV for a spreadsheet, PDF as a summary to pass on.

Both hold the aggregated figures only — per question the count of each value or option, the
mean, the NPS — and the free texts each on its own, in random order. Never a row per
response: answers side by side would let one person's answers be put together again.
Neither is made for a round below its minimum (the views answer 404 first).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext

from vendorwatch.feedback import charts
from vendorwatch.feedback.models import QuestionKind
from vendorwatch.feedback.results import (
    SCALES,
    QuestionResult,
    RoundResult,
    TrendPoint,
    local_day,
)
from vendorwatch.problems.export import neutralise
from vendorwatch.problems.report import document_language
from vendorwatch.web.pdf import PdfAttachment, pdf_slot, render_pdf, shorten

STYLESHEETS = ("expectations/document.css", "feedback/results_pdf.css")
# The rounds a trend shows: the round looked at and the ones before it.
TREND_ROUNDS = 12
# Free text in the PDF: each answer up to this many characters, all of them together up to
# the budget (layout time grows with text); the PDF carries every answer in full as a file.
PDF_TEXT_CHARS = 1_500
PDF_TEXT_BUDGET = 40_000
PDF_QUESTION_CHARS = 600


def round_days(result: RoundResult) -> tuple[date, date]:
    """The first and the last day the round was open (it closes at midnight after its last
    day)."""
    survey_round = result.round
    try:
        last = survey_round.closes_at - timedelta(seconds=1)
    except OverflowError:
        last = survey_round.closes_at
    return local_day(survey_round.opens_at), local_day(last)


def file_name(result: RoundResult, extension: str) -> str:
    name = gettext("survey-%(survey)s-round-%(number)s") % {
        "survey": result.round.survey_id,
        "number": result.round.number,
    }
    return f"{name}.{extension}"


def recent(points: list[TrendPoint]) -> list[TrendPoint]:
    return points[-TREND_ROUNDS:]


def trend_shown(item: QuestionResult) -> list[TrendPoint]:
    """The recent rounds of a rating or recommendation; none while this is the first, nor
    while no round has a figure."""
    points = recent(item.trend)
    if item.kind not in SCALES or len(points) < 2:
        return []
    return points if any(point.value is not None for point in points) else []


# --- CSV ---------------------------------------------------------------------------------


def csv_header() -> list[str]:
    return [
        gettext("Question"),
        gettext("Kind of answer"),
        gettext("Value, option or text"),
        gettext("Count"),
        gettext("Share (%)"),
        gettext("Mean"),
        gettext("NPS"),
    ]


def csv_rows(result: RoundResult) -> Iterator[list[object]]:
    """The header, then per question a row with its figures, a row per value or option (and
    per NPS group), a row per free text."""
    yield list[object](csv_header())
    for item in result.questions:
        question = neutralise(item.question.text)
        kind = item.question.get_kind_display()
        mean = charts.mean_text(item.mean) if item.mean is not None else ""
        score = item.nps.score if item.nps else ""
        yield [question, kind, gettext("all answers"), item.answers, "", mean, score]
        for bar in charts.bars(item):
            yield [question, kind, neutralise(bar.label), bar.count, bar.percent, "", ""]
        if item.nps:
            groups = (
                (charts.DETRACTOR, item.nps.detractors),
                (charts.PASSIVE, item.nps.passives),
                (charts.PROMOTER, item.nps.promoters),
            )
            for group, count in groups:
                percent = charts.share(count, item.nps.answers)
                yield [question, kind, charts.group_label(group), count, percent, "", ""]
        for text in item.texts:
            yield [question, kind, neutralise(text), "", "", "", ""]


def results_csv(result: RoundResult) -> str:
    """Semicolons, UTF-8 with a byte order mark (so that Excel reads the umlauts)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(csv_rows(result))
    return buffer.getvalue()


# --- PDF ---------------------------------------------------------------------------------


@dataclass
class PdfQuestion:
    item: QuestionResult
    text: str  # the question, shortened
    bars: list[charts.Bar]
    chart: str  # a data: URI, "" when there is nothing to draw
    trend: list[TrendPoint]
    texts: list[str] = field(default_factory=list)  # shortened, within the budget
    more_texts: int = 0  # answers left out of the document (they are in the attached file)
    mean: str = ""
    score: str = ""

    @property
    def trend_rows(self) -> list[tuple[TrendPoint, str]]:
        return [(point, charts.point_text(self.item, point)) for point in self.trend]


def pdf_questions(result: RoundResult) -> tuple[list[PdfQuestion], bool]:
    """What the PDF shows of each question; and whether any text was shortened or left out."""
    from vendorwatch.web.charts import svg_data_uri

    budget, cut = PDF_TEXT_BUDGET, False
    shown = []
    for item in result.questions:
        title = shorten(item.question.text, max_chars=PDF_QUESTION_CHARS, max_lines=10)
        drawn = item.answers > 0 and item.kind != QuestionKind.TEXT
        entry = PdfQuestion(
            item=item,
            text=title.text,
            bars=charts.bars(item),
            chart=svg_data_uri(charts.question_svg(item)) if drawn else "",
            trend=trend_shown(item),
            mean=charts.mean_text(item.mean),
            score=charts.score_text(item.nps.score if item.nps else None),
        )
        cut = cut or title.shortened
        for text in item.texts:
            if budget <= 0:
                entry.more_texts += 1
                continue
            part = shorten(text, max_chars=min(PDF_TEXT_CHARS, budget), max_lines=40)
            budget -= part.shown
            cut = cut or part.shortened
            entry.texts.append(part.text)
        cut = cut or entry.more_texts > 0
        shown.append(entry)
    return shown, cut


def attachment_name(result: RoundResult) -> str:
    return gettext("survey-%(survey)s-round-%(number)s-texts.txt") % {
        "survey": result.round.survey_id,
        "number": result.round.number,
    }


def full_texts(result: RoundResult) -> str:
    """Every question and free-text answer in full, for the file attached to the PDF."""
    parts = []
    for item in result.questions:
        parts.append(item.question.text)
        parts.extend(f"- {text}" for text in item.texts)
        parts.append("")
    return "\n".join(parts).strip() + "\n"


def pdf_context(result: RoundResult) -> dict[str, Any]:
    from vendorwatch.organisation.models import Organisation

    questions, cut = pdf_questions(result)
    first, last = round_days(result)
    survey = result.round.survey
    return {
        "result": result,
        "survey": survey,
        "title": shorten(survey.title, max_chars=300, max_lines=3).text,
        "provider": shorten(survey.provider.name, max_chars=300, max_lines=3).text,
        "organisation": Organisation.load(),
        "first_day": first,
        "last_day": last,
        "participation": participation_text(result),
        "questions": questions,
        "shortened": cut,
        "attachment": attachment_name(result),
    }


def results_pdf(result: RoundResult) -> bytes:
    """The round's summary as PDF, in the language of the organisation's documents.

    Raises :class:`vendorwatch.web.pdf.PdfUnavailable` when it cannot be made now; the slot is
    taken first, so that a request turned away draws no charts for nothing.
    """
    with pdf_slot(), translation.override(document_language()):
        context = pdf_context(result)
        html = render_to_string("feedback/pdf/results_pdf.html", context)
        attachments = []
        if context["shortened"]:
            attachments.append(
                PdfAttachment(
                    context["attachment"],
                    full_texts(result).encode("utf-8"),
                    gettext("The questions and free-text answers in full"),
                )
            )
        return render_pdf(html, static_css=STYLESHEETS, attachments=attachments)


def participation_text(result: RoundResult) -> str:
    """9 of 12 answered (also for a plain text without a template)."""
    if result.invited:
        return translation.ngettext(
            "%(answered)s of %(invited)s answered",
            "%(answered)s of %(invited)s answered",
            result.answered,
        ) % {
            "answered": formats.number_format(result.answered, force_grouping=True),
            "invited": formats.number_format(result.invited, force_grouping=True),
        }
    return translation.ngettext(
        "%(answered)s answered", "%(answered)s answered", result.answered
    ) % {"answered": formats.number_format(result.answered, force_grouping=True)}
