"""The results of a survey: the page of a round, its charts, the CSV and the PDF.

Nothing of a round below its minimum leaves the server: the page says how many answers are
still missing, and the round's charts, CSV and PDF answer 404 — whoever knows their address.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from vendorwatch.core import feedback as fb
from vendorwatch.feedback import charts
from vendorwatch.feedback import results_export as export
from vendorwatch.feedback.models import QuestionKind, Survey, SurveyRound
from vendorwatch.feedback.results import (
    SCALES,
    QuestionResult,
    RoundResult,
    TrendPoint,
    headline_question,
    minimum,
    round_results,
)
from vendorwatch.web.charts import svg_response
from vendorwatch.web.crud import perm
from vendorwatch.web.parsing import parse_int
from vendorwatch.web.pdf import pdf_download

VIEW = "feedback.view_survey"
# Rounds linked above the results; older ones are reached by their number.
LINKED_ROUNDS = 12


@dataclass
class ShownQuestion:
    """A question of a shown round as the page presents it."""

    item: QuestionResult
    bars: list[charts.Bar]
    chart_url: str  # "" when there is nothing to draw
    trend: list[TrendPoint]  # the recent rounds, this one last
    trend_chart_url: str  # "" with fewer than two rounds to draw
    previous: TrendPoint | None  # the last earlier round with a figure

    @property
    def change(self) -> str:
        """ "up", "down" or "same" against the previous round; "" without one."""
        now, before = self.item.headline, self.previous.value if self.previous else None
        if now is None or before is None:
            return ""
        return "up" if now > before else "down" if now < before else "same"

    @property
    def figure(self) -> str:
        """The headline figure as text: +33, 4,2."""
        return charts.value_text(self.item, self.item.headline)

    @property
    def previous_figure(self) -> str:
        return charts.value_text(self.item, self.previous.value if self.previous else None)

    @property
    def trend_rows(self) -> list[tuple[TrendPoint, str]]:
        return [(point, charts.point_text(self.item, point)) for point in self.trend]

    @property
    def chart_height(self) -> int:
        """The chart's height in CSS pixels (its width is 720)."""
        return round(charts.height_in(self.item) * 72)


def load_survey(pk: int) -> Survey:
    return get_object_or_404(Survey.objects.select_related("provider"), pk=pk)


def shown_result(pk: int, number: int | None) -> RoundResult:
    """The results of the survey's round ``number`` (the latest for ``None``); 404 when there
    is no such round or it is below its minimum."""
    survey = load_survey(pk)
    rounds = survey.rounds.order_by("-number")
    survey_round = rounds.first() if number is None else rounds.filter(number=number).first()
    if survey_round is None:
        raise Http404
    result = round_results(survey_round)
    if not result.shown:
        raise Http404
    return result


def question_of(result: RoundResult, question_pk: int) -> QuestionResult:
    found = [item for item in result.questions if item.question.pk == question_pk]
    if not found:
        raise Http404
    return found[0]


def shown_question(result: RoundResult, item: QuestionResult) -> ShownQuestion:
    survey_round = result.round
    args = [survey_round.survey_id, survey_round.number, item.question.pk]
    drawn = item.answers > 0 and item.kind != QuestionKind.TEXT
    trend = export.trend_shown(item)
    earlier = [point for point in item.trend[:-1] if point.value is not None]
    trend_url = ""
    if sum(1 for point in trend if point.value is not None) >= 2:
        trend_url = reverse(
            "feedback-results-trend-chart", args=[survey_round.survey_id, item.question.pk]
        )
        trend_url += f"?round={survey_round.number}"
    return ShownQuestion(
        item=item,
        bars=charts.bars(item),
        chart_url=reverse("feedback-results-chart", args=args) if drawn else "",
        trend=trend,
        trend_chart_url=trend_url,
        previous=earlier[-1] if earlier else None,
    )


def round_links(survey: Survey, rounds: Sequence[Any], current: SurveyRound) -> list[Any]:
    """Links to the latest rounds (``rounds`` annotated with their ``answered`` count)."""
    base = reverse("feedback-results", args=[survey.pk])
    needed = minimum(survey)
    return [
        {
            "number": survey_round.number,
            "url": f"{base}?round={survey_round.number}",
            "current": survey_round.pk == current.pk,
            "hidden": not fb.shown(survey_round.answered, needed),
        }
        for survey_round in rounds[-LINKED_ROUNDS:]
    ]


def round_context(survey: Survey, survey_round: SurveyRound) -> dict[str, Any]:
    result = round_results(survey_round)
    first_day, last_day = export.round_days(result)
    questions = [shown_question(result, item) for item in result.questions]
    by_question = {shown.item.question.pk: shown for shown in questions}

    def headline(kind: str) -> ShownQuestion | None:
        item = headline_question(result, kind)
        return by_question[item.question.pk] if item else None

    args = [survey.pk, survey_round.number]
    return {
        "result": result,
        "first_day": first_day,
        "last_day": last_day,
        "closed": survey_round.closes_at <= timezone.now(),
        "participation": export.participation_text(result),
        "questions": questions,
        "satisfaction": headline(QuestionKind.RATING),
        "recommend": headline(QuestionKind.RECOMMEND),
        "csv_url": reverse("feedback-results-csv", args=args),
        "pdf_url": reverse("feedback-results-pdf", args=args),
    }


@require_safe
@perm(VIEW)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = load_survey(pk)
    rounds = list(survey.rounds.annotate(answered=Count("responses")).order_by("number"))
    number = parse_int(request.GET.get("round"), minimum=1)
    current = rounds[-1] if rounds and number is None else None
    if number is not None:
        current = next((r for r in rounds if r.number == number), None)
        if current is None:
            raise Http404
    context: dict[str, Any] = {"survey": survey, "current": current}
    if current is not None:
        context["rounds"] = round_links(survey, rounds, current)
        context["more_rounds"] = len(rounds) > LINKED_ROUNDS
        context.update(round_context(survey, current))
    return render(request, "feedback/results.html", context)


@require_safe
@perm(VIEW)
def question_chart(request: HttpRequest, pk: int, number: int, question_pk: int) -> HttpResponse:
    item = question_of(shown_result(pk, number), question_pk)
    if item.kind == QuestionKind.TEXT:
        raise Http404
    return svg_response(charts.question_svg(item))


@require_safe
@perm(VIEW)
def trend_chart(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    number = parse_int(request.GET.get("round"), minimum=1)
    item = question_of(shown_result(pk, number), question_pk)
    if item.kind not in SCALES:
        raise Http404
    return svg_response(charts.trend_svg(item, export.recent(item.trend)))


@require_safe
@perm(VIEW)
def results_csv(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    result = shown_result(pk, number)
    response = HttpResponse(export.results_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.file_name(result, "csv")}"'
    return response


@require_safe
@perm(VIEW)
def results_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    result = shown_result(pk, number)
    back = reverse("feedback-results", args=[pk]) + f"?round={number}"
    return pdf_download(
        request,
        filename=export.file_name(result, "pdf"),
        render=lambda: export.results_pdf(result),
        back_url=back,
    )
