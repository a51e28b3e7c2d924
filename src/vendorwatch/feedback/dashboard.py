"""The employee feedback panel of the dashboard: per running survey the latest results that
may be shown, with the trend against the round shown before, and how many answered a round
still open; the ratings of resolved problems of the last 90 days.

Nothing to show (no survey with results or an open round, no rating): no panel. Only low
ratings are emphasised; everything else is calm. A fixed number of queries however many
surveys there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vendorwatch.core import feedback as fb
from vendorwatch.core.deadlines import format_date
from vendorwatch.feedback.models import LOW_RATING, ProblemRating, Survey, SurveyRound
from vendorwatch.feedback.report_section import (
    answered_text,
    last_open_day,
    low_text,
    mean_text,
    nps_text,
    picked_questions,
    round_figures,
    trend_word,
)
from vendorwatch.feedback.results import minimum
from vendorwatch.web.dashboard import panel
from vendorwatch.web.pdf import shorten

# Surveys listed; the rest are one link away.
SHOWN = 10
# A survey's provider and title are cut to this many characters.
LABEL_CHARS = 160
# Ratings of this many days back are counted.
RATING_DAYS = 90


@dataclass
class SurveyRow:
    survey: Survey
    label: str  # provider: title, cut, long words with break points (a phone's width)
    url: str
    latest: str = ""  # "round 2: satisfaction 4.2 out of 5 (better; …) · …"
    running: str = ""  # "round 3 is open until 19.12.2026: 4 of 12 have answered"

    @property
    def anything(self) -> bool:
        return bool(self.latest or self.running)


def _label(survey: Survey) -> str:
    cut = shorten(f"{survey.provider.name}: {survey.title}", max_chars=LABEL_CHARS, max_lines=1)
    return cut.text + ("…" if cut.shortened else "")


def _with_trend(
    text: str, current: Decimal | int, earlier: list[tuple[int, Decimal | int]], shown: str
) -> str:
    """``text`` with the trend against the latest earlier round that has this figure."""
    if not earlier:
        return text
    number, previous = earlier[-1]
    word = trend_word(current, previous)
    values = {"figure": text, "trend": word, "number": number, "previous": shown}
    return _("%(figure)s (%(trend)s; round %(number)s: %(previous)s)") % values


def _latest_text(shown: list[Any], figures: dict[int, Any]) -> str:
    """The headline of the latest shown round (``shown`` in order of the rounds)."""
    if not shown:
        return ""
    latest, earlier = shown[-1], shown[:-1]
    now = figures[latest.pk]
    parts = []
    if now.satisfaction is not None:
        before = [
            (r.number, figures[r.pk].satisfaction)
            for r in earlier
            if figures[r.pk].satisfaction is not None
        ]
        text = _("satisfaction %(mean)s") % {"mean": mean_text(now.satisfaction)}
        previous = mean_text(before[-1][1]) if before else ""
        parts.append(_with_trend(text, now.satisfaction, before, previous))
    if now.nps is not None:
        before = [(r.number, figures[r.pk].nps) for r in earlier if figures[r.pk].nps is not None]
        text = _("recommendation (NPS) %(nps)s") % {"nps": nps_text(now.nps)}
        previous = nps_text(int(before[-1][1])) if before else ""
        parts.append(_with_trend(text, now.nps, before, previous))
    if not parts:
        return _("round %(number)s: the results are ready") % {"number": latest.number}
    values = {"number": latest.number, "figures": " · ".join(parts)}
    return _("round %(number)s: %(figures)s") % values


def _running_text(survey_round: Any) -> str:
    values = {
        "number": survey_round.number,
        "day": format_date(last_open_day(survey_round.closes_at)),
        "answered": answered_text(survey_round.answered, survey_round.invited),
    }
    return _("round %(number)s is open until %(day)s: %(answered)s") % values


def survey_rows(now: datetime) -> list[SurveyRow]:
    """Every running survey (or one with a round still open) that has something to show,
    by provider; four queries."""
    is_open = Q(opens_at__lte=now, closes_at__gt=now)
    open_surveys = SurveyRound.objects.filter(is_open).values("survey_id")
    surveys = list(
        Survey.objects.filter(Q(status=Survey.Status.ACTIVE) | Q(pk__in=open_surveys))
        .select_related("provider")
        .only("title", "min_answers", "provider__name")
    )
    if not surveys:
        return []
    surveys.sort(key=lambda s: (s.provider.name.casefold(), s.title.casefold(), s.pk))
    rounds: dict[int, list[Any]] = defaultdict(list)
    for survey_round in (
        SurveyRound.objects.filter(survey__in=[s.pk for s in surveys], opens_at__lte=now)
        .annotate(answered=Count("responses"))
        .order_by("survey_id", "number")
    ):
        rounds[survey_round.survey_id].append(survey_round)
    shown = {s.pk: [r for r in rounds[s.pk] if fb.shown(r.answered, minimum(s))] for s in surveys}
    with_results = [r for items in shown.values() for r in items]
    picked = picked_questions({r.survey_id for r in with_results}) if with_results else {}
    figures = round_figures(with_results, picked)
    rows = []
    for survey in surveys:
        row = SurveyRow(survey, _label(survey), reverse("feedback-results", args=[survey.pk]))
        row.latest = _latest_text(shown[survey.pk], figures)
        running = [r for r in rounds[survey.pk] if r.closes_at > now]
        row.running = _running_text(running[-1]) if running else ""
        if row.anything:
            rows.append(row)
    return rows


@dataclass(frozen=True)
class Ratings:
    count: int
    text: str  # "12 ratings in the last 90 days, on average 4.3 out of 5."
    low: int
    low_text: str


def recent_ratings(now: datetime) -> Ratings | None:
    """The ratings of resolved problems given in the last :data:`RATING_DAYS` days (one
    query); ``None`` without any."""
    totals = ProblemRating.objects.filter(
        stars__isnull=False, answered_at__gte=now - timedelta(days=RATING_DAYS)
    ).aggregate(
        count=Count("pk"), total=Sum("stars"), low=Count("pk", filter=Q(stars__lte=LOW_RATING))
    )
    count = totals["count"] or 0
    if not count:
        return None
    mean = fb.mean_of_sum(totals["total"] or 0, count)
    text = ngettext(
        "%(count)s rating of a resolved problem in the last %(days)s days, on average %(mean)s.",
        "%(count)s ratings of resolved problems in the last %(days)s days, on average %(mean)s.",
        count,
    ) % {"count": count, "days": RATING_DAYS, "mean": mean_text(mean) if mean else "–"}
    low = totals["low"] or 0
    return Ratings(count=count, text=text, low=low, low_text=low_text(low))


@panel("feedback/_dashboard_panel.html", order=45)
def feedback_panel(request: HttpRequest) -> dict[str, Any] | None:
    user = request.user
    now = timezone.now()
    rows = survey_rows(now) if user.has_perm("feedback.view_survey") else []
    ratings = recent_ratings(now) if user.has_perm("feedback.view_problemrating") else None
    if not rows and ratings is None:
        return None
    return {
        "rows": rows[:SHOWN],
        "more": max(0, len(rows) - SHOWN),
        "ratings": ratings,
        "ratings_url": reverse("feedback-ratings"),
    }
