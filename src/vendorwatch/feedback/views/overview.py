"""The feedback overview: what the running surveys say now, then drafts and ended ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from vendorwatch.feedback import services
from vendorwatch.feedback.models import Employee, Survey, SurveyRound
from vendorwatch.feedback.results import latest_shown_round
from vendorwatch.feedback.views.surveys import RoundRow, latest_round_row
from vendorwatch.web.crud import paginate, perm

STATUS_ORDER = Case(
    When(status=Survey.Status.ACTIVE, then=Value(0)),
    When(status=Survey.Status.DRAFT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class SurveyRow:
    survey: Survey
    latest: RoundRow | None
    next_day: date | None
    # The newest round with results, when the latest one has too few answers yet.
    earlier_results: SurveyRound | None = None


@require_GET
@perm("feedback.view_survey")
def index(request: HttpRequest) -> HttpResponse:
    surveys = (
        Survey.objects.select_related("provider")
        .annotate(status_order=STATUS_ORDER)
        .order_by("status_order", "-created_at", "-pk")
    )
    page = paginate(request, surveys, 20)
    now = timezone.now()
    today = services.today_at(now)
    rows = []
    for survey in page:
        latest = latest_round_row(survey, now)
        earlier = None
        if latest is not None and not latest.enough:
            earlier = latest_shown_round(survey)
        rows.append(SurveyRow(survey, latest, services.next_round_day(survey, today), earlier))
    context = {
        "page": page,
        "running": [row for row in rows if row.survey.status == Survey.Status.ACTIVE],
        "drafts": [row for row in rows if row.survey.status == Survey.Status.DRAFT],
        "ended": [row for row in rows if row.survey.status == Survey.Status.ENDED],
        "employees": Employee.objects.filter(active=True).count(),
    }
    return render(request, "feedback/index.html", context)
