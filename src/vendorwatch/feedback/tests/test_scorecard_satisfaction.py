"""The scorecard's employee satisfaction: ratings of solved problems and the surveys' overall
question, each answer once, against hand-worked means.

Today is Friday 04.12.2026: the scorecard's period is 01.01.2026 to 04.12.2026.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vendorwatch.alternatives.scorecard import provider_scorecard, satisfaction_figures
from vendorwatch.feedback.models import QuestionKind, Survey, SurveyRound
from vendorwatch.feedback.tests.factory import (
    make_question,
    make_rating,
    make_response,
    make_round,
    make_survey,
)
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)
START = date(2026, 1, 1)
IN_PERIOD = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def now() -> Any:
    make_organisation(federal_state="DE-BY")
    with time_machine.travel(datetime(2026, 12, 4, 10, 0, tzinfo=UTC), tick=False):
        yield


def figures(provider: Provider) -> tuple[Decimal | None, int]:
    return satisfaction_figures(provider, start=START, end=TODAY)


def rated(provider: Provider, stars: int, at: datetime = IN_PERIOD) -> None:
    rating, _token = make_rating(make_problem(provider=provider))
    rating.stars, rating.answered_at = stars, at
    rating.save(update_fields=["stars", "answered_at"])


def surveyed(
    provider: Provider,
    values: list[int],
    *,
    minimum: int = 5,
    opens_at: datetime = IN_PERIOD,
    topic: str = "overall",
) -> Survey:
    """A survey with an overall question and another rating question (answered 1 each
    time: it must not count), one round with a response per value."""
    survey = make_survey(provider=provider, questions=False, min_answers=minimum)
    overall = make_question(survey, kind=QuestionKind.RATING, topic=topic)
    other = make_question(survey, kind=QuestionKind.RATING, topic="responsiveness")
    survey_round, _links = make_round(survey, emails=[], opens_at=opens_at)
    for value in values:
        make_response(survey_round, {overall: value, other: 1})
    return survey


def test_ratings_and_the_overall_answers_of_a_shown_round_count_each_once() -> None:
    provider = make_provider()
    rated(provider, 5)
    rated(provider, 4)
    surveyed(provider, [3, 3, 4, 4, 5])
    # (5 + 4 + 3 + 3 + 4 + 4 + 5) / 7 = 28 / 7
    assert figures(provider) == (Decimal("4.0"), 7)


def test_a_round_below_its_minimum_counts_nothing() -> None:
    provider = make_provider()
    rated(provider, 2)
    surveyed(provider, [5, 5, 5, 5], minimum=5)
    assert figures(provider) == (Decimal("2.0"), 1)


def test_a_survey_without_an_overall_question_counts_all_its_rating_questions() -> None:
    provider = make_provider()
    surveyed(provider, [5, 5, 5], minimum=3, topic="")
    # three 5s and three 1s of the other rating question
    assert figures(provider) == (Decimal("3.0"), 6)


def test_the_mean_is_rounded_half_up_to_one_decimal() -> None:
    provider = make_provider()
    for stars in (5, 5, 4, 4):
        rated(provider, stars)
    assert figures(provider) == (Decimal("4.5"), 4)
    rated(provider, 4)
    rated(provider, 4)
    # 26 / 6 = 4.333…
    assert figures(provider) == (Decimal("4.3"), 6)


def test_other_providers_ratings_and_surveys_are_ignored() -> None:
    provider, other = make_provider(), make_provider(name="Andere GmbH")
    rated(provider, 4)
    rated(other, 1)
    surveyed(other, [1, 1, 1, 1, 1])
    assert figures(provider) == (Decimal("4.0"), 1)


def test_ratings_and_rounds_outside_the_period_are_ignored() -> None:
    provider = make_provider()
    rated(provider, 1, at=datetime(2025, 12, 31, 22, 30, tzinfo=UTC))  # 31.12.2025 local
    rated(provider, 3, at=datetime(2025, 12, 31, 23, 30, tzinfo=UTC))  # 01.01.2026 local
    rated(provider, 1, at=datetime(2026, 12, 4, 23, 30, tzinfo=UTC))  # 05.12.2026 local
    surveyed(provider, [1, 1, 1, 1, 1], opens_at=datetime(2025, 11, 3, 9, 0, tzinfo=UTC))
    assert figures(provider) == (Decimal("3.0"), 1)


def test_a_request_without_an_answer_counts_nothing() -> None:
    provider = make_provider()
    make_rating(make_problem(provider=provider))
    assert figures(provider) == (None, 0)


def test_no_data_is_none_and_zero_in_one_query() -> None:
    provider = make_provider()
    with CaptureQueriesContext(connection) as captured:
        assert figures(provider) == (None, 0)
    assert len([q for q in captured if "feedback_" in q["sql"]]) == 1


def test_a_stored_round_at_the_end_of_the_calendar_breaks_nothing() -> None:
    provider = make_provider()
    surveyed(provider, [5, 5, 5, 5, 5])
    SurveyRound.objects.update(opens_at=datetime(9999, 12, 31, 23, 0, tzinfo=UTC))
    assert figures(provider) == (None, 0)
    assert satisfaction_figures(provider, start=START, end=date.max) == (Decimal("5.0"), 5)


def test_the_scorecard_scores_the_satisfaction() -> None:
    provider = make_provider()
    rated(provider, 5)
    rated(provider, 4)
    surveyed(provider, [3, 3, 4, 4, 5])
    component = provider_scorecard(provider, today=TODAY).component("satisfaction")
    # (4.0 − 1) / 4 × 100
    assert component is not None and component.score == Decimal("75")
    assert component.numbers["answers"] == 7


def test_the_satisfaction_asks_as_often_with_many_answers(viewer: Any) -> None:
    provider = make_provider()
    client = Client()
    client.force_login(viewer)
    url = reverse("alternatives-scorecard", args=[provider.pk])

    def queries() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    rated(provider, 4)
    few = queries()
    for _ in range(5):
        rated(provider, 3)
    surveyed(provider, [3, 3, 4, 4, 5])
    assert queries() == few


def test_the_scorecard_page_shows_the_satisfaction(viewer: Any) -> None:
    provider = make_provider()
    rated(provider, 5)
    rated(provider, 4)
    surveyed(provider, [3, 3, 4, 4, 5])
    client = Client()
    client.force_login(viewer)
    text = client.get(reverse("alternatives-scorecard", args=[provider.pk])).content.decode()
    assert "Zufriedenheit der Mitarbeitenden" in text
    assert "Durchschnittliche Bewertung 4 von 5 aus 7 Antworten" in text
