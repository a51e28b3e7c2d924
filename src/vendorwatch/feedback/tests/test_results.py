"""The results of a round (``results.round_results``): hidden below the minimum, figures and
free texts from it on, the trend across rounds."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from vendorwatch.feedback import results
from vendorwatch.feedback.models import QuestionKind, Survey
from vendorwatch.feedback.tests.factory import (
    make_question,
    make_response,
    make_round,
    make_survey,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey() -> Survey:
    return make_survey(questions=False, min_answers=5)


def answer_round(survey: Survey, values: list[dict[Any, Any]], **fields: Any) -> Any:
    survey_round, _links = make_round(survey, **fields)
    for answers in values:
        make_response(survey_round, answers)
    return survey_round


def test_a_round_below_the_minimum_shows_no_figures_and_no_texts(survey: Survey) -> None:
    rating = make_question(survey)
    text = make_question(survey, kind=QuestionKind.TEXT, text="Was fehlt?")
    survey_round = answer_round(survey, [{rating: 5, text: "Mehr Zeit"}] * 4)
    result = results.round_results(survey_round)
    assert (result.shown, result.answered, result.missing) == (False, 4, 1)
    assert result.questions == []


def test_a_round_at_the_minimum_is_shown(survey: Survey) -> None:
    rating = make_question(survey)
    survey_round = answer_round(survey, [{rating: v} for v in (4, 4, 5, 3, 4)])
    result = results.round_results(survey_round)
    assert result.shown
    # (4 + 4 + 5 + 3 + 4) / 5 = 20 / 5 = 4.0
    assert result.questions[0].mean == Decimal("4.0")
    assert result.questions[0].distribution == [(1, 0), (2, 0), (3, 1), (4, 3), (5, 1)]


def test_a_minimum_written_below_the_floor_still_hides_a_small_round() -> None:
    survey = make_survey(questions=False)
    Survey.objects.filter(pk=survey.pk).update(min_answers=1)
    survey.refresh_from_db()
    rating = make_question(survey)
    survey_round = answer_round(survey, [{rating: 5}, {rating: 4}])
    result = results.round_results(survey_round)
    assert not result.shown
    assert result.minimum == 3


def test_the_recommendation_gets_its_nps_and_groups(survey: Survey) -> None:
    recommend = make_question(survey, kind=QuestionKind.RECOMMEND)
    values = [10, 10, 9, 8, 7, 6, 3]
    survey_round = answer_round(survey, [{recommend: v} for v in values])
    item = results.round_results(survey_round).questions[0]
    # 3 promoters, 2 detractors of 7: 100 × 1 / 7 = 14.28… → 14
    assert item.nps is not None
    assert (item.nps.score, item.nps.promoters, item.nps.detractors) == (14, 3, 2)
    assert len(item.distribution) == 11
    assert item.headline == 14


def test_the_choice_distribution_counts_each_option(survey: Survey) -> None:
    choice = make_question(survey, kind=QuestionKind.CHOICE, choices="Telefon\nE-Mail\nPortal")
    answers = ["E-Mail", "Telefon", "E-Mail", "E-Mail", "Telefon"]
    survey_round = answer_round(survey, [{choice: a} for a in answers])
    item = results.round_results(survey_round).questions[0]
    assert item.distribution == [("Telefon", 2), ("E-Mail", 3), ("Portal", 0)]
    assert item.mean is None and item.nps is None


def test_every_free_text_is_in_the_results(survey: Survey) -> None:
    text = make_question(survey, kind=QuestionKind.TEXT, text="Was fehlt?")
    written = [f"Antwort {n}" for n in range(1, 7)]
    survey_round = answer_round(survey, [{text: t} for t in written])
    item = results.round_results(survey_round, rng=random.Random(3)).questions[0]
    assert sorted(item.texts) == written
    assert item.answers == 6


def test_the_free_texts_come_in_no_fixed_order(survey: Survey) -> None:
    text = make_question(survey, kind=QuestionKind.TEXT, text="Was fehlt?")
    survey_round = answer_round(survey, [{text: f"Antwort {n}"} for n in range(1, 7)])
    orders = {
        tuple(results.round_results(survey_round, rng=random.Random(seed)).questions[0].texts)
        for seed in range(5)
    }
    assert len(orders) >= 2


def test_the_trend_leaves_a_hidden_round_without_a_value(survey: Survey) -> None:
    rating = make_question(survey)
    start = timezone.now() - timedelta(days=200)
    answer_round(survey, [{rating: 3}] * 5, opens_at=start)
    answer_round(survey, [{rating: 1}] * 2, opens_at=start + timedelta(days=90))
    third = answer_round(survey, [{rating: 4}] * 4 + [{rating: 5}], opens_at=timezone.now())
    trend = results.round_results(third).questions[0].trend
    assert [(p.number, p.shown, p.value) for p in trend] == [
        (1, True, Decimal("3.0")),
        (2, False, None),
        # (4 × 4 + 5) / 5 = 21 / 5 = 4.2
        (3, True, Decimal("4.2")),
    ]


def test_the_trend_of_an_earlier_round_ends_with_that_round(survey: Survey) -> None:
    rating = make_question(survey)
    first = answer_round(survey, [{rating: 3}] * 5)
    answer_round(survey, [{rating: 5}] * 5)
    trend = results.round_results(first).questions[0].trend
    assert [p.number for p in trend] == [1]


def test_the_headline_compares_with_the_previous_shown_round(survey: Survey) -> None:
    make_question(survey, kind=QuestionKind.RATING, topic="overall")
    rating = survey.questions.get()
    answer_round(survey, [{rating: 3}] * 4 + [{rating: 4}])  # 3.2
    answer_round(survey, [{rating: 1}] * 2)  # hidden
    answer_round(survey, [{rating: 4}] * 5)  # 4.0
    found = results.headline(survey)
    assert found is not None
    assert found.round.number == 3
    assert (found.satisfaction, found.previous_satisfaction) == (Decimal("4.0"), Decimal("3.2"))


def test_a_round_opened_at_the_end_of_the_calendar_has_a_date(survey: Survey) -> None:
    rating = make_question(survey)
    end = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)
    survey_round = answer_round(survey, [{rating: 5}] * 5, opens_at=end - timedelta(days=14))
    type(survey_round).objects.filter(pk=survey_round.pk).update(opens_at=end, closes_at=end)
    survey_round.refresh_from_db()
    point = results.round_results(survey_round).questions[0].trend[-1]
    assert point.opened_on == date(9999, 12, 31)
