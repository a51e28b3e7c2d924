"""The results of a survey round: per question the distribution, the mean or the Net Promoter
Score, the trend against earlier rounds, and the free-text answers in random order.

Nothing is shown for a round with fewer responses than the survey's minimum (``shown`` is
false and the questions are empty): a single answer must not be traceable. The figures come
from the engine (:mod:`vendorwatch.core.feedback`); every round's answers are read with one
query per round.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from vendorwatch.core import feedback as fb
from vendorwatch.feedback.models import (
    MIN_GROUP_FLOOR,
    Answer,
    Question,
    QuestionKind,
    Survey,
    SurveyRound,
)

SCALES = {QuestionKind.RATING: (1, 5), QuestionKind.RECOMMEND: (0, 10)}


@dataclass(frozen=True)
class TrendPoint:
    number: int  # the round
    opened_on: date
    answered: int
    shown: bool
    # The round's mean (rating) or NPS (recommendation); None when not shown or no answers.
    value: Decimal | int | None


@dataclass
class QuestionResult:
    question: Question
    answers: int = 0
    mean: Decimal | None = None  # rating 1–5 and recommendation 0–10
    nps: fb.Nps | None = None  # recommendation 0–10
    # (value or option, count) in the scale's or the options' order; empty for free text.
    distribution: list[tuple[int | str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # free text, in random order
    trend: list[TrendPoint] = field(default_factory=list)  # earlier rounds first, this one last

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def headline(self) -> Decimal | int | None:
        """The one figure to lead with: the NPS of a recommendation, else the mean."""
        if self.question.kind == QuestionKind.RECOMMEND:
            return self.nps.score if self.nps else None
        return self.mean


@dataclass
class RoundResult:
    round: SurveyRound
    invited: int
    answered: int
    minimum: int
    shown: bool
    questions: list[QuestionResult]

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.answered)


def minimum(survey: Survey) -> int:
    """The answers a round needs before it is shown: the survey's figure, never fewer than
    :data:`MIN_GROUP_FLOOR` (a figure written to the database directly is not trusted)."""
    return max(MIN_GROUP_FLOOR, survey.min_answers)


def local_day(moment: datetime) -> date:
    """The day of ``moment`` in the current time zone; a time at the edge of the calendar
    (31.12.9999 23:30 UTC is already the year 10000 in Berlin) keeps its stored day."""
    try:
        return timezone.localdate(moment)
    except (OverflowError, ValueError):
        return moment.date()


def answered_counts(survey: Survey) -> dict[int, int]:
    """Responses per round number (one query)."""
    rows = survey.rounds.annotate(answered=Count("responses")).values_list("number", "answered")
    return dict(rows)


def round_results(survey_round: SurveyRound, *, rng: random.Random | None = None) -> RoundResult:
    survey = survey_round.survey
    counts = answered_counts(survey)
    answered = counts.get(survey_round.number, 0)
    shown = fb.shown(answered, minimum(survey))
    result = RoundResult(
        round=survey_round,
        invited=survey_round.invited,
        answered=answered,
        minimum=minimum(survey),
        shown=shown,
        questions=[],
    )
    if not shown:
        return result
    questions = list(survey.questions.all())
    values = _values(survey_round)
    trend = _trend(survey, survey_round, questions, counts)
    shuffle = rng or random.SystemRandom()
    for question in questions:
        given = values.get(question.pk, [])
        item = QuestionResult(question=question, answers=len(given), trend=trend[question.pk])
        if question.kind in SCALES:
            low, high = SCALES[QuestionKind(question.kind)]
            numbers = [int(v) for v in given]
            item.mean = fb.mean(numbers)
            item.distribution = list(fb.distribution(numbers, low, high))
            if question.kind == QuestionKind.RECOMMEND:
                item.nps = fb.nps(numbers)
        elif question.kind == QuestionKind.CHOICE:
            item.distribution = list(fb.choice_distribution(map(str, given), question.options))
        else:
            texts = [str(v) for v in given]
            shuffle.shuffle(texts)
            item.texts = texts
        result.questions.append(item)
    return result


def _values(survey_round: SurveyRound) -> dict[int, list[int | str]]:
    found: dict[int, list[int | str]] = defaultdict(list)
    rows = Answer.objects.filter(response__round=survey_round).values_list(
        "question_id", "number", "choice", "text"
    )
    for question_id, number, choice, text in rows:
        value = number if number is not None else (choice or text)
        if value not in ("", None):
            found[question_id].append(value)
    return found


def _trend(
    survey: Survey,
    upto: SurveyRound,
    questions: list[Question],
    counts: dict[int, int],
) -> dict[int, list[TrendPoint]]:
    """Per question the mean (rating) or NPS (recommendation) of every round up to ``upto``,
    each only where that round was shown; one query for all."""
    rounds = list(survey.rounds.filter(number__lte=upto.number).order_by("number"))
    scaled = [q.pk for q in questions if q.kind in SCALES]
    numbers: dict[tuple[int, int], list[int]] = defaultdict(list)
    rows = Answer.objects.filter(
        Q(question_id__in=scaled),
        response__round__survey=survey,
        response__round__number__lte=upto.number,
        number__isnull=False,
    ).values_list("response__round__number", "question_id", "number")
    for number, question_id, given_number in rows:
        if given_number is not None:
            numbers[(number, question_id)].append(given_number)
    trend: dict[int, list[TrendPoint]] = {q.pk: [] for q in questions}
    for question in questions:
        if question.pk not in scaled:
            continue
        for survey_round in rounds:
            answered = counts.get(survey_round.number, 0)
            shown = fb.shown(answered, minimum(survey))
            given = numbers.get((survey_round.number, question.pk), [])
            value: Decimal | int | None = None
            if shown and given:
                if question.kind == QuestionKind.RECOMMEND:
                    score = fb.nps(given)
                    value = score.score if score else None
                else:
                    value = fb.mean(given)
            trend[question.pk].append(
                TrendPoint(
                    number=survey_round.number,
                    opened_on=local_day(survey_round.opens_at),
                    answered=answered,
                    shown=shown,
                    value=value,
                )
            )
    return trend


def latest_shown_round(survey: Survey) -> SurveyRound | None:
    """The newest round of the survey whose results may be shown."""
    for number, answered in sorted(answered_counts(survey).items(), reverse=True):
        if fb.shown(answered, minimum(survey)):
            return survey.rounds.get(number=number)
    return None


@dataclass(frozen=True)
class Headline:
    """The latest figures of a survey for the dashboard and the monthly report."""

    survey: Survey
    round: SurveyRound
    answered: int
    # The overall satisfaction (the question with topic "overall", else the first rating
    # question): its mean; the first recommendation question: its NPS.
    satisfaction: Decimal | None
    nps: int | None
    previous_satisfaction: Decimal | None  # the round shown before, for the trend arrow
    previous_nps: int | None


def headline(survey: Survey) -> Headline | None:
    survey_round = latest_shown_round(survey)
    if survey_round is None:
        return None
    result = round_results(survey_round, rng=random.Random(0))
    rating = headline_question(result, QuestionKind.RATING)
    recommend = headline_question(result, QuestionKind.RECOMMEND)

    def previous(item: QuestionResult | None) -> Decimal | int | None:
        earlier = [p for p in (item.trend[:-1] if item else []) if p.value is not None]
        return earlier[-1].value if earlier else None

    previous_rating = previous(rating)
    previous_score = previous(recommend)
    return Headline(
        survey=survey,
        round=survey_round,
        answered=result.answered,
        satisfaction=rating.mean if rating else None,
        nps=recommend.nps.score if recommend and recommend.nps else None,
        previous_satisfaction=previous_rating if isinstance(previous_rating, Decimal) else None,
        previous_nps=previous_score if isinstance(previous_score, int) else None,
    )


def headline_question(result: RoundResult, kind: str) -> QuestionResult | None:
    """The question a headline figure comes from: of the questions of ``kind``, the one of the
    "overall" topic, else the first."""
    items = [q for q in result.questions if q.kind == kind]
    overall = [q for q in items if q.question.topic == "overall"]
    chosen = overall or items
    return chosen[0] if chosen else None
